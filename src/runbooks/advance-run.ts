import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Reply } from '../pipeline/reply.js';
import type { RunRow } from './run-rows.js';
import type { RunStore } from './run-store.js';
import type { StepRow } from './step-rows.js';
import { pollWait } from './poll-wait.js';
import { auditStepRow, stepText } from './step-audit.js';
import { runCommandStep, stepInvocation, type Requester, type StepDependencies } from './run-step.js';

export interface AdvanceDependencies extends StepDependencies {
  store: RunStore;
  owner: string;
  now: () => Date;
  leaseMs: number;
  log: Logger;
  requesterOf: (run: RunRow) => Requester;
  settle: (run: RunRow, status: RunRow['status'], change?: { currentStep?: number; nextAt?: Date }) => Promise<RunRow>;
  thread: (run: RunRow, reply: Reply) => Promise<void>;
  /** Shows the run's current state on its card (a step starting). */
  refresh: (run: RunRow) => Promise<void>;
  /** True once the engine stops: the run is released before its next command step or wait, due at once. */
  stopping?: () => boolean;
  /** How often a running step renews the run's lease (default a third of the lease). */
  heartbeatMs?: number;
}

/**
 * Advances a claimed run from its current step as far as it can go now: command steps run one after the
 * other; a wait polls once and comes back later; a manual step (or one needing its own approval) waits for
 * a person; a failure or an unknown outcome stops the run. Each step's state is written before it runs.
 */
export async function advanceRun(claimed: RunRow, deps: AdvanceDependencies): Promise<void> {
  const { store } = deps;
  const steps = await store.steps(claimed.id);
  for (let position = claimed.current_step; position < steps.length; position++) {
    const step = steps[position]!;
    const run = { ...claimed, current_step: position };
    if (step.status === 'succeeded' || step.status === 'skipped') continue;
    if (step.status === 'failed' || step.status === 'unknown')
      return void (await deps.settle(run, 'stopped', { currentStep: position }));
    if (step.status === 'running') return void (await interrupted(run, step, deps));
    if (step.kind === 'manual') {
      if (step.status !== 'waiting-person') {
        const requestId = randomUUID();
        await store.updateStep(run.id, position, {
          status: 'waiting-person',
          request_id: requestId,
          started_at: step.started_at ?? deps.now(),
        });
        await auditStepRow(deps.executor, run, step, { requestId, actor: deps.requesterOf(run), outcome: 'started' });
      }
      return void (await deps.settle(run, 'waiting', { currentStep: position }));
    }
    if (deps.stopping?.())
      return void (await deps.settle(run, 'running', { currentStep: position, nextAt: deps.now() }));
    if (step.kind === 'wait') {
      const waited = await pollWait(run, step, deps);
      if (waited === 'done') continue;
      return;
    }
    if (step.own_approval && !step.approval_id) {
      await store.updateStep(run.id, position, { status: 'waiting-approval', started_at: deps.now() });
      return void (await deps.settle(run, 'waiting', { currentStep: position }));
    }
    if (!(await runCommand(run, step, deps))) return;
  }
  await deps.settle({ ...claimed, current_step: steps.length }, 'succeeded', { currentStep: steps.length });
}

/** A command step found `running` by a claim: the process running it stopped; it may or may not have happened. */
async function interrupted(run: RunRow, step: StepRow, deps: AdvanceDependencies) {
  const error =
    'radio-ops stopped while this step was running: it may or may not have happened. Check, then retry, skip or abort.';
  await deps.store.updateStep(run.id, step.position, { status: 'unknown', error, finished_at: deps.now() });
  if (step.request_id)
    await deps.executor.complete(
      {
        invocation: stepInvocation(deps.requesterOf(run), step.request_id, stepText(run, step)),
        risk: 'write',
        chain: { parentRequestId: run.request_id, approvalId: step.approval_id ?? run.approval_id ?? undefined },
      },
      'failed',
      error,
    );
  await deps.settle(run, 'stopped', { currentStep: step.position });
}

/** Runs a command step under a renewed lease; true when the run may go on. */
async function runCommand(run: RunRow, step: StepRow, deps: AdvanceDependencies): Promise<boolean> {
  const requestId = randomUUID();
  await deps.store.updateStep(run.id, step.position, {
    status: 'running',
    request_id: requestId,
    started_at: deps.now(),
    finished_at: null,
    error: null,
  });
  await deps.refresh(run);
  const heartbeat = setInterval(
    () => void renewLease(run, deps).catch(() => undefined),
    deps.heartbeatMs ?? Math.max(1000, deps.leaseMs / 3),
  );
  let outcome;
  try {
    outcome = await runCommandStep(
      deps.requesterOf(run),
      { requestId, line: stepText(run, step), words: step.words ?? [] },
      { parentRequestId: run.request_id, approvalId: step.approval_id ?? run.approval_id ?? undefined },
      deps,
    );
  } finally {
    clearInterval(heartbeat);
  }
  // Stalled past the lease, this process may have lost the run to another, which found the step running and
  // stopped the run for a person: the step's own audit rows say how it ended; the run is the holder's now.
  if (!(await renewLease(run, deps))) {
    deps.log.warn(
      { runId: run.id, step: step.position + 1, outcome: outcome.status },
      'runbook run was taken over while its step ran; leaving it to the process that holds it',
    );
    return false;
  }
  if (outcome.status === 'succeeded') {
    await deps.store.updateStep(run.id, step.position, {
      status: 'succeeded',
      result: outcome.reply.summary,
      finished_at: deps.now(),
    });
    await deps.thread(run, outcome.reply);
    return true;
  }
  await deps.store.updateStep(run.id, step.position, {
    status: outcome.status,
    error: outcome.error,
    finished_at: deps.now(),
  });
  await deps.settle(run, 'stopped', { currentStep: step.position });
  return false;
}

/** Extends this process's lease on `run` by `leaseMs` from now; false when another process holds the run. */
const renewLease = (run: RunRow, deps: AdvanceDependencies): Promise<boolean> =>
  deps.store.renew(run.id, deps.owner, new Date(deps.now().getTime() + deps.leaseMs));
