// Files on one test worker share its database and run one after another: runs an earlier file left due would be
// claimed by this file's engine first, taking its card queue (about one change a second) and its test latches.
import { workerDatabaseUrl } from './worker-db.js';
import { openPgDatabase } from '../../src/db/pg-database.js';

/** Marks every run still `running` or `waiting` on this worker's database `aborted`; worker-database.ts calls it before each file. */
export async function retireLeftoverRuns(): Promise<void> {
  const db = openPgDatabase(workerDatabaseUrl(), 'radio-ops-test-retire-runs', 1);
  try {
    await db.query(`UPDATE runbook_runs SET status = 'aborted' WHERE status IN ('running', 'waiting')`);
  } finally {
    await db.close();
  }
}
