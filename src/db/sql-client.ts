/**
 * The narrow slice of a Postgres client that radio-ops uses. A `pg.Pool` satisfies it, and so does
 * the PGlite adapter, so the audit log and migrations run on either.
 */
export interface SqlClient {
  query<Row extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A database that can also run work in one read-only transaction with a `statement_timeout`. */
export interface SqlDatabase extends SqlClient {
  /**
   * Runs `work` on one connection inside `BEGIN READ ONLY` with `SET LOCAL statement_timeout`,
   * then rolls back: inspection never writes, and never runs long.
   */
  readOnly<T>(work: (client: SqlClient) => Promise<T>, options: { statementTimeoutMs: number }): Promise<T>;
  close(): Promise<void>;
}
