import { z } from 'zod';
import type { Risk, Source } from '../pipeline/command.js';
import type { SqlClient } from '../db/sql-client.js';
import { pgJson, pgParams, pgText } from './postgres-text.js';

/** `audit_events.outcome`: one row per step of an invocation. */
export type AuditOutcome =
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'denied'
  | 'invalid'
  /** A write cut off at its deadline: it may have happened; people must check before retrying. */
  | 'unknown'
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'interrupted';

/** One row to append to `audit_events`; `id` and `at` are the database's. */
export interface AuditEvent {
  requestId: string;
  approvalId?: string;
  source: Source;
  teamId?: string;
  channelId?: string;
  userId: string;
  userName?: string;
  /** The text as typed. */
  text: string;
  /** Canonical command name; absent when the text named no known command. */
  command?: string;
  args?: unknown;
  risk?: Risk;
  outcome: AuditOutcome;
  reason?: string;
  error?: string;
  durationMs?: number;
  /** On rows of an approval's chain: who asked, and who approved so far. */
  requesterId?: string;
  approvers?: string[];
  /** The execution this one follows: a follow-up write of a long operation, a step of a run. */
  parentRequestId?: string;
}

/** Filters of the `audit` command; all optional, newest first. */
export interface AuditQuery {
  userId?: string;
  /** The rows of one approval's chain. */
  approvalId?: string;
  /** Matches canonical command names by prefix (`db` matches `db size`). */
  commandPrefix?: string;
  since?: Date;
  limit: number;
}

/** A row read back, validated (rule: zod at every boundary, rows included). */
export const AuditRow = z.object({
  id: z.coerce.string(),
  at: z.coerce.date(),
  request_id: z.string(),
  source: z.string(),
  user_id: z.string(),
  user_name: z.string().nullable(),
  channel_id: z.string().nullable(),
  text: z.string(),
  command: z.string().nullable(),
  risk: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().nullable(),
  /** The row is part of a plan-only execution (`args.dryRun`: a `--dry-run`, or a request approved as a dry run). */
  dry_run: z.boolean().default(false),
});
export type AuditRow = z.infer<typeof AuditRow>;

/**
 * The append-only audit log in `audit_events` (see migrations/001). Every string is written through
 * {@link pgText}: a NUL is stored as `\u0000` (Postgres text can't hold it), so no row is ever lost to one.
 */
export interface AuditLog {
  /** @throws when the row can't be written: callers treat that as "do not act". */
  append(event: AuditEvent): Promise<void>;
  query(filter: AuditQuery): Promise<AuditRow[]>;
}

export function createAuditLog(db: SqlClient): AuditLog {
  return {
    async append(event) {
      await db.query(
        `INSERT INTO audit_events (request_id, approval_id, source, team_id, channel_id, user_id, user_name,
           text, command, args, risk, outcome, reason, error, duration_ms, requester_id, approvers, parent_request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        // Issue 13, fault 20: a NUL anywhere (text, reason, args) is written as `\u0000`, so the row is never refused.
        pgParams([
          event.requestId,
          event.approvalId ?? null,
          event.source,
          event.teamId ?? null,
          event.channelId ?? null,
          event.userId,
          event.userName ?? null,
          event.text,
          event.command ?? null,
          pgJson(event.args),
          event.risk ?? null,
          event.outcome,
          event.reason ?? null,
          event.error ?? null,
          event.durationMs === undefined ? null : Math.round(event.durationMs),
          event.requesterId ?? null,
          event.approvers ?? null,
          event.parentRequestId ?? null,
        ]),
      );
    },
    async query({ userId, approvalId, commandPrefix, since, limit }) {
      const { rows } = await db.query(
        `SELECT id, at, request_id::text AS request_id, source, user_id, user_name, channel_id, text, command,
                risk, outcome, reason, error, duration_ms, COALESCE(args @> '{"dryRun": true}', false) AS dry_run
           FROM audit_events
          WHERE ($1::text IS NULL OR user_id = $1)
            AND ($2::text IS NULL OR command LIKE $2)
            AND ($3::timestamptz IS NULL OR at >= $3)
            AND ($5::text IS NULL OR approval_id = $5)
          ORDER BY at DESC, id DESC
          LIMIT $4`,
        // Filters as rows are written (a NUL as `\u0000`), before LIKE's escaping of that backslash.
        pgParams([
          userId ?? null,
          commandPrefix ? `${escapeLike(pgText(commandPrefix))}%` : null,
          since ?? null,
          limit,
          approvalId ?? null,
        ]),
      );
      return rows.map((row) => AuditRow.parse(row));
    },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
