// Before each file of the `integration` project (vitest.config.ts): make sure this worker's database
// exists and is migrated.
// Files in one worker run one after another, so creating it here has no race.
import { inject } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openPgDatabase } from '../../src/db/pg-database.js';
import { retireLeftoverRuns } from './retire-leftover-runs.js';
import { databaseUrl, withAdmin, workerDatabaseName } from './test-services.js';

const name = workerDatabaseName(inject('testRunId'));
if (process.env.RADIO_OPS_TEST_DATABASE_URL !== databaseUrl(name)) {
  await withAdmin(async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  });
  const db = openPgDatabase(databaseUrl(name), 'radio-ops-test-setup', 1);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  process.env.RADIO_OPS_TEST_DATABASE_URL = databaseUrl(name);
}

// Files on one worker share its database: a run an earlier file left running or waiting would be claimed by this
// file's engine first (its card queue, its latches, its ticks). Each file starts with none.
await retireLeftoverRuns();
