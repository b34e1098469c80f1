import { z } from 'zod';
import type { BackendActivity } from './station-database.js';

/** NULL, or a text/name column; `''` (an unset `application_name`) counts as absent. */
const Text = z
  .string()
  .nullish()
  .transform((value) => (value ? value : undefined));

/** An int4 column: a number from `pg`, a string from text-format output (`COPY`, `psql`). */
const Int4 = z
  .union([z.number(), z.string().regex(/^-?\d+$/)])
  .nullish()
  .transform((value) => (value === null || value === undefined ? undefined : Number(value)));

/**
 * A row of `pg_stat_activity` as read by the station inspector: the view's own column names, plus
 * `duration_ms`, computed by the query (milliseconds since `query_start` or `state_change`).
 *
 * Any column may be NULL: background processes have no user or client, and without `pg_monitor`
 * (or `pg_read_all_stats`) other users' sessions show only `pid`, `usename`, `datname` and
 * `query = '<insufficient privilege>'`. `query_id` is a signed 64-bit integer and stays a string.
 * Source: https://www.postgresql.org/docs/15/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW
 */
export const PgStatActivityRow = z.object({
  datname: Text,
  pid: z.coerce.number().int(),
  usename: Text,
  application_name: Text,
  /** `host(client_addr)` (no `/32` mask); NULL for a Unix socket (then `client_port` is -1) and for internal processes. */
  client_addr: Text,
  client_hostname: Text,
  client_port: Int4,
  state: Text,
  wait_event_type: Text,
  wait_event: Text,
  query_id: z
    .union([z.string().regex(/^-?\d{1,19}$/, 'a signed 64-bit integer'), z.bigint()])
    .nullish()
    .transform((value) => (value === null || value === undefined ? undefined : String(value))),
  query: Text,
  backend_type: Text,
  duration_ms: z
    .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
    .nullish()
    .transform((value) => (value === null || value === undefined ? undefined : Math.max(0, Math.round(Number(value))))),
});
export type PgStatActivityRow = z.infer<typeof PgStatActivityRow>;

/**
 * Validates one `pg_stat_activity` row and maps it to a {@link BackendActivity}.
 *
 * @param row a row as `pg` returns it, or a text-format row (strings and `null`s).
 * @throws ZodError when a column has an impossible value (a non-numeric `pid` or `query_id`).
 */
export function toBackendActivity(row: unknown): BackendActivity {
  const parsed = PgStatActivityRow.parse(row);
  return {
    pid: parsed.pid,
    database: parsed.datname,
    user: parsed.usename,
    application: parsed.application_name,
    client: clientOf(parsed),
    durationMs: parsed.duration_ms,
    state: parsed.state,
    waitEvent: [parsed.wait_event_type, parsed.wait_event].filter(Boolean).join(': ') || undefined,
    queryId: parsed.query_id,
    query: parsed.query,
    backendType: parsed.backend_type,
  };
}

function clientOf(row: PgStatActivityRow): string | undefined {
  if (row.client_port === -1 && !row.client_addr) return 'local';
  return row.client_hostname ?? row.client_addr;
}
