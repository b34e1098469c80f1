import { randomUUID } from 'node:crypto';
import { formatDuration } from '../config/duration.js';
import { integrationsForRun } from '../integrations/run-view.js';
import { runWithDeadline } from '../pipeline/run-with-deadline.js';
import { UserError } from '../pipeline/user-error.js';
import type { AdvanceDependencies } from './advance-run.js';
import type { RunRow } from './run-rows.js';
import { prepareStep, stepInvocation } from './run-step.js';
import { auditStepRow } from './step-audit.js';
import type { StepRow } from './step-rows.js';
import { WAIT_CONDITIONS, type WaitObservation } from './wait-conditions.js';

/** Polls a wait step once: `done`, or the run is set to come back (`later`), or stopped past the step's timeout. */
export async function pollWait(run: RunRow, step: StepRow, deps: AdvanceDependencies): Promise<'done' | 'later'> {
  const now = deps.now();
  const deadline = step.deadline_at ?? new Date(now.getTime() + (step.timeout_ms ?? 600_000));
  // The wait's own execution in the run's audit chain: its request id is stored, so a restart ends the same one.
  const requestId = step.status === 'waiting' && step.request_id ? step.request_id : randomUUID();
  const audit = (outcome: 'started' | 'succeeded' | 'failed', state?: string, error?: string) =>
    auditStepRow(deps.executor, run, step, { requestId, actor: deps.requesterOf(run), outcome, state, error });
  if (step.status !== 'waiting') {
    await deps.store.updateStep(run.id, step.position, {
      status: 'waiting',
      request_id: requestId,
      started_at: now,
      deadline_at: deadline,
    });
    await audit('started');
  }
  const seen = await observe(run, step, deps);
  if (seen.done) {
    await deps.store.updateStep(run.id, step.position, {
      status: 'succeeded',
      last_state: seen.state,
      result: seen.state,
      finished_at: deps.now(),
    });
    await audit('succeeded', seen.state);
    return 'done';
  }
  if (deps.now() >= deadline) {
    const error = `did not hold within ${formatDuration(step.timeout_ms ?? 600_000)}; last: ${seen.state}`;
    await deps.store.updateStep(run.id, step.position, {
      status: 'failed',
      last_state: seen.state,
      error,
      finished_at: deps.now(),
    });
    await audit('failed', seen.state, error);
    await deps.settle(run, 'stopped', { currentStep: step.position });
    return 'later';
  }
  await deps.store.updateStep(run.id, step.position, { last_state: seen.state });
  await deps.settle(run, 'running', {
    currentStep: step.position,
    nextAt: new Date(deps.now().getTime() + (step.every_ms ?? 10_000)),
  });
  return 'later';
}

/** One look at the condition under the command deadline; an error is a state to show, not the end of the wait. */
async function observe(run: RunRow, step: StepRow, deps: AdvanceDependencies): Promise<WaitObservation> {
  const [name = '', ...words] = step.words ?? [];
  const condition = WAIT_CONDITIONS[name];
  if (!condition) return { done: false, state: `no wait condition ${name}` };
  const requester = deps.requesterOf(run);
  const ran = await runWithDeadline(
    (signal) =>
      condition.check(words, {
        integrations: integrationsForRun(deps.integrations, signal),
        signal,
        async runRead(line) {
          const invocation = stepInvocation(requester, randomUUID(), line.join(' '));
          const { prepared } = await prepareStep(invocation, line, deps);
          if (prepared.risk !== 'read') throw new UserError('precondition', '`until` only polls read commands');
          await prepared.command.run({
            args: prepared.args,
            config: deps.config,
            integrations: integrationsForRun(deps.integrations, signal),
            invocation,
            idempotencyKey: invocation.requestId,
            signal,
          });
        },
      }),
    { deadlineMs: deps.config.deadlines.command },
  );
  if (ran.kind === 'done') return ran.result;
  if (ran.kind === 'threw')
    return { done: false, state: ran.error instanceof Error ? ran.error.message : String(ran.error) };
  return { done: false, state: 'no answer in time' };
}
