import pg from 'pg';
import type { SqlClient, SqlDatabase } from './sql-client.js';

// int8 (OID 20) stays a string: pg_stat_activity.query_id and sizes do not fit a JS number.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'),
};

/** Opens a `pg.Pool` on `connectionString`, tagged with `application_name` so its backends can be told apart. */
export function openPgDatabase(connectionString: string, applicationName: string, max = 5): SqlDatabase & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, application_name: applicationName, max, types, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    pool,
    query: <Row extends object>(text: string, params?: unknown[]) => pool.query(text, params) as unknown as Promise<{ rows: Row[] }>,
    async readOnly<T>(work: (client: SqlClient) => Promise<T>, { statementTimeoutMs }: { statementTimeoutMs: number }) {
      const client = await pool.connect();
      try {
        // One round trip: both statements in a single simple-protocol query (the value is a number we computed).
        await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
        return await work({ query: (text, params) => client.query(text, params) as never });
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
