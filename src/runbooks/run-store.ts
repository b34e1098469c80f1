import { pgParams } from '../audit/postgres-text.js';
import type { SqlClient } from '../db/sql-client.js';
import { newRunId, RunRow, RUN_ID, type NewRun, type RunStatus } from './run-rows.js';
import { createStepRows, type StepRow, type StepUpdate } from './step-rows.js';

/**
 * Runs and their steps in Postgres, claimed under a lease with `FOR UPDATE SKIP LOCKED` (as the operations
 * table): after a restart any replica resumes a run from what is stored, and no two advance one at once.
 * Times are passed in (the engine's clock), never read from the database. With `onlySource` (`shell`), only runs
 * started from there are claimed: a shell on the server's database leaves Slack runs (and their cards) to it.
 */
export function createRunStore(db: SqlClient, onlySource?: string) {
  const run = (rows: unknown[]) => rows.map((row) => RunRow.parse(row))[0];
  const stepRows = createStepRows(db);
  return {
    /**
     * Stores a run and its steps, due (claimable) at `dueAt`; a second call with the same request id returns
     * the first run (a retried start).
     */
    async create(request: NewRun, dueAt: Date): Promise<RunRow> {
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
          dueAt,
        ]),
      );
      const created = run(rows);
      if (!created) return (await this.byRequest(request.requestId))!;
      await stepRows.insert(id, request.steps);
      return created;
    },
    get: async (id: string) =>
      RUN_ID.test(id) ? run((await db.query('SELECT * FROM runbook_runs WHERE id = $1', [id])).rows) : undefined,
    byRequest: async (requestId: string) =>
      run((await db.query('SELECT * FROM runbook_runs WHERE request_id = $1', [requestId])).rows),
    steps: (id: string): Promise<StepRow[]> => stepRows.list(id),
    /** Takes up to `limit` runs due at `now` whose lease is free or lapsed, until `until`. */
    async claimDue(owner: string, now: Date, until: Date, limit: number): Promise<RunRow[]> {
      const { rows } = await db.query(
        `UPDATE runbook_runs SET lease_owner = $1, lease_until = $3
         WHERE id IN (SELECT id FROM runbook_runs WHERE status = 'running' AND next_at <= $2
                        AND (lease_until IS NULL OR lease_until < $2) AND ($5::text IS NULL OR source = $5)
                      ORDER BY next_at FOR UPDATE SKIP LOCKED LIMIT $4)
         RETURNING *`,
        [owner, now, until, limit, onlySource ?? null],
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
    updateStep: (id: string, position: number, update: StepUpdate): Promise<void> =>
      stepRows.update(id, position, update),
    /** Makes a running run that no one holds due at `now` (its start is ready: the card is posted). */
    async dueNow(id: string, now: Date): Promise<void> {
      await db.query(
        `UPDATE runbook_runs SET next_at = $2 WHERE id = $1 AND status = 'running' AND lease_until IS NULL AND next_at > $2`,
        [id, now],
      );
    },
    async setMessage(id: string, channel: string, ts: string): Promise<void> {
      await db.query('UPDATE runbook_runs SET message_channel = $2, message_ts = $3 WHERE id = $1', [id, channel, ts]);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
