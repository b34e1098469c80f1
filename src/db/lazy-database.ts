import type { SqlClient, SqlDatabase } from './sql-client.js';

/** A {@link SqlDatabase} opened on its first query, so a process that never queries never opens it. */
export interface LazyDatabase extends SqlDatabase {
  /** Opens it now (once; later calls share the first); rejects with the opener's error. */
  open(): Promise<SqlDatabase>;
  /** Why the last attempt to open it failed, if it did (cleared when an attempt succeeds). */
  readonly openError: unknown;
}

/**
 * Defers `open` (connect, create, migrate) to the first `query` or `readOnly`, or an explicit `open()`.
 * A failed open is not remembered: the next query tries again, and {@link LazyDatabase.openError} says why
 * the last one failed. `close` closes it only when it was opened.
 */
export function lazyDatabase(open: () => Promise<SqlDatabase>): LazyDatabase {
  let opening: Promise<SqlDatabase> | undefined;
  let openError: unknown;
  const get = (): Promise<SqlDatabase> => {
    opening ??= open().then(
      (db) => {
        openError = undefined;
        return db;
      },
      (error: unknown) => {
        openError = error;
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };
  return {
    open: get,
    get openError() {
      return openError;
    },
    query: async <Row extends object>(text: string, params?: unknown[]) => (await get()).query<Row>(text, params),
    readOnly: async <T>(work: (client: SqlClient) => Promise<T>, options: { statementTimeoutMs: number }) =>
      (await get()).readOnly(work, options),
    async close() {
      const db = await opening?.catch(() => undefined);
      await db?.close();
    },
  };
}
