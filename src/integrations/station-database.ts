/** Connection counts from `pg_stat_activity`, against the server's `max_connections`. */
export interface ConnectionCounts {
  /** Client backends by `state` (`active`, `idle`, `idle in transaction`, …; `unknown` where NULL or hidden). */
  byState: { state: string; count: number }[];
  total: number;
  maxConnections: number;
}

/** One backend from `pg_stat_activity`; fields are NULL-able there and `undefined` here. */
export interface BackendActivity {
  pid: number;
  user?: string;
  application?: string;
  /** `client_addr` (or `client_hostname`), `local` for a Unix socket. */
  client?: string;
  /** Milliseconds since `query_start` (active) or `state_change` (idle). */
  durationMs: number;
  state?: string;
  /** `wait_event_type: wait_event`, when waiting. */
  waitEvent?: string;
  /** Signed 64-bit `query_id`, as a string (it does not fit a JS number). */
  queryId?: string;
  /** Query text as Postgres keeps it (cut at `track_activity_query_size`); `<insufficient privilege>` when hidden. */
  query?: string;
}

export interface DatabaseSize {
  database: string;
  bytes: string;
  pretty: string;
  largestTables: { table: string; bytes: string; pretty: string }[];
}

/**
 * Read-only inspection of the station database (`RADIO_DATABASE_URL`). Every call runs in a read-only
 * transaction with a `statement_timeout`, and never reports the inspector's own backend.
 * Source: https://www.postgresql.org/docs/15/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW
 */
export interface StationDatabase {
  connections(): Promise<ConnectionCounts>;
  /** Non-idle client backends whose current query has run at least `minDurationMs`. */
  activeQueries(minDurationMs: number): Promise<BackendActivity[]>;
  /** Sessions `idle`, `idle in transaction` or `idle in transaction (aborted)` for at least `minIdleMs`. */
  idleSessions(minIdleMs: number): Promise<BackendActivity[]>;
  size(): Promise<DatabaseSize>;
}
