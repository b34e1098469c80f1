import type { RadioChannelRow } from './radio-channels-query.js';

/**
 * Connection counts from `pg_stat_activity` (the whole server, all databases), against the server's
 * `max_connections`. The inspector's own connection is not counted.
 */
export interface ConnectionCounts {
  /** Client backends by `state` (`active`, `idle`, `idle in transaction`, …; `unknown` where NULL or hidden), most first. */
  byState: { state: string; count: number }[];
  /** The sum of `byState`: one snapshot, so the counts always add up. */
  total: number;
  /** `current_setting('max_connections')`, superuser-reserved slots included. */
  maxConnections: number;
}

/** One backend from `pg_stat_activity`; fields are NULL-able there and `undefined` here. */
export interface BackendActivity {
  pid: number;
  /** `datname`: the database the backend is connected to (the view covers the whole server). */
  database?: string;
  user?: string;
  application?: string;
  /** `client_hostname` (or `client_addr`); `local` for a Unix socket. */
  client?: string;
  /**
   * Milliseconds since `query_start` (running queries) or `state_change` (idle sessions), measured
   * by the database's clock; `undefined` when that time is hidden or NULL.
   */
  durationMs?: number;
  state?: string;
  /** `wait_event_type: wait_event`, when waiting. */
  waitEvent?: string;
  /** Signed 64-bit `query_id`, as a string (it does not fit a JS number). */
  queryId?: string;
  /**
   * Query text as Postgres keeps it (cut at `track_activity_query_size`, newlines kept); for an idle
   * session its last statement; `<insufficient privilege>` when hidden.
   */
  query?: string;
  /** `client backend`, `parallel worker`, `autovacuum worker`, …; `undefined` when hidden. */
  backendType?: string;
}

/** `pg_database_size` of the current database and its largest tables. Byte counts are int8, kept as decimal strings. */
export interface DatabaseSize {
  database: string;
  bytes: string;
  /** `pg_size_pretty`: `8153 kB`, `12 GB`. */
  pretty: string;
  /** Largest first, by `pg_total_relation_size` (heap, indexes and TOAST); `table` is schema-qualified and quoted where needed. */
  largestTables: { table: string; bytes: string; pretty: string }[];
}

/**
 * Read-only inspection of the station database (`RADIO_DATABASE_URL`). Every call runs in a read-only
 * transaction with a `statement_timeout`, and never reports the inspector's own backend.
 * Source: https://www.postgresql.org/docs/15/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW
 */
export interface StationDatabase {
  /** Client backends on the whole server (hidden rows included, as `unknown`). */
  connections(): Promise<ConnectionCounts>;
  /**
   * Client backends whose current statement is executing (`state` `active` or `fastpath function call`)
   * and has run at least `minDurationMs`, longest first. Sessions idle inside a transaction are
   * {@link idleSessions}' business.
   */
  activeQueries(minDurationMs: number): Promise<BackendActivity[]>;
  /** Client sessions `idle`, `idle in transaction` or `idle in transaction (aborted)` for at least `minIdleMs`, longest first. */
  idleSessions(minIdleMs: number): Promise<BackendActivity[]>;
  size(): Promise<DatabaseSize>;
  /**
   * The rows of the station's `radio_channels` table (those with a slug, by `lower(slug)`); `undefined`
   * when that table does not exist (checked with `to_regclass`, on the search path), so callers fall back
   * to `station.channels`. Columns other than `slug` are read when the table has them. The channel list
   * (`src/station/channel-directory.ts`) is what commands use; this is its source.
   */
  radioChannels(): Promise<RadioChannelRow[] | undefined>;
}

export type { RadioChannelRow } from './radio-channels-query.js';
export { createStationDatabase, DEFAULT_STATEMENT_TIMEOUT_MS } from './pg-station-database.js';
