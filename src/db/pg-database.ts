import pg from 'pg';
import { asConnectionLoss, ConnectionLostError } from './connection-lost-error.js';
import { pgTypes } from './pg-types.js';
import type { SqlClient, SqlDatabase } from './sql-client.js';

/**
 * Opens a `pg.Pool` on `connectionString`, tagged with `application_name` so its backends can be told apart.
 * A connection lost mid-use (failover, restart, `pg_terminate_backend`) never crashes the process: every
 * client the pool opens has an `error` listener for its whole life, checked out or idle, and the failing
 * call rejects with a {@link ConnectionLostError} naming `options.label`; the pool reconnects for the next.
 */
export function openPgDatabase(
  connectionString: string,
  applicationName: string,
  max = 5,
  options: { label?: string } = {},
): SqlDatabase & { pool: pg.Pool } {
  const label = options.label ?? 'The database';
  const pool = new pg.Pool({
    connectionString,
    application_name: applicationName,
    max,
    types: pgTypes,
    connectionTimeoutMillis: 5000,
  });
  // `pg` emits 'error' on a client whose socket ends unexpectedly, also while it is checked out (the pool's
  // own listener covers idle clients only); unheard, that event is thrown and ends the process. The failing
  // query rejects as well, so this listener only has to keep the event heard.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  const lost = (error: unknown) => Promise.reject(asConnectionLoss(label, error));
  return {
    pool,
    query: <Row extends object>(text: string, params?: unknown[]) =>
      pool.query(text, params).catch(lost) as unknown as Promise<{ rows: Row[] }>,
    async readOnly<T>(work: (client: SqlClient) => Promise<T>, { statementTimeoutMs }: { statementTimeoutMs: number }) {
      const client = await pool.connect().catch(lost);
      let broken: ConnectionLostError | undefined;
      try {
        // One round trip: both statements in a single simple-protocol query (the value is a number we computed).
        await client.query(
          `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`,
        );
        return await work({ query: (text, params) => client.query(text, params) as never });
      } catch (error) {
        const failure = asConnectionLoss(label, error);
        if (failure instanceof ConnectionLostError) broken = failure;
        throw failure;
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        // A lost connection goes back as broken, so the pool discards it instead of handing it out again.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
