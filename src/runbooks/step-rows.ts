import type { RunStep } from './run-steps.js';
import { z } from 'zod';
import { pgParams } from '../audit/postgres-text.js';
import type { SqlClient } from '../db/sql-client.js';

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

/** A step as a new run stores it, in order: the run's substituted step (src/runbooks/run-steps.ts). */
export type NewStep = RunStep;

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

/** The `runbook_steps` rows of runs: written once at the run's creation, then changed column by column. */
export function createStepRows(db: SqlClient) {
  return {
    async insert(runId: string, steps: readonly NewStep[]): Promise<void> {
      for (const [position, step] of steps.entries())
        await db.query(
          `INSERT INTO runbook_steps (run_id, position, kind, line, words, own_approval, every_ms, timeout_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          pgParams([
            runId,
            position,
            step.kind,
            step.line,
            step.words ? JSON.stringify(step.words) : null,
            step.ownApproval,
            step.everyMs ?? null,
            step.timeoutMs ?? null,
          ]),
        );
    },
    async list(runId: string): Promise<StepRow[]> {
      const { rows } = await db.query('SELECT * FROM runbook_steps WHERE run_id = $1 ORDER BY position', [runId]);
      return rows.map((row) => StepRow.parse(row));
    },
    async update(runId: string, position: number, update: StepUpdate): Promise<void> {
      const columns = Object.keys(update);
      if (columns.length === 0) return;
      const sets = columns.map((column, index) => `${column} = $${index + 3}`).join(', ');
      await db.query(
        `UPDATE runbook_steps SET ${sets} WHERE run_id = $1 AND position = $2`,
        pgParams([runId, position, ...Object.values(update)]),
      );
    },
  };
}
