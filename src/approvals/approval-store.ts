import { pgJson, pgParams } from '../audit/postgres-text.js';
import type { SqlClient } from '../db/sql-client.js';
import { ApprovalRecord } from './approval-record.js';

/** What is stored when a destructive request is made. */
export interface NewApproval {
  id: string;
  requestId: string;
  command: string;
  args: unknown;
  text: string;
  reason?: string;
  plan: unknown;
  requesterId: string;
  requesterName?: string;
  source: string;
  teamId?: string;
  channelId?: string;
  quorum: number;
  ttlMs: number;
}

const SELECT = `SELECT r.*, coalesce((SELECT array_agg(v.user_id ORDER BY v.at) FROM approval_votes v WHERE v.approval_id = r.id), '{}') AS approvers
  FROM approval_requests r`;

/**
 * Approval requests in Postgres. Every state change is one conditional statement (`… WHERE status =
 * 'pending'`), so concurrent clicks, retries and replicas race safely: Postgres re-checks the
 * condition on the locked row, and only one caller sees the change.
 * Source: https://www.postgresql.org/docs/15/transaction-iso.html#XACT-READ-COMMITTED
 */
export function createApprovalStore(db: SqlClient) {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows[0] ? ApprovalRecord.parse(rows[0]) : undefined;
  };
  const returning = (where: string) => `WITH r AS (${where} RETURNING *) SELECT r.*,
    coalesce((SELECT array_agg(v.user_id ORDER BY v.at) FROM approval_votes v WHERE v.approval_id = r.id), '{}') AS approvers FROM r`;

  return {
    async create(a: NewApproval): Promise<ApprovalRecord> {
      const created = await one(
        returning(`INSERT INTO approval_requests (id, request_id, command, args, text, reason, plan,
          requester_id, requester_name, source, team_id, channel_id, quorum, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp() + $14 * interval '1 millisecond')`),
        // Issue 13, fault 20: a NUL in the text, reason, args or plan is stored as `\u0000` (as audit_events has it).
        pgParams([
          a.id,
          a.requestId,
          a.command,
          pgJson(a.args),
          a.text,
          a.reason ?? null,
          pgJson(a.plan),
          a.requesterId,
          a.requesterName ?? null,
          a.source,
          a.teamId ?? null,
          a.channelId ?? null,
          a.quorum,
          a.ttlMs,
        ]),
      );
      if (!created) throw new Error('approval request was not stored');
      return created;
    },
    get: (id: string) => one(`${SELECT} WHERE r.id = $1`, [id]),
    /** Records one person's approval while the request is pending and unexpired; false if not counted. */
    async addVote(id: string, userId: string): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO approval_votes (approval_id, user_id)
        SELECT id, $2 FROM approval_requests WHERE id = $1 AND status = 'pending' AND expires_at > clock_timestamp()
        ON CONFLICT DO NOTHING RETURNING user_id`,
        [id, userId],
      );
      return rows.length > 0;
    },
    /**
     * pending → running once the quorum is met by votes of `counted` voters (those who still hold the
     * approver role); exactly one caller gets the row back.
     */
    claim: (id: string, counted: readonly string[]) =>
      one(
        returning(`UPDATE approval_requests SET status = 'running', heartbeat_at = clock_timestamp()
        WHERE id = $1 AND status = 'pending' AND expires_at > clock_timestamp()
          AND (SELECT count(*) FROM approval_votes WHERE approval_id = $1 AND user_id = ANY($2::text[])) >= quorum`),
        [id, [...counted]],
      ),
    /** pending → rejected or cancelled. */
    decide: (id: string, status: 'rejected' | 'cancelled', by: string, reason?: string) =>
      one(
        returning(`UPDATE approval_requests SET status = $2, decided_at = clock_timestamp(), decided_by = $3, decision_reason = $4
        WHERE id = $1 AND status = 'pending'`),
        pgParams([id, status, by, reason ?? null]),
      ),
    /** running → succeeded, failed or refused (the re-checked plan said no). */
    finish: (id: string, status: 'succeeded' | 'failed' | 'refused', outcome: { result?: unknown; error?: string }) =>
      one(
        returning(`UPDATE approval_requests SET status = $2, result = $3, error = $4, decided_at = coalesce(decided_at, clock_timestamp())
        WHERE id = $1 AND status = 'running'`),
        pgParams([id, status, pgJson(outcome.result), outcome.error ?? null]),
      ),
    heartbeat: (id: string) =>
      db.query(`UPDATE approval_requests SET heartbeat_at = clock_timestamp() WHERE id = $1 AND status = 'running'`, [
        id,
      ]),
    /** pending past `expires_at` → expired; returns those it changed. */
    async expireDue(): Promise<ApprovalRecord[]> {
      const { rows } = await db.query(
        returning(`UPDATE approval_requests SET status = 'expired', decided_at = clock_timestamp()
        WHERE status = 'pending' AND expires_at <= clock_timestamp()`),
        [],
      );
      return rows.map((row) => ApprovalRecord.parse(row));
    },
    /** running whose executor stopped beating for `staleMs` → interrupted (never re-run by itself). */
    async interruptStale(staleMs: number): Promise<ApprovalRecord[]> {
      const { rows } = await db.query(
        returning(`UPDATE approval_requests SET status = 'interrupted', decided_at = clock_timestamp()
        WHERE status = 'running' AND heartbeat_at < clock_timestamp() - $1 * interval '1 millisecond'`),
        [staleMs],
      );
      return rows.map((row) => ApprovalRecord.parse(row));
    },
    setMessage: (id: string, channel: string, ts: string) =>
      db.query('UPDATE approval_requests SET message_channel = $2, message_ts = $3 WHERE id = $1', [id, channel, ts]),
    async listOpen(limit: number): Promise<ApprovalRecord[]> {
      const { rows } = await db.query(
        `${SELECT} WHERE r.status IN ('pending', 'running') ORDER BY r.created_at DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ApprovalRecord.parse(row));
    },
  };
}

export type ApprovalStore = ReturnType<typeof createApprovalStore>;
