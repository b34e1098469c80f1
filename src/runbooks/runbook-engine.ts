import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../alarms/clock.js';
import type { CardNotifier } from '../approvals/approval-notifier.js';
import type { Invocation } from '../pipeline/command.js';
import type { Reply } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import type { CheckedRunbook } from './check-runbooks.js';
import type { RunArguments } from './runbook.js';
import { runbookCard, runEndedNotice } from './runbook-card.js';
import type { RunRow, RunStore, StepRow } from './run-store.js';
import { advanceRun, type AdvanceDependencies } from './advance-run.js';
import { prepareStep, stepInvocation, type Requester, type StepDependencies } from './run-step.js';
import { runSteps } from './run-steps.js';

/**
 * Where a run's progress card lives: posted once, updated in place; results and the end in its thread. The
 * server's is the approval cards' rate-limited queue over Slack (src/approvals/queued-approval-notifier.ts).
 */
export type RunbookNotifier = CardNotifier<RunRow>;

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

const requesterOf = (run: RunRow): Requester => ({
  userId: run.requester_id,
  userName: run.requester_name ?? undefined,
  source: run.source,
  teamId: run.team_id ?? undefined,
  channelId: run.channel_id ?? undefined,
});

/**
 * Runs runbooks: steps in order under a lease (`runbook_runs`, `runbook_steps`), each command step through
 * the one execution function with the run's request id as `parent_request_id`. Waits are polled from the
 * table (they survive a restart); a command step found `running` with its lease lapsed has an unknown
 * outcome: the run stops and a person decides (retry, skip with approval, abort). Never re-runs a step that
 * succeeded.
 */
export function createRunbookEngine(options: RunbookEngineOptions) {
  const { store, notifier, owner, log } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? 60_000;
  const now = () => new Date(clock.now());
  const byName = new Map(options.runbooks.map((checked) => [checked.runbook.name, checked]));
  let timer: NodeJS.Timeout | undefined;

  async function refresh(run: RunRow): Promise<void> {
    const steps = await store.steps(run.id);
    await notifier
      .update(run, runbookCard(run, steps, now()))
      .catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'runbook card could not be updated'));
  }
  const thread = (run: RunRow, reply: Reply) =>
    notifier
      .thread(run, reply)
      .catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'runbook thread reply not sent'));

  /** The run's last audit row: a new execution whose parent is the run (as a followed operation's completion). */
  async function auditEnd(run: RunRow, outcome: 'succeeded' | 'failed', error?: string) {
    const invocation: Invocation = {
      ...stepInvocation(requesterOf(run), randomUUID(), `runbook ${run.runbook} ended: ${run.status}`),
    };
    await options.executor.complete(
      {
        invocation,
        command: `runbook ${run.runbook}`,
        args: run.args,
        risk: 'write',
        chain: { parentRequestId: run.request_id, approvalId: run.approval_id ?? undefined },
      },
      outcome,
      error,
    );
  }

  /** Frees the run in `status` and shows it; a run that ended is audited and its requester told. */
  async function settle(run: RunRow, status: RunRow['status'], change: { currentStep?: number; nextAt?: Date } = {}) {
    const ended = status === 'succeeded' || status === 'aborted';
    const released =
      (await store.release(run.id, owner, { status, ...change, ...(ended ? { finishedAt: now() } : {}) })) ?? run;
    if (ended)
      await auditEnd(
        released,
        status === 'succeeded' ? 'succeeded' : 'failed',
        status === 'aborted' ? 'aborted by a person' : undefined,
      );
    await refresh(released);
    if (ended) await thread(released, runEndedNotice(released));
    return released;
  }

  const deps: AdvanceDependencies = { ...options, store, now, leaseMs, owner, log, settle, thread, requesterOf };

  return {
    /** The runbooks this engine runs, by name. */
    runbook: (name: string) => byName.get(name),
    runbooks: () => [...byName.values()],

    /**
     * Plans every step of `runbook` with `args` as `invocation`'s person (authorized now, so nobody starts
     * a run whose steps they could not type); a step whose plan can't be made yet (it depends on an earlier
     * step) says why. @throws UserError when a step is refused (roles, arguments).
     */
    async plan(checked: CheckedRunbook, args: RunArguments, invocation: Invocation) {
      const planned = [];
      for (const step of runSteps(checked, args)) {
        if (step.kind !== 'command') {
          planned.push({ step, plan: undefined, later: undefined });
          continue;
        }
        // A refusal of the line itself (roles, arguments) stops the request; the command's plan refusing
        // (`invalidate electro` before the run's `channel add electro`) may depend on an earlier step.
        const stage: { planning?: boolean } = {};
        try {
          const ready = await prepareStep(
            stepInvocation(invocation, invocation.requestId, step.line),
            step.words!,
            options,
            {},
            stage,
          );
          planned.push({ step, plan: ready.plan, risk: ready.prepared.risk, later: undefined });
        } catch (error) {
          if (
            !(error instanceof UserError) ||
            (!stage.planning && (error.code === 'denied' || error.code === 'usage' || error.code === 'unknown_command'))
          )
            throw error;
          planned.push({ step, plan: undefined, later: error.message });
        }
      }
      return planned;
    },

    /** Stores the run (once per request id), posts its card and starts it. */
    async start(
      checked: CheckedRunbook,
      args: RunArguments,
      invocation: Invocation,
      approvalId?: string,
    ): Promise<RunRow> {
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
          steps: runSteps(checked, args),
        },
        now(),
      );
      if (!run.message_ts) {
        const posted = await notifier
          .post(run, runbookCard(run, await store.steps(run.id), now()))
          .catch((error: unknown) => {
            log.warn({ err: error, runId: run.id }, 'runbook card could not be posted');
            return undefined;
          });
        if (posted) await store.setMessage(run.id, posted.channel, posted.ts);
      }
      setImmediate(
        () => void this.tick().catch((error: unknown) => log.error({ err: error }, 'runbook engine failed')),
      );
      return (await store.get(run.id)) ?? run;
    },

    /** Advances every due run this process can claim; returns how many it advanced. */
    async tick(): Promise<number> {
      const due = await store.claimDue(owner, now(), new Date(clock.now() + leaseMs), 10);
      for (const run of due)
        await advance(run).catch((error: unknown) =>
          log.error({ err: error, runId: run.id }, 'runbook run could not be advanced'),
        );
      return due.length;
    },

    status: async (id: string) => {
      const run = await store.get(id);
      return run ? { run, steps: await store.steps(run.id), now: now() } : undefined;
    },

    /** A person says the manual step is done: the run goes on. */
    async confirm(id: string, invocation: Invocation) {
      const { run, step } = await current(id, ['waiting'], 'waiting-person', 'is not waiting for a person');
      await store.updateStep(run.id, step.position, {
        status: 'succeeded',
        decided_by: invocation.userId,
        finished_at: now(),
      });
      return resume(run, step.position + 1);
    },
    /** Runs the stopped step again (a new execution of it). */
    async retry(id: string, invocation: Invocation) {
      const { run, step } = await current(id, ['stopped'], undefined, 'has not stopped');
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
    async abort(id: string, _invocation: Invocation) {
      const run = await store.get(id);
      if (!run) throw new UserError('precondition', `There is no runbook run \`${id}\`.`);
      const aborted = await store.transition(run.id, ['stopped', 'waiting', 'running'], {
        status: 'aborted',
        finishedAt: now(),
      });
      if (!aborted)
        throw new UserError(
          'precondition',
          `Run ${id} is ${run.status}${run.status === 'running' ? ' a step right now; abort it once the step ends' : ''}.`,
        );
      await auditEnd(aborted, 'failed', 'aborted by a person');
      await refresh(aborted);
      await thread(aborted, runEndedNotice(aborted));
      return aborted;
    },

    startPolling(intervalMs: number): void {
      timer = setInterval(
        () => void this.tick().catch((error: unknown) => log.error({ err: error }, 'runbook engine failed')),
        intervalMs,
      );
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };

  async function current(
    id: string,
    states: RunRow['status'][],
    stepStatus: StepRow['status'] | undefined,
    notWhat: string,
  ) {
    const run = await store.get(id);
    if (!run) throw new UserError('precondition', `There is no runbook run \`${id}\`.`);
    const step = (await store.steps(run.id))[run.current_step];
    if (!states.includes(run.status) || !step || (stepStatus && step.status !== stepStatus))
      throw new UserError('precondition', `Run ${id} ${notWhat}: it is ${run.status}.`);
    return { run, step };
  }

  async function resume(run: RunRow, position: number): Promise<RunRow> {
    const moved = await store.transition(run.id, [run.status], {
      status: 'running',
      nextAt: now(),
      currentStep: position,
    });
    if (!moved) throw new UserError('precondition', `Run ${run.id} was decided meanwhile; nothing changed.`);
    await refresh(moved);
    setImmediate(() => void advanceDue().catch((error: unknown) => log.error({ err: error }, 'runbook engine failed')));
    return moved;
  }
  async function advanceDue() {
    const due = await store.claimDue(owner, now(), new Date(clock.now() + leaseMs), 10);
    for (const run of due) await advance(run);
  }
  async function advance(run: RunRow): Promise<void> {
    await advanceRun(run, deps);
  }
}

export type RunbookEngine = ReturnType<typeof createRunbookEngine>;
