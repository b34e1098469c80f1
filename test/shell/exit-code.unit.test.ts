import { describe, expect, it } from 'vitest';
import type { DispatchOutcome } from '../../src/pipeline/dispatcher.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { exitCodeFor } from '../../src/shell/exit-code.js';

const reply: Reply = { summary: '', parts: [], visibility: 'ephemeral' };

describe('exitCodeFor', () => {
  it('maps outcomes to 0 succeeded, 1 failed or refused, 2 usage error', () => {
    const cases: [DispatchOutcome, number][] = [
      [{ status: 'succeeded', requestId: 'r', command: 'db size', result: {}, reply }, 0],
      [{ status: 'failed', requestId: 'r', code: 'internal', reply }, 1],
      [{ status: 'failed', requestId: 'r', code: 'iam_denied', reply }, 1],
      [{ status: 'refused', requestId: 'r', code: 'denied', reply }, 1],
      [{ status: 'refused', requestId: 'r', code: 'not_configured', reply }, 1],
      [{ status: 'refused', requestId: 'r', code: 'usage', reply }, 2],
      [{ status: 'refused', requestId: 'r', code: 'unknown_command', reply }, 2],
    ];
    for (const [outcome, code] of cases) expect([outcome.status, exitCodeFor(outcome)]).toEqual([outcome.status, code]);
  });

  it('maps a request waiting for approval to 3', () => {
    expect(exitCodeFor({ status: 'pending', requestId: 'r', approvalId: 'a', reply })).toBe(3);
  });
});

describe('a forced dry-run', () => {
  it('exits 1: it only planned, the action did not happen', () => {
    expect(
      exitCodeFor({
        status: 'succeeded',
        requestId: 'r',
        command: 'scale',
        result: null,
        reply: { summary: '', parts: [], visibility: 'in_channel' },
        forcedDryRun: 'no AWS credentials',
      }),
    ).toBe(1);
    expect(
      exitCodeFor({
        status: 'succeeded',
        requestId: 'r',
        command: 'scale',
        result: null,
        reply: { summary: '', parts: [], visibility: 'in_channel' },
      }),
    ).toBe(0);
  });
});
