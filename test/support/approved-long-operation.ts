// A long AWS operation through the two-person approval on this worker's real Postgres: alice asks, bob approves,
// and the approved run records what to follow in `operations`.
import { afterAll } from 'vitest';
import type { ApprovalRecord } from '../../src/approvals/approval-record.js';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import type { RadioConfig } from '../../src/config/radio-config.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { approvalSetup } from './approvals-fixture.js';
import { openWorkerDatabase } from './worker-db.js';

/**
 * Opens the worker database for a test file of `command` (e.g. `cache resize`) and, after the file, ends the
 * operations its approvals left `polling`, so that no other test's poller picks them up. Call at the top level.
 */
export function approvedLongOperation(command: string, applicationName: string) {
  const db = openWorkerDatabase(applicationName);
  afterAll(async () => {
    await db.query(
      `UPDATE operations SET status = 'done', finished_at = clock_timestamp()
      WHERE status = 'polling' AND approval_id IN (SELECT id FROM approval_requests WHERE command = $1)`,
      [command],
    );
    await db.close();
  });

  /** An approval setup whose AWS clients may call (mocked) AWS and whose approved runs are followed; `config`
   * defaults to approvalConfig(). */
  function setup(integrations: Partial<Integrations>, config?: RadioConfig) {
    const s = approvalSetup(db, {
      config,
      integrations: { ...integrations, aws: { mode: 'live' } },
      operations: createOperationStore(db),
    });
    /** `line` asked as U0ALICE: the approval id, or a thrown Error naming what came instead of `pending`. */
    const ask = async (line: string): Promise<string> => {
      const outcome = await s.send(line, 'U0ALICE');
      if (outcome.status !== 'pending')
        throw new Error(`expected pending, got ${outcome.status}: ${outcome.reply.summary}`);
      return outcome.approvalId;
    };
    /** `approve <id>` as U0BOB: the approval's record after it (run, refused at recheck, …), or undefined when the
     * `approve` command itself did not succeed. */
    const approve = async (id: string): Promise<ApprovalRecord | undefined> => {
      const outcome = await s.send(`approve ${id}`, 'U0BOB');
      return outcome.status === 'succeeded' ? (outcome.result as ApproveResult).record : undefined;
    };
    return { ...s, ask, approve };
  }

  /** What the approved run of approval `id` recorded to follow: `{ kind, target }` rows. */
  const followed = async (id: string) =>
    (await db.query('SELECT kind, target FROM operations WHERE approval_id = $1', [id])).rows;

  return { db, setup, followed };
}
