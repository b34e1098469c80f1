// The migrated database of this test worker, for tests that need real Postgres.
import { openPgDatabase } from '../../src/db/pg-database.js';

/** The URL of this worker's migrated database. */
export function workerDatabaseUrl(): string {
  const url = process.env.RADIO_OPS_TEST_DATABASE_URL;
  if (!url) throw new Error('test/support/worker-database.ts did not run');
  return url;
}

/** A fresh pool on this worker's migrated database; close it in `afterAll`. */
export function openWorkerDatabase(applicationName = 'radio-ops-test', label?: string) {
  return openPgDatabase(workerDatabaseUrl(), applicationName, 5, { label });
}
