// Issue 17 (fresh-user review): `runbook dr restore` approved a few minutes after it was asked was refused as
// "The settings to copy changed since approval: DBInstanceIdentifier": the restore step's default name carries
// the minute (`radio-db-restored-<yyyymmdd-hhmm>`) and was made again at each plan. The run's start time is now
// bound into its arguments when asked, so the approval, the run and a retried step use the one name on the card.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { RdsOperations } from '../../src/integrations/rds/rds-operations.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-dr-restore-later');
afterAll(() => db.close());
afterEach(() => vi.useRealTimers());

const NO_CREDENTIALS = 'no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live).';

describe('the dr restore runbook approved minutes after it was asked', () => {
  it('keeps the restore name it planned: the approval starts the run with that name', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T00:10:30Z'));
    const setup = runbookSetup(db, {
      builtIn: BUILTIN_RUNBOOKS,
      integrations: { aws: { mode: 'dry-run', reason: NO_CREDENTIALS }, rds: {} as RdsOperations },
    });
    const asked = await setup.send('runbook dr restore --snapshot rds:radio-db-2026-12-02-03-00', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);

    vi.setSystemTime(new Date('2026-12-03T00:13:05Z'));
    const approved = await setup.send(`approve ${asked.approvalId}`, 'U0BOB');
    const said = renderTerminal(approved.reply);
    expect(said).not.toContain('changed since approval');
    expect(said).toContain('started run');
    const { rows } = await db.query<{ line: string }>(
      `SELECT s.line FROM runbook_steps s JOIN runbook_runs r ON r.id = s.run_id
       WHERE r.approval_id = $1 AND s.kind = 'command' ORDER BY s.position`,
      [asked.approvalId],
    );
    expect(rows.map((row) => row.line)).toEqual([
      'dr restore-db rds:radio-db-2026-12-02-03-00 --as radio-db-restored-20261203-0010',
    ]);
  });
});
