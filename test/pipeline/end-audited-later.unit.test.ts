// A command that starts something which ends later (a runbook run) is not audited `succeeded` when it answers:
// what it started writes the request's outcome row when it really ends. Its failures are audited as usual.
import { describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/pipeline/execute.js';
import { memoryAuditLog, silentLog } from '../support/fakes.js';

const execution = {
  invocation: {
    requestId: '00000000-0000-4000-8000-000000000017',
    source: 'shell' as const,
    userId: 'U0ALICE',
    text: 'x',
  },
  command: 'x',
  risk: 'write' as const,
};

async function rows(endAuditedLater: boolean, work: () => Promise<string>) {
  const audit = memoryAuditLog();
  const executor = createExecutor({ audit, log: silentLog });
  const outcome = await executor.execute(execution, work, { endAuditedLater });
  return { outcome: outcome.status, rows: audit.events.map((event) => [event.outcome, event.error]) };
}

describe('an execution whose end is audited later', () => {
  it('writes only `started` when its work returns', async () => {
    expect(await rows(true, async () => 'started run_X')).toEqual({
      outcome: 'succeeded',
      rows: [['started', undefined]],
    });
  });

  it('still audits a failure at once', async () => {
    expect(
      await rows(true, async () => {
        throw new Error('the run could not be stored');
      }),
    ).toEqual({
      outcome: 'failed',
      rows: [
        ['started', undefined],
        ['failed', 'the run could not be stored'],
      ],
    });
  });

  it('is the exception: by default a returning run is audited `succeeded`', async () => {
    expect((await rows(false, async () => 'done')).rows.map(([outcome]) => outcome)).toEqual(['started', 'succeeded']);
  });
});
