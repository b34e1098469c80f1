import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../alarms/clock.js';
import type { Invocation } from '../pipeline/command.js';
import type { CheckedRunbook } from './check-runbooks.js';
import { planRunbook } from './plan-runbook.js';
import type { RunArguments } from './runbook.js';
import { runbookCard } from './runbook-card.js';
import { advanceRun } from './advance-run.js';
import { createRunDecisions } from './run-decisions.js';
import { createRunReporting, requesterOf, type RunbookNotifier } from './run-reporting.js';
import type { RunRow } from './run-rows.js';
import type { RunStore } from './run-store.js';
import { prepareStep, stepInvocation, type StepDependencies } from './run-step.js';
import { planOnlyBanner } from './plan-only.js';
import { runSteps } from './run-steps.js';
import type { StepRow } from './step-rows.js';
import { createRunWorker } from './run-worker.js';

export interface RunbookEngineOptions extends StepDependencies {
  store: RunStore;
  runbooks: readonly CheckedRunbook[];
  notifier: RunbookNotifier;
  /** This process's name for leases (a uuid per process). */
  owner: string;
  log: Logger;
  clock?: Clock;
  /** How long a claimed run is this process's without a renewal (default 60 s); renewed while a step runs. */
  leaseMs?: number;
}

/**
 * Runs runbooks: steps in order under a lease (`runbook_runs`, `runbook_steps`), each command step through
 * the one execution function with the run's request id as `parent_request_id`. Waits are polled from the
 * table (they survive a restart); a command step found `running` with its lease lapsed has an unknown
 * outcome: the run stops and a person decides (retry, skip with approval, abort: src/runbooks/run-decisions.ts).
 * Never re-runs a step that succeeded.
 */
export function createRunbookEngine(options: RunbookEngineOptions) {
  const { store, notifier, owner, log } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? 60_000;
  const now = () => new Date(clock.now());
  const byName = new Map(options.runbooks.map((checked) => [checked.runbook.name, checked]));
  const banner = (steps: readonly { kind: StepRow['kind']; words?: readonly string[] | null }[]) =>
    planOnlyBanner(steps, options.registry, options.integrations);
  const reporting = createRunReporting({ store, notifier, executor: options.executor, owner, log, now, banner });
  // The worker decides when runs advance and stops cleanly; a run being advanced checks `stopping` between steps.
  const worker = createRunWorker({ advanceDue, get: (id) => store.get(id), log });
  const deps = { ...options, store, now, leaseMs, owner, log, ...reporting, requesterOf, stopping: worker.stopping };

  /** Advances every due run this process can claim; resolves with their ids. */
  async function advanceDue(): Promise<string[]> {
    const due = await store.claimDue(owner, now(), new Date(clock.now() + leaseMs), 10);
    for (const run of due)
      await advanceRun(run, deps).catch((error: unknown) =>
        log.error({ err: error, runId: run.id }, 'runbook run could not be advanced'),
      );
    return due.map((run) => run.id);
  }
  const decisions = createRunDecisions({
    store,
    executor: options.executor,
    reporting,
    now,
    advanceSoon: (id) => {
      worker.follow(id);
      worker.tickSoon();
    },
  });

  return {
    /** The runbooks this engine runs, by name. */
    runbook: (name: string) => byName.get(name),
    runbooks: () => [...byName.values()],

    /** Every step's plan, as `invocation`'s person (src/runbooks/plan-runbook.ts). */
    plan: (checked: CheckedRunbook, args: RunArguments, invocation: Invocation) =>
      planRunbook(checked, args, invocation, options),

    /** Stores the run (once per request id), posts its card and starts it. */
    async start(
      checked: CheckedRunbook,
      args: RunArguments,
      invocation: Invocation,
      approvalId?: string,
    ): Promise<RunRow> {
      const checkedSteps = runSteps(checked, args);
      const run = await store.create(
        {
          requestId: invocation.requestId,
          approvalId,
          runbook: checked.runbook.name,
          args,
          text: invocation.text,
          requesterId: invocation.userId,
          requesterName: invocation.userName,
          source: invocation.source,
          teamId: invocation.teamId,
          channelId: invocation.channelId,
          steps: checkedSteps,
        },
        // Not due before its card is posted (a step's card change would find no card to update), or a lease
        // later should this process stop first.
        new Date(clock.now() + leaseMs),
      );
      if (!run.message_ts) {
        const posted = await notifier
          .post(run, runbookCard(run, await store.steps(run.id), now(), banner(checkedSteps)))
          .catch((error: unknown) => {
            log.warn({ err: error, runId: run.id }, 'runbook card could not be posted');
            return undefined;
          });
        if (posted) await store.setMessage(run.id, posted.channel, posted.ts);
      }
      await store.dueNow(run.id, now());
      worker.follow(run.id);
      worker.tickSoon();
      return (await store.get(run.id)) ?? run;
    },

    /** Advances every due run this process can claim; resolves with how many (0 once stopped). */
    tick: worker.tick,

    status: async (id: string) => {
      const run = await store.get(id);
      if (!run) return undefined;
      const steps = await store.steps(run.id);
      return { run, steps, now: now(), banner: banner(steps) };
    },

    ...decisions,

    /** The plan of the run's current command step, as its requester, now (what `runbook proceed` approves). */
    async planCurrentStep(id: string) {
      const run = await store.get(id);
      const step = run ? (await store.steps(run.id))[run.current_step] : undefined;
      if (!run || step?.kind !== 'command') return undefined;
      const invocation = stepInvocation(requesterOf(run), randomUUID(), step.line);
      return (await prepareStep(invocation, step.words ?? [], options)).plan;
    },
    /** The step a person would decide on now (to plan a skip or a proceed). */
    async currentStep(id: string) {
      const run = await store.get(id);
      return run ? { run, step: (await store.steps(run.id))[run.current_step] } : undefined;
    },

    /** Ticks every `intervalMs` (the server; the shell while it runs), so waits are polled and lapsed runs resumed. */
    startPolling: worker.startPolling,
    /** The shell follows the runs it started until none is `running` (src/runbooks/run-worker.ts). */
    settled: worker.settled,
    /** The runs this process started or decided on that are `running` now. */
    running: worker.running,
    /**
     * Stops advancing runs: no new claim, a run being advanced is released before its next step (due at once,
     * resumed by the next process), and resolves once the step that runs ended and was audited. Call it
     * before closing the database.
     */
    stop: worker.stop,
  };
}

export type RunbookEngine = ReturnType<typeof createRunbookEngine>;
