import { maskSqlLiterals } from '../../commands/mask-sql-literals.js';
import type { SqlClient } from '../../db/sql-client.js';

/** A backend bound to its `backend_start`: pids get reused, the pair does not. */
export interface BackendTarget {
  pid: number;
  /** ISO 8601, microseconds kept (as `to_char` gives them), so it compares exactly. */
  backendStart: string;
  user?: string;
  database?: string;
  application?: string;
  state?: string;
  /** Milliseconds in the current state, by the database's clock. */
  stateMs?: number;
  /**
   * The backend's current or last query from `pg_stat_activity`, its literals masked as `?`
   * ({@link maskSqlLiterals}): a target goes into plans, which approval requests store and cards show,
   * and the raw text can hold a password (`ALTER ROLE … PASSWORD '…'`).
   */
  query?: string;
}

/** What happened to one target: terminated, or why not. */
export interface TerminateOutcome {
  pid: number;
  backendStart: string;
  terminated: boolean;
  /** Why not: gone or reused, no longer idle, or `pg_terminate_backend` returned false. */
  detail?: string;
}

/**
 * Only client backends of the station database itself; never ours, RDS's own, replication or
 * background workers, and never another database's sessions on the same server.
 */
const SAFE = `a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.datname = current_database()
  AND coalesce(a.usename, '') <> 'rdsadmin' AND coalesce(a.application_name, '') NOT LIKE 'radio-ops%'`;
const COLUMNS = `a.pid, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS backend_start,
  a.usename AS "user", a.datname AS database, a.application_name AS application, a.state, a.query,
  (extract(epoch FROM statement_timestamp() - a.state_change) * 1000)::float8 AS state_ms`;
const IDLE = `a.state IN ('idle', 'idle in transaction', 'idle in transaction (aborted)')`;

interface Row {
  pid: number;
  backend_start: string;
  user: string | null;
  database: string | null;
  application: string | null;
  state: string | null;
  query: string | null;
  state_ms: number | null;
}
const toTarget = (row: Row): BackendTarget => ({
  pid: row.pid,
  backendStart: row.backend_start,
  user: row.user ?? undefined,
  database: row.database ?? undefined,
  application: row.application ?? undefined,
  state: row.state ?? undefined,
  stateMs: row.state_ms ?? undefined,
  query: row.query === null ? undefined : maskSqlLiterals(row.query),
});

/**
 * Terminates station-database backends with `pg_terminate_backend`, only ever client backends that
 * are not the bot's, RDS's (`rdsadmin`), replication or autovacuum. Targets are (pid, `backend_start`)
 * pairs from a plan, and at execution only those still matching (and, for idle sweeps, still idle)
 * are signalled. Needs `pg_signal_backend` (or superuser) on the station database.
 * Source: https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADMIN-SIGNAL
 */
export function createBackendTerminator(db: SqlClient) {
  return {
    /** Client sessions idle (in any idle state) for at least `minIdleMs`, longest first. */
    async idleTargets(minIdleMs: number): Promise<BackendTarget[]> {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM pg_stat_activity a
        WHERE ${SAFE} AND ${IDLE} AND a.state_change <= statement_timestamp() - $1 * interval '1 millisecond'
        ORDER BY a.state_change`,
        [minIdleMs],
      );
      return rows.map(toTarget);
    },
    /** One client backend by pid, or `undefined` when there is none that may be terminated. */
    async target(pid: number): Promise<BackendTarget | undefined> {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM pg_stat_activity a WHERE ${SAFE} AND a.pid = $1`, [
        pid,
      ]);
      return rows[0] ? toTarget(rows[0]) : undefined;
    },
    /**
     * Signals each target whose pid still has the same `backend_start` (and, with `stillIdleForMs`,
     * is still idle that long). Every target gets an outcome.
     */
    async terminate(targets: BackendTarget[], stillIdleForMs?: number): Promise<TerminateOutcome[]> {
      const { rows } = await db.query<{ pid: number; terminated: boolean }>(
        `SELECT a.pid, pg_terminate_backend(a.pid) AS terminated
        FROM pg_stat_activity a
        JOIN unnest($1::int[], $2::timestamptz[]) AS t(pid, backend_start) ON a.pid = t.pid AND a.backend_start = t.backend_start
        WHERE ${SAFE} AND ($3::float8 IS NULL OR (${IDLE} AND a.state_change <= statement_timestamp() - $3 * interval '1 millisecond'))`,
        [targets.map((t) => t.pid), targets.map((t) => t.backendStart), stillIdleForMs ?? null],
      );
      const signalled = new Map(rows.map((row) => [row.pid, row.terminated]));
      return targets.map((t) => {
        const terminated = signalled.get(t.pid);
        if (terminated === undefined)
          return {
            pid: t.pid,
            backendStart: t.backendStart,
            terminated: false,
            detail: 'gone, reused or no longer idle',
          };
        return {
          pid: t.pid,
          backendStart: t.backendStart,
          terminated,
          ...(terminated ? {} : { detail: 'pg_terminate_backend returned false' }),
        };
      });
    },
  };
}

export type BackendTerminator = ReturnType<typeof createBackendTerminator>;
