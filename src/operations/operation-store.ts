import { z } from 'zod';
import { pgParams } from '../audit/postgres-text.js';
import type { SqlClient } from '../db/sql-client.js';

/** A followed long operation (a row of `operations`). */
export const OperationRow = z.object({
  id: z.coerce.number(),
  approval_id: z.string().nullable(),
  request_id: z.string(),
  kind: z.string(),
  target: z.string(),
  channel: z.string().nullable(),
  thread_ts: z.string().nullable(),
  progress_ts: z.string().nullable(),
  status: z.enum(['polling', 'done', 'failed', 'gave-up']),
  user_id: z.string().nullable().default(null),
  source: z.string().nullable().default(null),
  command: z.string().nullable().default(null),
  text: z.string().nullable().default(null),
  last_state: z.string().nullable(),
  attempts: z.number().int(),
});
export type OperationRow = z.infer<typeof OperationRow>;

/** What a command's result asks to be followed: `kind` picks the watcher, `target` is what it watches. */
export interface FollowRequest {
  kind: string;
  target: string;
  approvalId?: string;
  requestId: string;
  /** Where progress goes: the approval card's channel and thread. */
  channel?: string;
  threadTs?: string;
  /** Who it acts for, how they asked, and the command that started it: its follow-up writes and completion are audited so. */
  userId?: string;
  source?: string;
  command?: string;
  text?: string;
}

/**
 * Long operations in Postgres, claimed under a lease with `FOR UPDATE SKIP LOCKED`: after a restart
 * any replica resumes them from what is stored, and no two replicas poll one at once.
 * Source: https://www.postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE
 */
export function createOperationStore(db: SqlClient) {
  const parse = (rows: unknown[]) => rows.map((row) => OperationRow.parse(row));
  return {
    async follow(request: FollowRequest): Promise<OperationRow> {
      const { rows } = await db.query(
        `INSERT INTO operations (approval_id, request_id, kind, target, channel, thread_ts, user_id, source, command, text)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        // Issue 13, fault 20: the command line (and anything from it) with a NUL stored as `\u0000`.
        pgParams([
          request.approvalId ?? null,
          request.requestId,
          request.kind,
          request.target,
          request.channel ?? null,
          request.threadTs ?? null,
          request.userId ?? null,
          request.source ?? null,
          request.command ?? null,
          request.text ?? null,
        ]),
      );
      return parse(rows)[0]!;
    },
    /** Takes up to `limit` due operations whose lease is free or lapsed, for `leaseMs`. */
    async claimDue(owner: string, leaseMs: number, limit: number): Promise<OperationRow[]> {
      const { rows } = await db.query(
        `UPDATE operations SET lease_owner = $1, lease_until = clock_timestamp() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM operations
                      WHERE status = 'polling' AND next_poll_at <= clock_timestamp()
                        AND (lease_until IS NULL OR lease_until < clock_timestamp())
                      ORDER BY next_poll_at FOR UPDATE SKIP LOCKED LIMIT $3)
        RETURNING *`,
        [owner, leaseMs, limit],
      );
      return parse(rows);
    },
    /** Records one poll and frees the lease; only the lease holder may. */
    async polled(
      id: number,
      owner: string,
      update: { state: string; progressTs?: string; nextPollInMs: number },
    ): Promise<void> {
      await db.query(
        `UPDATE operations SET attempts = attempts + 1, last_state = $3, progress_ts = coalesce($4, progress_ts),
          next_poll_at = clock_timestamp() + $5 * interval '1 millisecond', lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND lease_owner = $2`,
        pgParams([id, owner, update.state, update.progressTs ?? null, update.nextPollInMs]),
      );
    },
    async finish(
      id: number,
      owner: string,
      status: 'done' | 'failed' | 'gave-up',
      state: string,
      progressTs?: string,
    ): Promise<void> {
      await db.query(
        `UPDATE operations SET status = $3, last_state = $4, progress_ts = coalesce($5, progress_ts), attempts = attempts + 1,
          finished_at = clock_timestamp(), lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND lease_owner = $2`,
        pgParams([id, owner, status, state, progressTs ?? null]),
      );
    },
    get: async (id: number) => parse((await db.query('SELECT * FROM operations WHERE id = $1', [id])).rows)[0],
  };
}

export type OperationStore = ReturnType<typeof createOperationStore>;
