import { z } from 'zod';
import type { SqlClient, SqlDatabase } from '../../db/sql-client.js';
import { toBackendActivity } from './pg-stat-activity-row.js';
import { readRadioChannels } from './radio-channels-query.js';
import type { StationDatabase } from './station-database.js';

/** Default `statement_timeout` of every inspection query, in milliseconds. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

// Every query skips the inspector's own backend. Durations use the database's clock
// (statement_timestamp(), the start of this statement), so the bot's clock never matters.
const ACTIVITY_COLUMNS = `datname, pid, usename, application_name, host(client_addr) AS client_addr, client_hostname,
       client_port, state, wait_event_type, wait_event, query_id, query, backend_type`;

// Running statements only: `idle in transaction` sessions are not running a query (`db idle` lists them).
const ACTIVE_QUERIES = `
SELECT ${ACTIVITY_COLUMNS},
       (extract(epoch FROM statement_timestamp() - query_start) * 1000)::float8 AS duration_ms
  FROM pg_stat_activity
 WHERE backend_type = 'client backend'
   AND pid <> pg_backend_pid()
   AND state IN ('active', 'fastpath function call')
   AND statement_timestamp() - query_start >= $1::float8 * interval '1 millisecond'
 ORDER BY query_start, pid`;

const IDLE_SESSIONS = `
SELECT ${ACTIVITY_COLUMNS},
       (extract(epoch FROM statement_timestamp() - state_change) * 1000)::float8 AS duration_ms
  FROM pg_stat_activity
 WHERE backend_type = 'client backend'
   AND pid <> pg_backend_pid()
   AND state IN ('idle', 'idle in transaction', 'idle in transaction (aborted)')
   AND statement_timestamp() - state_change >= $1::float8 * interval '1 millisecond'
 ORDER BY state_change, pid`;

// Hidden rows (`<insufficient privilege>`) have a NULL backend_type; they are other users' sessions and use slots too.
const CONNECTIONS = `
SELECT coalesce(state, 'unknown') AS state, count(*) AS count
  FROM pg_stat_activity
 WHERE (backend_type = 'client backend' OR backend_type IS NULL)
   AND pid <> pg_backend_pid()
 GROUP BY 1
 ORDER BY 2 DESC, 1`;

const DATABASE_SIZE = `
SELECT current_database() AS database, pg_database_size(current_database()) AS bytes,
       pg_size_pretty(pg_database_size(current_database())) AS pretty`;

// TOAST tables are counted in their owner's total; a table dropped meanwhile has a NULL size.
const LARGEST_TABLES = `
SELECT format('%I.%I', n.nspname, c.relname) AS "table", s.bytes, pg_size_pretty(s.bytes) AS pretty
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 CROSS JOIN LATERAL (SELECT pg_total_relation_size(c.oid) AS bytes) s
 WHERE c.relkind IN ('r', 'm')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND s.bytes IS NOT NULL
 ORDER BY s.bytes DESC, 1
 LIMIT 5`;

/** int8 as `pg` returns it here (a decimal string); a number or bigint from other drivers. */
const Int8 = z.union([z.string().regex(/^-?\d+$/), z.number().int(), z.bigint()]).transform(String);

const StateCountRow = z.object({ state: z.string(), count: Int8.transform(Number) });
const MaxConnectionsRow = z.object({ max_connections: z.coerce.number().int().positive() });
const DatabaseSizeRow = z.object({ database: z.string(), bytes: Int8, pretty: z.string() });
const TableSizeRow = z.object({ table: z.string(), bytes: Int8, pretty: z.string() });

/**
 * The {@link StationDatabase} on a real Postgres (15 or later: `query_id`). Every call runs in
 * `db.readOnly` with a `statement_timeout`; rows are validated with zod.
 *
 * Open `db` with `application_name` `radio-ops-inspector`, so the inspector's other pooled
 * connections can be recognized in the lists. Without `pg_monitor` (or `pg_read_all_stats`) other
 * users' sessions appear with `<insufficient privilege>` and most columns NULL.
 *
 * @param options.statementTimeoutMs per-statement limit in milliseconds (default 5000).
 * @throws the driver's error when the database can't be reached or a statement times out
 *   (`57014 canceling statement due to statement timeout`); ZodError on a row of an unexpected shape.
 * Source: https://www.postgresql.org/docs/15/monitoring-stats.html
 */
export function createStationDatabase(db: SqlDatabase, options: { statementTimeoutMs?: number } = {}): StationDatabase {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const inspect = <T>(work: (client: SqlClient) => Promise<T>) => db.readOnly(work, { statementTimeoutMs });

  return {
    connections: () =>
      inspect(async (client) => {
        const { rows } = await client.query(CONNECTIONS);
        const { rows: settings } = await client.query(`SELECT current_setting('max_connections') AS max_connections`);
        const byState = rows.map((row) => StateCountRow.parse(row));
        return {
          byState,
          total: byState.reduce((sum, { count }) => sum + count, 0),
          maxConnections: MaxConnectionsRow.parse(settings[0]).max_connections,
        };
      }),
    activeQueries: (minDurationMs) =>
      inspect(async (client) => (await client.query(ACTIVE_QUERIES, [minDurationMs])).rows.map(toBackendActivity)),
    idleSessions: (minIdleMs) =>
      inspect(async (client) => (await client.query(IDLE_SESSIONS, [minIdleMs])).rows.map(toBackendActivity)),
    size: () =>
      inspect(async (client) => {
        const {
          rows: [database],
        } = await client.query(DATABASE_SIZE);
        const { rows: tables } = await client.query(LARGEST_TABLES);
        return { ...DatabaseSizeRow.parse(database), largestTables: tables.map((row) => TableSizeRow.parse(row)) };
      }),
    radioChannels: () => inspect(readRadioChannels),
  };
}
