import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ApprovalService } from '../approvals/approval-service.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import { integrationsForRun } from '../integrations/run-view.js';
import type { Directory } from './authorize.js';
import type { Invocation, Plan, RunContext } from './command.js';
import type { ErrorCode } from './error-table.js';
import { errorReply } from './error-reply.js';
import { Capacity } from './capacity.js';
import { commandDeadline } from './command-deadline.js';
import { cancelledError, deadlineError } from './deadline-error.js';
import { cancellation, type Cancellation, type Interrupt } from './interrupt.js';
import { runWithDeadline } from './run-with-deadline.js';
import { dependencyNames } from './check-needs.js';
import { withDryRun } from './dry-run-args.js';
import { createExecutor, type Execution, type ExecutionFailure, type Executor } from './execute.js';
import { prepareInvocation, type PartialInvocation, type PreparedInvocation } from './prepare-invocation.js';
import { presentPlan } from './present-plan.js';
import type { Registry } from './registry.js';
import { codeSpan, mention, messageInline, note, rich, text, type Reply } from './reply.js';
import { UserError } from './user-error.js';

/**
 * What a front door hands in: who asked, where, and the text as typed. A front door with fields (a
 * modal) passes `words` as entered, so nothing is re-quoted; `text` is then only what the audit shows.
 */
export type DispatchRequest = Omit<Invocation, 'requestId'> & {
  requestId?: string;
  words?: readonly string[];
  /** Called once when a run is still going after `deadlines.stillRunning` (Slack: an ephemeral "still running…"). */
  onStillRunning?: () => void;
  /** Called with a reply the front door shows at once while the command goes on (approve: "approved: running"). */
  onProgress?: (reply: Reply) => void;
  /**
   * The person's Ctrl-C (the shell): a press cancels what only reads or has not started (audited
   * `cancelled`), and lets a write or a destructive request finish; each press says which.
   */
  interrupt?: Interrupt;
};

/** How an invocation ended; the front door only renders `reply` (and the shell maps the outcome to an exit code). */
export type DispatchOutcome =
  | { status: 'succeeded'; requestId: string; command: string; result: unknown; reply: Reply; forcedDryRun?: string }
  | { status: 'refused'; requestId: string; code: ErrorCode; command?: string; reply: Reply }
  | { status: 'failed'; requestId: string; code: ErrorCode; command?: string; reference?: string; reply: Reply }
  | {
      status: 'pending';
      requestId: string;
      approvalId: string;
      reply: Reply;
      /** Where the approval card is, once posted (a front door may link to it). */
      approvalCard?: { channel: string; ts: string };
      /** The request was made earlier from the same `origin` and is still pending; nothing new was made. */
      existing?: boolean;
    };

export interface DispatcherDependencies {
  registry: Registry;
  config: RadioConfig;
  integrations: Integrations;
  directory: Directory;
  log: Logger;
  /** The one execution function; built on `integrations.audit` when not given. */
  executor?: Executor;
  /** The two-person gate destructive requests wait at; without it they are refused. */
  approvals?: ApprovalService;
  /** Milliseconds since an arbitrary origin; injected so tests need no wall clock. */
  now?: () => number;
}

/**
 * The one pipeline every front door uses: parse, look up, validate, authorize, plan, then either the
 * approval gate (destructive) or the one execution function (audit `started`, run, audit the outcome),
 * then present. Nothing skips a step; policy lives here, not in front doors.
 */
export function createDispatcher(deps: DispatcherDependencies) {
  const { config, integrations } = deps;
  const executor =
    deps.executor ??
    createExecutor({
      audit: integrations.audit,
      log: deps.log,
      now: deps.now,
      deadlineMs: config.deadlines.command,
      stillRunningAfterMs: config.deadlines.stillRunning,
      capacity: new Capacity(config.concurrency.commands, config.concurrency.reserved),
    });

  return async function dispatch(request: DispatchRequest): Promise<DispatchOutcome> {
    const known: PartialInvocation = {};
    const cancel = cancellation(request.interrupt, () => ({ command: known.command?.name, risk: known.risk }));
    try {
      return await dispatchOnce(request, known, cancel);
    } finally {
      cancel.release();
    }
  };

  async function dispatchOnce(
    request: DispatchRequest,
    known: PartialInvocation,
    cancel: Cancellation,
  ): Promise<DispatchOutcome> {
    const { words, onStillRunning, onProgress, interrupt: _interrupt, ...fields } = request;
    const invocation: Invocation = { ...fields, requestId: request.requestId ?? randomUUID() };
    const execution = (): Execution => ({
      invocation,
      command: known.command?.name,
      args: known.args,
      risk: known.risk,
      reason: known.reason,
    });
    let prepared: PreparedInvocation;
    let plan: Plan | undefined;
    try {
      prepared = await prepareInvocation(invocation, deps, known, words);
      if (prepared.command.informational) return await answerInformational(invocation, prepared);
      if (cancel.signal.aborted) throw cancelledError(execution());
      const context = {
        args: prepared.args,
        config,
        integrations,
        invocation,
        idempotencyKey: invocation.requestId,
        reason: prepared.reason,
        approvals: deps.approvals,
      };
      // Issue 13, fault 17: a press whose earlier request is still pending points to it, before any planning.
      const earlier = invocation.origin ? await deps.approvals?.pendingFrom(invocation.origin) : undefined;
      if (earlier) return pendingOutcome(invocation, earlier, true);
      plan = prepared.command.plan ? await planWithinDeadline(prepared, context, cancel, onStillRunning) : undefined;
      if (prepared.dryRun && !plan) {
        throw new UserError(
          'not_configured',
          `\`${prepared.command.name}\` can't run here: ${prepared.forcedDryRun ?? 'it has no dry-run'}`,
        );
      }
      // Asked to act (not `--dry-run`), even where it can only be planned: a destructive request then still
      // goes to the two-person gate, marked as a dry run, and its approved run only plans (issue 13, fault 23).
      const actAsked = !prepared.dryRun || prepared.forcedDryRun !== undefined;
      if (plan?.escalate && actAsked) prepared.risk = known.risk = plan.escalate.risk;
      if (prepared.risk === 'destructive' && actAsked) {
        if (!deps.approvals || !plan) {
          throw new UserError(
            'denied',
            `\`${prepared.command.name}\` with these arguments is destructive and needs a second person's approval, which is not available here. Nothing was done.`,
          );
        }
        if (cancel.signal.aborted) throw cancelledError(execution());
        cancel.commit();
        const { record, existing } = await deps.approvals.request(
          invocation,
          prepared.command.name,
          prepared.forcedDryRun ? withDryRun(prepared.args) : prepared.args,
          plan,
          prepared.reason,
        );
        return pendingOutcome(invocation, record, existing, prepared.forcedDryRun);
      }
    } catch (error) {
      // `help` is not an operation: even its refusals are answered without an audit row (no database needed).
      const refusal = await executor.refuse(execution(), error, { audit: !known.command?.informational });
      return toDispatchOutcome(invocation, known.command?.name, refusal);
    }

    const { command, args, reason, dryRun } = prepared;
    const run = {
      invocation,
      command: command.name,
      args: dryRun ? withDryRun(args) : args,
      risk: prepared.risk,
      reason,
      waitingOn: dependencyNames(command),
    };
    if (prepared.forcedDryRun && plan) {
      // Asked to act, but it could only be planned here: audited as what it is (nothing was done), never
      // as `succeeded`, which would read as a write that ran without its approval.
      await executor.refuse(
        run,
        new UserError('not_configured', `only planned, nothing was done: ${prepared.forcedDryRun}`),
      );
      const reply = presentPlan(command.name, plan, prepared.forcedDryRun);
      return {
        status: 'succeeded',
        requestId: invocation.requestId,
        command: command.name,
        result: plan,
        reply,
        forcedDryRun: prepared.forcedDryRun,
      };
    }
    // Only what can't change anything may be cut short; a write runs to its end so its outcome is known.
    const cancellable = prepared.risk === 'read' || dryRun;
    if (cancel.signal.aborted)
      return toDispatchOutcome(invocation, command.name, await executor.refuse(run, cancelledError(run)));
    if (!cancellable) cancel.commit();
    const outcome = await executor.execute(
      run,
      async (signal) => {
        if (dryRun && plan)
          return { result: plan as unknown, reply: presentPlan(command.name, plan, prepared.forcedDryRun) };
        const context = {
          args,
          config,
          // Each module's view for this run: its SDK calls carry `signal`, so the deadline aborts them.
          integrations: integrationsForRun(integrations, signal),
          invocation,
          plan,
          idempotencyKey: invocation.requestId,
          reason,
          approvals: deps.approvals,
          signal,
          progress: onProgress,
        };
        const result: unknown = await command.run(context);
        return { result, reply: command.present(result, args) };
      },
      {
        onStillRunning,
        cancel: cancellable ? cancel.signal : undefined,
        endAuditedLater: command.auditsOwnEnd === true && !dryRun,
        // A dry run only shows the plan already made: the standard deadline is plenty.
        deadlineMs: dryRun ? undefined : commandDeadline(command, args, config),
      },
    );
    if (outcome.status !== 'succeeded') return toDispatchOutcome(invocation, command.name, outcome);
    return {
      status: 'succeeded',
      requestId: invocation.requestId,
      command: command.name,
      result: outcome.result.result,
      reply: outcome.result.reply,
      forcedDryRun: prepared.forcedDryRun,
    };
  }

  /**
   * Plans under the command's deadline too: a plan reads the current state, and a dependency that never
   * answers must get the person an answer in words, not silence (code `timeout`: nothing was changed).
   */
  async function planWithinDeadline(
    prepared: PreparedInvocation,
    context: RunContext<unknown>,
    cancel: Cancellation,
    onStillRunning?: () => void,
  ): Promise<Plan> {
    const { command } = prepared;
    const ran = await runWithDeadline(
      (signal) => command.plan!({ ...context, integrations: integrationsForRun(integrations, signal), signal }),
      {
        deadlineMs: config.deadlines.command,
        onStillRunning,
        stillRunningAfterMs: config.deadlines.stillRunning,
        cancel: cancel.signal,
      },
    );
    if (ran.kind === 'done') return ran.result;
    if (ran.kind === 'threw') throw ran.error;
    const planning = {
      invocation: context.invocation,
      command: command.name,
      risk: 'read' as const,
      waitingOn: dependencyNames(command),
    };
    // A plan only reads, so a cancelled one changed nothing, whatever the command would have done.
    if (ran.kind === 'cancelled') throw cancelledError({ ...planning, risk: prepared.risk });
    throw deadlineError(planning, config.deadlines.command);
  }

  /** `help`: answered from the registry alone (after the role check); not an operation, so nothing is audited. */
  async function answerInformational(invocation: Invocation, prepared: PreparedInvocation): Promise<DispatchOutcome> {
    const { command, args } = prepared;
    const result: unknown = await command.run({
      args,
      config,
      integrations,
      invocation,
      idempotencyKey: invocation.requestId,
    });
    return {
      status: 'succeeded',
      requestId: invocation.requestId,
      command: command.name,
      result,
      reply: command.present(result, args),
    };
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function toDispatchOutcome(
  invocation: Invocation,
  command: string | undefined,
  outcome: ExecutionFailure,
): DispatchOutcome {
  const reply = errorReply(
    new UserError(outcome.code === 'internal' ? 'unavailable' : outcome.code, outcome.message, outcome.details),
  );
  if (outcome.status === 'refused')
    return { status: 'refused', requestId: invocation.requestId, code: outcome.code, command, reply };
  return {
    status: 'failed',
    requestId: invocation.requestId,
    code: outcome.code,
    command,
    reference: outcome.reference,
    reply,
  };
}

function pendingOutcome(
  invocation: Invocation,
  record: ApprovalRecord,
  existing: boolean,
  dryRunBecause?: string,
): DispatchOutcome {
  const { id, command, message_channel: channel, message_ts: ts } = record;
  return {
    status: 'pending',
    requestId: invocation.requestId,
    approvalId: id,
    reply: existing ? alreadyPendingReply(record) : pendingReply(id, command, dryRunBecause),
    ...(channel && ts ? { approvalCard: { channel, ts } } : {}),
    ...(existing ? { existing } : {}),
  };
}

/** The requester's answer; `dryRunBecause`: why the approved run will only plan (see `forcedDryRun`). */
function pendingReply(approvalId: string, command: string, dryRunBecause?: string): Reply {
  return {
    summary: `Approval requested for ${command}: ${approvalId}`,
    visibility: 'ephemeral',
    parts: [
      text(
        rich`${codeSpan(command)} is destructive: it waits for a second person's approval (request ${approvalId}). Nothing was done yet.`,
      ),
      ...(dryRunBecause
        ? [
            note(
              messageInline(
                `Once approved it runs as a dry run, because it can only be planned here: ${dryRunBecause} It will show the plan and change nothing.`,
              ),
            ),
          ]
        : []),
    ],
  };
}

/** A press whose earlier request is pending: who asked, when, and that nothing new was requested. */
function alreadyPendingReply(record: ApprovalRecord): Reply {
  const at = `${record.created_at.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  return {
    summary: `This button's request is already waiting for approval: request ${record.id}. Nothing new was requested.`,
    visibility: 'ephemeral',
    parts: [
      text(
        rich`This button's request is already waiting for approval: request ${record.id}, ${codeSpan(record.text)}, asked by ${mention(record.requester_id)} at ${at}. Nothing new was requested; an approver decides on its card.`,
      ),
    ],
  };
}
