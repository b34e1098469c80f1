import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { DataDirError, ensureDataDir } from './data-dir.js';
import { acquireDataDirLock, isRunning } from './data-dir-lock.js';
import { migrate, type ScriptRunner } from './migrate.js';
import type { SqlClient, SqlDatabase } from './sql-client.js';

/** The embedded database: a {@link SqlDatabase}, plus what migrations and messages need. */
export interface PgliteDatabase extends SqlDatabase {
  /** Absolute path of the data directory (the lock file; the database itself is in its `pgdata/`). */
  dataDir: string;
  /** Runs a multi-statement script (migration files); `query` takes one statement. */
  exec: ScriptRunner;
}

/** The database's directory inside the data directory. */
export const PGDATA = 'pgdata';
/** A database being created: `pgdata.init-<pid>`, renamed to `pgdata` once initialised and migrated. */
const STAGING = /^pgdata\.init-(\d+)$/;

// int8 and numeric stay decimal strings, as with the `pg` adapter: sizes and query ids do not fit a JS number.
const parsers = { [types.INT8]: (value: string) => value, [types.NUMERIC]: (value: string) => value };

/**
 * Opens an embedded Postgres 17 (`@electric-sql/pglite`, WebAssembly, one backend, no server) in
 * `<dataDir>/pgdata`, for the demo and the shell: not for production. A lock file
 * (`<dataDir>/radio-ops.lock`) keeps a second process out; `close()` releases it.
 *
 * A missing database is created so that an interrupted first start (Ctrl-C, a kill) leaves nothing
 * half-made: it is initialised and migrated in `<dataDir>/pgdata.init-<pid>`, closed, and only then
 * renamed to `pgdata` (one atomic step). Staging directories left by dead processes are removed.
 * An existing database is opened as it is; `migrate` brings it up to date.
 *
 * Differences from a server that callers should know: `current_database()` is `template1`;
 * `pg_stat_activity` lists no client backends; `statement_timeout` is accepted but not enforced
 * (no timer signals in WebAssembly), so a long inspection query holds the single backend until it ends.
 *
 * @throws DataDirLockedError when another live process holds `dataDir`; DataDirError when `dataDir`
 *   can't be created or its `pgdata` can't be opened (in words, with what to do); the PGlite or
 *   migration error when creating a new database fails.
 */
export async function openPgliteDatabase(dataDir: string): Promise<PgliteDatabase> {
  const dir = resolve(dataDir);
  ensureDataDir(dir);
  const lock = acquireDataDirLock(dir);
  let db: PGlite;
  try {
    removeAbandonedStaging(dir);
    if (!holdsDatabase(join(dir, PGDATA))) await createDatabase(dir);
    db = await openExisting(dir);
  } catch (error) {
    lock.release();
    // PGlite (Emscripten) can reject with a non-Error; give callers a message.
    throw error instanceof Error
      ? error
      : new Error(`The embedded database in ${dir} could not be created: ${JSON.stringify(error)}`);
  }
  return {
    dataDir: dir,
    ...sqlClient(db),
    exec: async (script) => {
      await db.exec(script);
    },
    readOnly: <T>(work: (client: SqlClient) => Promise<T>, { statementTimeoutMs }: { statementTimeoutMs: number }) =>
      db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
        const result = await work(sqlClient(tx));
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

function sqlClient(runner: Pick<PGlite, 'query'>): SqlClient {
  return {
    query: async <Row extends object>(text: string, params?: unknown[]) => ({
      rows: (await runner.query<Row>(text, params)).rows,
    }),
  };
}

/** Whether `pgdata` holds something: a missing or empty directory means "create one". */
function holdsDatabase(pgdata: string): boolean {
  try {
    return !statSync(pgdata).isDirectory() || readdirSync(pgdata).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Removes `pgdata.init-<pid>` directories whose process is gone (a first start that was killed). Runs under the lock. */
function removeAbandonedStaging(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(STAGING.exec(name)?.[1] ?? 0);
    if (pid > 0 && (pid === process.pid || !isRunning(pid))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** Initialises and migrates a new database next to `pgdata`, then renames it into place. */
async function createDatabase(dir: string): Promise<void> {
  const staging = join(dir, `${PGDATA}.init-${process.pid}`);
  mkdirSync(staging);
  try {
    const db = await PGlite.create(staging, { parsers });
    try {
      await migrate(sqlClient(db), async (script) => {
        await db.exec(script);
      });
    } finally {
      await db.close();
    }
    // An empty `pgdata` (left by an older version) is replaced; rename does not replace a directory everywhere.
    try {
      rmdirSync(join(dir, PGDATA));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(staging, join(dir, PGDATA));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens `<dir>/pgdata` and checks that its catalog answers (a database whose creation was cut short by
 * an older version can start and still lack `information_schema`).
 *
 * @throws DataDirError in words, saying what to delete to start over.
 */
async function openExisting(dir: string): Promise<PGlite> {
  const pgdata = join(dir, PGDATA);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(pgdata, { parsers });
    await db.query('SELECT 1 FROM information_schema.columns LIMIT 1');
    return db;
  } catch (error) {
    await db?.close().catch(() => undefined);
    throw new DataDirError(
      `The embedded database in ${dir} could not be opened (${shortCause(error)}). If you don't need its audit history, delete ${pgdata} and run again.`,
    );
  }
}

/** One line from whatever PGlite threw (Errors, Emscripten's `ExitStatus` objects, strings). */
function shortCause(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
  const line = (message.split('\n')[0] ?? '').trim();
  if (/^Aborted\(/.test(line)) return 'the embedded Postgres aborted while starting';
  if (line === 'unreachable') return 'the embedded Postgres crashed while starting';
  if (line === '') return 'unknown error';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
