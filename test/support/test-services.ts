// Where the tests find the real Postgres and Redis, and how each test worker gets its own database.
import pg from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_PREFIX = 'radio_ops_test_';

/**
 * The database of this test worker: one per run (the runner's pid) and worker, so parallel files
 * and even two runs at once on one machine never share rows.
 */
export function workerDatabaseName(runId: string): string {
  return `${DATABASE_PREFIX}${runId}_${process.env.VITEST_POOL_ID ?? '1'}`;
}

/** A connection string for `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops this prefix's databases whose run is over: `keep` says which run ids are still alive. */
export async function dropTestDatabases(keep: (runId: string) => boolean): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${DATABASE_PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      const runId = datname.slice(DATABASE_PREFIX.length).split('_')[0] ?? '';
      if (!keep(runId)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
