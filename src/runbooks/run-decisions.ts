import type { Invocation } from '../pipeline/command.js';
import type { Executor } from '../pipeline/execute.js';
import { UserError } from '../pipeline/user-error.js';
import { runOutcome } from './run-outcome.js';
import type { RunReporting } from './run-reporting.js';
import type { RunRow } from './run-rows.js';
import type { RunStore } from './run-store.js';
import { auditStepRow } from './step-audit.js';
import type { StepRow } from './step-rows.js';

export interface RunDecisionOptions {
  store: RunStore;
  /** Writes the rows of the manual steps and waits a person ends (src/runbooks/step-audit.ts). */
  executor: Executor;
  reporting: RunReporting;
  now: () => Date;
  /** Follows run `id` (a decision set it going) and advances due runs soon, after this decision's answer. */
  advanceSoon: (id: string) => void;
}

/**
 * A person's decisions on a run that waits or stopped: confirm a manual step, retry or skip the current
 * step, let a step with its own approval proceed, abort. Each moves the run only from the state it was
 * decided in (a decision raced by another is refused, nothing changed), and never while a step runs.
 */
export function createRunDecisions({ store, executor, reporting, now, advanceSoon }: RunDecisionOptions) {
  /** Ends the audited execution of a manual step or a wait that `invocation`'s person decided on. */
  async function auditDecided(
    run: RunRow,
    step: StepRow,
    invocation: Invocation,
    outcome: 'succeeded' | 'cancelled',
    error?: string,
  ) {
    const open = step.status === 'waiting-person' || (step.kind === 'wait' && step.status === 'waiting');
    if (!open || !step.request_id) return;
    await auditStepRow(executor, run, step, { requestId: step.request_id, actor: invocation, outcome, error });
  }

  async function current(
    id: string,
    states: RunRow['status'][],
    stepStatus: StepRow['status'] | undefined,
    notWhat: string,
  ) {
    const run = await store.get(id);
    if (!run) throw new UserError('precondition', `There is no runbook run \`${id}\`.`);
    const steps = await store.steps(run.id);
    const step = steps[run.current_step];
    if (!states.includes(run.status) || !step || (stepStatus && step.status !== stepStatus))
      throw new UserError('precondition', `Run ${id} ${notWhat}: it ${runOutcome(run, steps).said}.`);
    return { run, step };
  }

  async function resume(run: RunRow, position: number): Promise<RunRow> {
    const moved = await store.transition(run.id, [run.status], {
      status: 'running',
      nextAt: now(),
      currentStep: position,
    });
    if (!moved) throw new UserError('precondition', `Run ${run.id} was decided meanwhile; nothing changed.`);
    await reporting.refresh(moved);
    advanceSoon(run.id);
    return moved;
  }

  return {
    /** A person says the manual step is done: the run goes on. */
    async confirm(id: string, invocation: Invocation) {
      const { run, step } = await current(id, ['waiting'], 'waiting-person', 'is not waiting for a person');
      await store.updateStep(run.id, step.position, {
        status: 'succeeded',
        decided_by: invocation.userId,
        finished_at: now(),
      });
      await auditDecided(run, step, invocation, 'succeeded');
      return resume(run, step.position + 1);
    },
    /** Runs the stopped step again (a new execution of it). */
    async retry(id: string, invocation: Invocation) {
      const { run, step } = await current(id, ['stopped'], undefined, 'has nothing to retry');
      await store.updateStep(run.id, step.position, {
        status: 'pending',
        error: null,
        decided_by: invocation.userId,
        deadline_at: null,
      });
      return resume(run, step.position);
    },
    /** Goes on without the stopped (or waiting) step; approved by a second person before this is called. */
    async skip(id: string, invocation: Invocation) {
      const { run, step } = await current(id, ['stopped', 'waiting'], undefined, 'has no step to skip');
      await store.updateStep(run.id, step.position, {
        status: 'skipped',
        decided_by: invocation.userId,
        finished_at: now(),
      });
      await auditDecided(run, step, invocation, 'cancelled', 'skipped by a person');
      return resume(run, step.position + 1);
    },
    /** Lets the run past a step that needs its own approval: `approvalId` is the approval of `runbook proceed`. */
    async proceed(id: string, invocation: Invocation, approvalId: string) {
      const { run, step } = await current(
        id,
        ['waiting'],
        'waiting-approval',
        "is not waiting for a step's own approval",
      );
      await store.updateStep(run.id, step.position, {
        status: 'pending',
        approval_id: approvalId,
        decided_by: invocation.userId,
      });
      return resume(run, step.position);
    },
    /** Ends the run where it is (nothing undone); refused while a step runs. */
    async abort(id: string, invocation: Invocation) {
      const run = await store.get(id);
      if (!run) throw new UserError('precondition', `There is no runbook run \`${id}\`.`);
      const aborted = await store.transition(run.id, ['stopped', 'waiting', 'running'], {
        status: 'aborted',
        finishedAt: now(),
      });
      if (!aborted)
        throw new UserError(
          'precondition',
          run.status === 'running'
            ? `Run ${id} is running a step right now; abort it once the step ends.`
            : `Run ${id} ${runOutcome(run, await store.steps(run.id)).said}.`,
        );
      const step = (await store.steps(run.id))[aborted.current_step];
      if (step) await auditDecided(aborted, step, invocation, 'cancelled', 'the run was aborted');
      await reporting.ended(aborted, invocation.userId);
      return aborted;
    },
  };
}
