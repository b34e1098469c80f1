import type { RunArguments } from './runbook.js';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { pgParams } from '../audit/postgres-text.js';
import type { SqlClient } from '../db/sql-client.js';

export const RunStatus = z.enum(['running', 'waiting', 'stopped', 'succeeded', 'aborted']);
export type RunStatus = z.infer<typeof RunStatus>;
export const StepStatus = z.enum([
  'pending',
  'running',
  'waiting',
  'waiting-person',
  'waiting-approval',
  'succeeded',
  'failed',
  'unknown',
  'skipped',
]);
export type StepStatus = z.infer<typeof StepStatus>;

/** A row of `runbook_runs`, validated as read back. */
export const RunRow = z.object({
  id: z.string(),
  request_id: z.string(),
  approval_id: z.string().nullable(),
  runbook: z.string(),
  args: z.record(z.string(), z.union([z.string(), z.boolean()])),
  text: z.string(),
  requester_id: z.string(),
  requester_name: z.string().nullable(),
  source: z.string(),
  team_id: z.string().nullable(),
  channel_id: z.string().nullable(),
  status: RunStatus,
  current_step: z.number().int(),
  message_channel: z.string().nullable(),
  message_ts: z.string().nullable(),
  created_at: z.coerce.date(),
  finished_at: z.coerce.date().nullable(),
});
export type RunRow = z.infer<typeof RunRow>;

/** A row of `runbook_steps`. */
export const StepRow = z.object({
  run_id: z.string(),
  position: z.number().int(),
  kind: z.enum(['command', 'wait', 'manual']),
  line: z.string(),
  words: z.array(z.string()).nullable(),
  own_approval: z.boolean(),
  every_ms: z.number().int().nullable(),
  timeout_ms: z.number().int().nullable(),
  status: StepStatus,
  request_id: z.string().nullable(),
  approval_id: z.string().nullable(),
  deadline_at: z.coerce.date().nullable(),
  last_state: z.string().nullable(),
  result: z.string().nullable(),
  error: z.string().nullable(),
  decided_by: z.string().nullable(),
  started_at: z.coerce.date().nullable(),
  finished_at: z.coerce.date().nullable(),
});
export type StepRow = z.infer<typeof StepRow>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `run_` and 16 Crockford base32 characters (80 random bits). */
export const newRunId = () => `run_${[...randomBytes(16)].map((byte) => CROCKFORD[byte & 31]).join('')}`;
export const RUN_ID = /^run_[0-9A-HJKMNP-TV-Z]{16}$/;

export interface NewRun {
  requestId: string;
  approvalId?: string;
  runbook: string;
  args: RunArguments;
  text: string;
  requesterId: string;
  requesterName?: string;
  source: string;
  teamId?: string;
  channelId?: string;
  steps: {
    kind: 'command' | 'wait' | 'manual';
    line: string;
    words?: string[];
    ownApproval: boolean;
    everyMs?: number;
    timeoutMs?: number;
  }[];
}

/** A step change: only the given columns are set. */
export type StepUpdate = Partial<
  Pick<
    StepRow,
    | 'status'
    | 'request_id'
    | 'approval_id'
    | 'deadline_at'
    | 'last_state'
    | 'result'
    | 'error'
    | 'decided_by'
    | 'started_at'
    | 'finished_at'
  >
>;

/**
 * Runs and their steps in Postgres, claimed under a lease with `FOR UPDATE SKIP LOCKED` (as the operations
 * table): after a restart any replica resumes a run from what is stored, and no two advance one at once.
 * Times are passed in (the engine's clock), never read from the database.
 */
export function createRunStore(db: SqlClient) {
  const run = (rows: unknown[]) => rows.map((row) => RunRow.parse(row))[0];
  return {
    /** Stores a run and its steps; a second call with the same request id returns the first run (a retried start). */
    async create(request: NewRun, now: Date): Promise<RunRow> {
      const id = newRunId();
      const { rows } = await db.query(
        `INSERT INTO runbook_runs (id, request_id, approval_id, runbook, args, text, requester_id, requester_name, source, team_id, channel_id, next_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (request_id) DO NOTHING RETURNING *`,
        pgParams([
          id,
          request.requestId,
          request.approvalId ?? null,
          request.runbook,
          JSON.stringify(request.args),
          request.text,
          request.requesterId,
          request.requesterName ?? null,
          request.source,
          request.teamId ?? null,
          request.channelId ?? null,
          now,
        ]),
      );
      const created = run(rows);
      if (!created) return (await this.byRequest(request.requestId))!;
      for (const [position, step] of request.steps.entries())
        await db.query(
          `INSERT INTO runbook_steps (run_id, position, kind, line, words, own_approval, every_ms, timeout_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          pgParams([
            id,
            position,
            step.kind,
            step.line,
            step.words ? JSON.stringify(step.words) : null,
            step.ownApproval,
            step.everyMs ?? null,
            step.timeoutMs ?? null,
          ]),
        );
      return created;
    },
    get: async (id: string) =>
      RUN_ID.test(id) ? run((await db.query('SELECT * FROM runbook_runs WHERE id = $1', [id])).rows) : undefined,
    byRequest: async (requestId: string) =>
      run((await db.query('SELECT * FROM runbook_runs WHERE request_id = $1', [requestId])).rows),
    async steps(id: string): Promise<StepRow[]> {
      const { rows } = await db.query('SELECT * FROM runbook_steps WHERE run_id = $1 ORDER BY position', [id]);
      return rows.map((row) => StepRow.parse(row));
    },
    /** Takes up to `limit` runs due at `now` whose lease is free or lapsed, until `until`. */
    async claimDue(owner: string, now: Date, until: Date, limit: number): Promise<RunRow[]> {
      const { rows } = await db.query(
        `UPDATE runbook_runs SET lease_owner = $1, lease_until = $3
         WHERE id IN (SELECT id FROM runbook_runs WHERE status = 'running' AND next_at <= $2
                        AND (lease_until IS NULL OR lease_until < $2)
                      ORDER BY next_at FOR UPDATE SKIP LOCKED LIMIT $4)
         RETURNING *`,
        [owner, now, until, limit],
      );
      return rows.map((row) => RunRow.parse(row));
    },
    /** Extends this owner's lease; false when it lost it (another replica took the run over). */
    async renew(id: string, owner: string, until: Date): Promise<boolean> {
      const { rows } = await db.query(
        'UPDATE runbook_runs SET lease_until = $3 WHERE id = $1 AND lease_owner = $2 RETURNING id',
        [id, owner, until],
      );
      return rows.length > 0;
    },
    /** Sets the run's state and frees the lease (only its holder may, or anyone when `owner` is undefined). */
    async release(
      id: string,
      owner: string | undefined,
      change: { status: RunStatus; currentStep?: number; nextAt?: Date; finishedAt?: Date },
    ): Promise<RunRow | undefined> {
      const { rows } = await db.query(
        `UPDATE runbook_runs SET status = $3, current_step = coalesce($4, current_step), next_at = coalesce($5, next_at),
           finished_at = coalesce($6, finished_at), lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND ($2::text IS NULL OR lease_owner = $2) RETURNING *`,
        [
          id,
          owner ?? null,
          change.status,
          change.currentStep ?? null,
          change.nextAt ?? null,
          change.finishedAt ?? null,
        ],
      );
      return run(rows);
    },
    /** Moves a run in `from` to `status` (a person's decision); undefined when it was not in `from` (decided meanwhile, or leased). */
    async transition(
      id: string,
      from: RunStatus[],
      change: { status: RunStatus; nextAt?: Date; finishedAt?: Date; currentStep?: number },
    ): Promise<RunRow | undefined> {
      const { rows } = await db.query(
        `UPDATE runbook_runs SET status = $3, next_at = coalesce($4, next_at), finished_at = coalesce($5, finished_at),
           current_step = coalesce($6, current_step)
         WHERE id = $1 AND status = ANY($2::text[]) AND (lease_until IS NULL OR status <> 'running') RETURNING *`,
        [id, from, change.status, change.nextAt ?? null, change.finishedAt ?? null, change.currentStep ?? null],
      );
      return run(rows);
    },
    async updateStep(id: string, position: number, update: StepUpdate): Promise<void> {
      const columns = Object.keys(update);
      if (columns.length === 0) return;
      const sets = columns.map((column, index) => `${column} = $${index + 3}`).join(', ');
      await db.query(
        `UPDATE runbook_steps SET ${sets} WHERE run_id = $1 AND position = $2`,
        pgParams([id, position, ...Object.values(update)]),
      );
    },
    async setMessage(id: string, channel: string, ts: string): Promise<void> {
      await db.query('UPDATE runbook_runs SET message_channel = $2, message_ts = $3 WHERE id = $1', [id, channel, ts]);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
