import pg from 'pg';
import { asConnectionLoss, ConnectionLostError } from './connection-lost-error.js';
import { asDatabaseTimeout, DatabaseTimeoutError } from './database-timeout-error.js';
import { pgTypes } from './pg-types.js';
import type { SqlClient, SqlDatabase } from './sql-client.js';

/** How long the database may take, in milliseconds (see {@link openPgDatabase}). */
export interface PgTimeouts {
  /** To open a connection (TCP, TLS, startup, login); default 5000. */
  connectionTimeoutMs?: number;
  /** Server side, per statement, lock waits included (`statement_timeout`, code 57014); default 5000. */
  statementTimeoutMs?: number;
  /**
   * Client side, per query (`query_timeout`, "Query read timeout"): the bound when the server itself stops
   * answering. Default: the statement timeout plus 5000, so the server's cancel normally comes first.
   */
  queryTimeoutMs?: number;
}

/**
 * Opens a `pg.Pool` on `connectionString`, tagged with `application_name` so its backends can be told apart.
 * Every wait is bounded ({@link PgTimeouts}): a locked table (a held `LOCK TABLE audit_events`) or a server
 * that accepts and never answers fails the query in seconds instead of holding a command (and its
 * audit row) for as long as the lock lasts. `readOnly` sets its own `statement_timeout` per transaction.
 * A connection lost mid-use (failover, restart, `pg_terminate_backend`) never crashes the process: every
 * client the pool opens has an `error` listener for its whole life, checked out or idle, and the failing
 * call rejects with a {@link ConnectionLostError} naming `options.label`; the pool reconnects for the next.
 */
export function openPgDatabase(
  connectionString: string,
  applicationName: string,
  max = 5,
  options: { label?: string } & PgTimeouts = {},
): SqlDatabase & { pool: pg.Pool } {
  const label = options.label ?? 'The database';
  const statementMs = options.statementTimeoutMs ?? 5000;
  const timeouts = {
    connectMs: options.connectionTimeoutMs ?? 5000,
    queryMs: options.queryTimeoutMs ?? statementMs + 5000,
  };
  const pool = new pg.Pool({
    connectionString,
    application_name: applicationName,
    max,
    types: pgTypes,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: statementMs,
    query_timeout: timeouts.queryMs,
  });
  // `pg` emits 'error' on a client whose socket ends unexpectedly, also while it is checked out (the pool's
  // own listener covers idle clients only); unheard, that event is thrown and ends the process. The failing
  // query rejects as well, so this listener only has to keep the event heard.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  /** The driver's error, named after the database when it lost the connection or did not answer in time. */
  const named = (error: unknown) => asDatabaseTimeout(label, asConnectionLoss(label, error), timeouts);
  const lost = (error: unknown) => Promise.reject(named(error));
  return {
    pool,
    query: <Row extends object>(text: string, params?: unknown[]) =>
      pool.query(text, params).catch(lost) as unknown as Promise<{ rows: Row[] }>,
    async readOnly<T>(work: (client: SqlClient) => Promise<T>, { statementTimeoutMs }: { statementTimeoutMs: number }) {
      const client = await pool.connect().catch(lost);
      let broken: Error | undefined;
      try {
        // One round trip: both statements in a single simple-protocol query (the value is a number we computed).
        await client.query(
          `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`,
        );
        return await work({ query: (text, params) => client.query(text, params) as never });
      } catch (error) {
        const failure = named(error);
        // A query that timed out on the client side may still be running on that connection: not reusable.
        if (failure instanceof ConnectionLostError || failure instanceof DatabaseTimeoutError) broken = failure;
        throw failure;
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        // A lost or stuck connection goes back as broken, so the pool discards it instead of handing it out again.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
