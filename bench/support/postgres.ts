// Fresh Postgres databases for a benchmark, migrated with the project's migrations and dropped at the end.
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { openPgDatabase } from '../../src/db/pg-database.js';
import { onCleanup } from './run-bench.js';
import { isRunning } from '../../src/db/data-dir-lock.js';

/** The admin connection (`BENCH_DATABASE_URL`, else the local trust login the tests use). */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Benchmark databases are named `radio_ops_bench_<name>_<pid>`. */
const PREFIX = 'radio_ops_bench_';

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `radio_ops_bench_<name>_<pid>` (dropped by the benchmark's cleanup), optionally migrated.
 * Databases left by benchmark runs whose process is gone are dropped first.
 */
export async function createBenchDatabase(
  name: string,
  options: { migrate: boolean },
): Promise<{ name: string; url: string }> {
  const database = `${PREFIX}${name}_${process.pid}`;
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      const pid = Number(datname.split('_').at(-1));
      if (!isRunning(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${database}"`);
  });
  onCleanup(`drop database ${database}`, () =>
    admin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).then(() => undefined),
  );
  const url = urlOf(database);
  if (options.migrate) {
    const db = openPgDatabase(url, 'radio-ops-bench-migrate', 1);
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  }
  return { name: database, url };
}
