// Issue 10, item 6: one table from error code to dispatch status, audit outcome and exit code, the same
// whether the error is raised while planning, while running directly, or while running an approved request.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { ERROR_TABLE, type ErrorCode } from '../../src/pipeline/error-table.js';
import { Registry } from '../../src/pipeline/registry.js';
import { text } from '../../src/pipeline/reply.js';
import { UserError } from '../../src/pipeline/user-error.js';
import { exitCodeFor } from '../../src/shell/exit-code.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

const CODES = Object.keys(ERROR_TABLE) as ErrorCode[];
const raise = (code: ErrorCode): never => {
  throw code === 'internal' ? new Error('socket hang up at 10.0.0.5') : new UserError(code, `raised ${code}`);
};

/** A write whose plan or run raises the error named by its arguments. */
const faulty = defineCommand({
  name: 'faulty',
  usage: 'faulty <where> <code>',
  summary: 'raises',
  examples: [],
  positional: ['where', 'code'],
  flags: {},
  args: z.object({ where: z.enum(['plan', 'run']), code: z.string() }),
  risk: () => 'write',
  plan: async ({ args }) => {
    if (args.where === 'plan') raise(args.code as ErrorCode);
    return { current: [], calls: [], warnings: [], state: null };
  },
  run: async ({ args }) => raise(args.code as ErrorCode),
  present: () => ({ summary: '', visibility: 'ephemeral', parts: [text('')] }),
});

function setup() {
  const audit = memoryAuditLog();
  const config = RadioConfig.parse({ roles: { viewer: [], operator: ['U0ALICE'], approver: [] } });
  const dispatch = createDispatcher({
    registry: new Registry([faulty]),
    config,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit },
  });
  return { audit, send: (line: string) => dispatch({ source: 'shell', userId: 'U0ALICE', text: line }) };
}

describe('the error table', () => {
  it.each(
    CODES.flatMap(
      (code) =>
        [
          ['plan', code],
          ['run', code],
        ] as const,
    ),
  )('classifies %s-time %s by the table', async (where, code) => {
    const { audit, send } = setup();
    const outcome = await send(`faulty ${where} ${code}`);
    const row = ERROR_TABLE[code];
    expect(outcome).toMatchObject({ status: row.status, code });
    expect(exitCodeFor(outcome)).toBe(row.exit);
    // A run is `started` then its outcome, always; a refusal before that is one row, or none for usage errors.
    const expected = where === 'run' ? ['started', row.audit] : row.audited ? [row.audit] : [];
    expect(audit.events.map((event) => event.outcome)).toEqual(expected);
    if (code === 'internal') {
      expect(JSON.stringify(outcome.reply)).not.toContain('10.0.0.5');
      expect(outcome.reply.summary).toMatch(/Reference: [0-9a-f]{8}/);
    } else {
      expect(outcome.reply.summary).toBe(`raised ${code}`);
    }
  });

  it('keeps an IAM refusal apart from a role refusal', () => {
    expect(ERROR_TABLE.iam_denied).toMatchObject({ status: 'failed', audit: 'failed' });
    expect(ERROR_TABLE.denied).toMatchObject({ status: 'refused', audit: 'denied' });
  });
});
