import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { ScriptRunner } from './migrate.js';
import type { SqlClient, SqlDatabase } from './sql-client.js';

/** The embedded database: a {@link SqlDatabase}, plus what migrations and messages need. */
export interface PgliteDatabase extends SqlDatabase {
  /** Absolute path of the data directory (the lock file; the database itself is in its `pgdata/`). */
  dataDir: string;
  /** Runs a multi-statement script (migration files); `query` takes one statement. */
  exec: ScriptRunner;
}

// int8 and numeric stay decimal strings, as with the `pg` adapter: sizes and query ids do not fit a JS number.
const parsers = { [types.INT8]: (value: string) => value, [types.NUMERIC]: (value: string) => value };

/**
 * Opens (creating if missing) an embedded Postgres 17 (`@electric-sql/pglite`, WebAssembly, one
 * backend, no server) in `<dataDir>/pgdata`, for the demo and the shell: not for production. A lock
 * file (`<dataDir>/radio-ops.lock`; PGlite needs its own directory empty to create it) keeps a second
 * process out; `close()` releases it.
 *
 * Differences from a server that callers should know: `current_database()` is `template1`;
 * `pg_stat_activity` lists no client backends; `statement_timeout` is accepted but not enforced
 * (no timer signals in WebAssembly), so a long inspection query holds the single backend until it ends.
 *
 * @throws DataDirLockedError when another live process holds `dataDir`; the PGlite error when the
 *   directory holds something that is not a PGlite database.
 */
export async function openPgliteDatabase(dataDir: string): Promise<PgliteDatabase> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, 'pgdata'), { parsers });
  } catch (error) {
    lock.release();
    // PGlite (Emscripten) can reject with a non-Error; give callers a message.
    throw error instanceof Error ? error : new Error(`The embedded database in ${dir} could not be opened: ${JSON.stringify(error)}`);
  }
  const client = (runner: Pick<PGlite, 'query'>): SqlClient => ({
    query: async <Row extends object>(text: string, params?: unknown[]) => ({ rows: (await runner.query<Row>(text, params)).rows }),
  });
  return {
    dataDir: dir,
    ...client(db),
    exec: async (script) => {
      await db.exec(script);
    },
    readOnly: <T>(work: (client: SqlClient) => Promise<T>, { statementTimeoutMs }: { statementTimeoutMs: number }) =>
      db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
        const result = await work(client(tx));
        await tx.rollback();
        return result;
      }),
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        lock.release();
      }
    },
  };
}
