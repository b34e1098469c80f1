import type { SqlClient } from '../db/sql-client.js';

/** A card with updates still to send; `generation` tells whether more arrived while it was being sent. */
export interface OutboxJob {
  alarmKey: string;
  generation: number;
  attempts: number;
}

/**
 * `alarm_outbox` and `alarm_worker_lease` in Postgres (rows are queued by `AlarmStore.applyEvent`,
 * together with the card change): pending card updates survive restarts, and
 * only the replica holding the lease sends them, so one rate limiter governs every Slack call for
 * alarm cards. Times are passed in (the worker's clock), never read from the database.
 */
export function createAlarmOutbox(db: SqlClient, leaseName = 'alarm-cards') {
  return {
    /** Takes or renews the lease until `until`; false while another owner holds an unexpired one. */
    async acquireLease(owner: string, now: Date, until: Date): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO alarm_worker_lease (name, owner, expires_at) VALUES ($1, $2, $4)
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE alarm_worker_lease.owner = EXCLUDED.owner OR alarm_worker_lease.expires_at < $3
         RETURNING owner`,
        [leaseName, owner, now, until],
      );
      return rows.length > 0;
    },

    async releaseLease(owner: string): Promise<void> {
      await db.query('DELETE FROM alarm_worker_lease WHERE name = $1 AND owner = $2', [leaseName, owner]);
    },

    /** Jobs due at `now`, earliest first. */
    async due(now: Date, limit: number): Promise<OutboxJob[]> {
      const { rows } = await db.query<{ alarm_key: string; generation: number; attempts: number }>(
        'SELECT alarm_key, generation, attempts FROM alarm_outbox WHERE due_at <= $1 ORDER BY due_at, alarm_key LIMIT $2',
        [now, limit],
      );
      return rows.map((row) => ({ alarmKey: row.alarm_key, generation: row.generation, attempts: row.attempts }));
    },

    /** Milliseconds from `now` to the next due job; `undefined` when the outbox is empty. */
    async nextDueIn(now: Date): Promise<number | undefined> {
      const { rows } = await db.query<{ due_at: Date }>('SELECT min(due_at) AS due_at FROM alarm_outbox', []);
      const due = rows[0]?.due_at;
      return due ? Math.max(0, due.getTime() - now.getTime()) : undefined;
    },

    /**
     * Done with `job`: deletes the row if nothing arrived meanwhile; otherwise the newer transitions
     * go out `coalesceMs` from now.
     */
    async finish(job: OutboxJob, now: Date, coalesceMs: number): Promise<void> {
      const { rows } = await db.query(
        'DELETE FROM alarm_outbox WHERE alarm_key = $1 AND generation = $2 RETURNING alarm_key',
        [job.alarmKey, job.generation],
      );
      if (rows.length > 0) return;
      await db.query(
        `UPDATE alarm_outbox SET due_at = $2::timestamptz + $3::double precision * interval '1 millisecond', attempts = 0, last_error = NULL WHERE alarm_key = $1`,
        [job.alarmKey, now, coalesceMs],
      );
    },

    /** Tries `job` again at `at` (a 429's Retry-After, or a backoff after a failure). */
    async defer(job: OutboxJob, at: Date, error: string): Promise<void> {
      await db.query(
        'UPDATE alarm_outbox SET due_at = $2, attempts = attempts + 1, last_error = $3 WHERE alarm_key = $1',
        [job.alarmKey, at, error],
      );
    },
  };
}

export type AlarmOutbox = ReturnType<typeof createAlarmOutbox>;
