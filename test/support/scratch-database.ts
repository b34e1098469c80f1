// A database of a test file's own on the shared test server, for tables no other test may see (the
// station's `radio_channels`): named after this worker's database, so the run's cleanup drops it too.
import pg from 'pg';
import { databaseUrl, withAdmin } from './test-services.js';
import { workerDatabaseUrl } from './worker-db.js';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Runs SQL in it as the admin, on a short-lived connection. */
  admin(sql: string): Promise<void>;
  /** Drops it, ending every connection to it (`WITH (FORCE)`). */
  drop(): Promise<void>;
}

/** Creates `<worker database>_<suffix>` (dropping a leftover of the same name first). */
export async function createScratchDatabase(suffix: string): Promise<ScratchDatabase> {
  const name = `${new URL(workerDatabaseUrl()).pathname.slice(1)}_${suffix}`;
  const url = databaseUrl(name);
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return {
    name,
    url,
    admin: async (sql) => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    drop: () =>
      withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
