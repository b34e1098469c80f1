import type { Executor } from '../pipeline/execute.js';
import type { RunRow } from './run-rows.js';
import { stepInvocation, type Requester } from './run-step.js';
import type { StepRow } from './step-rows.js';

/**
 * The text of a step's audit rows: the run and the step (1-based), then the step's line, so a reader of
 * `audit` sees which run a row belongs to (the run id is what people see; `parent_request_id` links the rows).
 */
export const stepText = (run: Pick<RunRow, 'id'>, step: Pick<StepRow, 'position' | 'line'>): string =>
  `${run.id} step ${step.position + 1}: ${step.line}`;

/**
 * One row of a wait's or a manual step's own execution in the run's audit chain (`parent_request_id` the
 * run's request id, `request_id` the step's): `started` when it begins, then how it ended. Command steps
 * write theirs through the one execution function; these steps run nothing, so their rows are written
 * here. `actor` is who the row is for: the requester (the run acts for them), or the person who confirmed
 * or decided. `args` names the run and the step (1-based); `state` what a wait saw last. Never throws.
 */
export function auditStepRow(
  executor: Executor,
  run: RunRow,
  step: StepRow,
  row: {
    requestId: string;
    actor: Requester;
    outcome: 'started' | 'succeeded' | 'failed' | 'cancelled';
    state?: string;
    error?: string;
  },
): Promise<void> {
  return executor.complete(
    {
      invocation: stepInvocation(row.actor, row.requestId, stepText(run, step)),
      command: step.kind === 'wait' ? 'runbook wait' : 'runbook manual step',
      args: { run: run.id, step: step.position + 1, ...(row.state === undefined ? {} : { state: row.state }) },
      risk: step.kind === 'wait' ? 'read' : 'write',
      chain: { parentRequestId: run.request_id, approvalId: run.approval_id ?? undefined },
    },
    row.outcome,
    row.error,
  );
}
