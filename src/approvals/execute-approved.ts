import type { Logger } from 'pino';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import { integrationsForRun } from '../integrations/run-view.js';
import type { OperationStore } from '../operations/operation-store.js';
import type { AnyCommand, Plan, Source } from '../pipeline/command.js';
import { errorReply } from '../pipeline/error-reply.js';
import { checkNeeds, dependencyNames } from '../pipeline/check-needs.js';
import { isDryRun, withoutDryRun } from '../pipeline/dry-run-args.js';
import { presentPlan } from '../pipeline/present-plan.js';
import type { Execution, Executor } from '../pipeline/execute.js';
import type { Registry } from '../pipeline/registry.js';
import { UserError } from '../pipeline/user-error.js';
import { approvalExecution } from './approval-chain.js';
import type { ApprovalNotifier } from './approval-notifier.js';
import type { ApprovalRecord } from './approval-record.js';
import type { ApprovalStore } from './approval-store.js';

/** A result that started something long (an RDS restore): the approvals follow it until it ends. */
interface FollowedResult {
  follow: { kind: string; target: string };
}
const isFollowed = (result: unknown): result is FollowedResult =>
  typeof result === 'object' && result !== null && typeof (result as FollowedResult).follow?.kind === 'string';

export interface ExecuteApprovedDependencies {
  store: ApprovalStore;
  registry: Registry;
  config: RadioConfig;
  notifier: ApprovalNotifier;
  integrations: Integrations;
  /** The one execution function (src/pipeline/execute.ts). */
  executor: Executor;
  /** Where long operations are followed; without it, results are reported once. */
  operations?: OperationStore;
  log: Logger;
  refresh: (record: ApprovalRecord) => Promise<ApprovalRecord>;
  /** How often a running execution proves it is alive (the sweeper interrupts silent ones). */
  heartbeatMs?: number;
}

/**
 * Runs a claimed (status `running`) request exactly as stored: the stored arguments, never re-parsed
 * text; the plan computed again and the command's `recheck` deciding whether what changed matters;
 * the approval id as idempotency key. The run itself goes through the one execution function, so its
 * audit rows (`started`, then the outcome) and error classification are those of a direct run, plus
 * the approval's chain columns. A request marked as a dry run (asked for where it could only be
 * planned) stays one wherever it is approved: its run is the approved plan, shown as a dry run, and
 * nothing is called; its rows carry the mark (`args.dryRun`).
 */
export async function executeApproved(
  record: ApprovalRecord,
  deps: ExecuteApprovedDependencies,
): Promise<ApprovalRecord> {
  const command = deps.registry.get(record.command);
  const dryRun = isDryRun(record.args);
  const args = withoutDryRun(record.args);
  // The requester's invocation, as stored with the request: the approved run acts for them.
  const requester = {
    userId: record.requester_id,
    userName: record.requester_name ?? undefined,
    source: record.source as Source,
  };
  const execution: Execution = {
    ...approvalExecution(record, requester),
    waitingOn: command ? dependencyNames(command) : [],
  };
  const { invocation } = execution;
  const context = {
    args,
    config: deps.config,
    integrations: deps.integrations,
    invocation,
    idempotencyKey: record.id,
    reason: record.reason ?? undefined,
  };
  const finish = async (status: 'succeeded' | 'failed' | 'refused', outcome: { result?: unknown; error?: string }) =>
    deps.refresh((await deps.store.finish(record.id, status, outcome)) ?? record);
  const heartbeat = setInterval(
    () => void deps.store.heartbeat(record.id).catch(() => undefined),
    deps.heartbeatMs ?? 15_000,
  );
  try {
    let planThen: Plan;
    try {
      if (!command) throw new UserError('precondition', `The command ${record.command} no longer exists.`);
      checkNeeds(command, deps.integrations);
      planThen = record.plan as Plan;
      const planNow = command.plan ? await command.plan(context) : undefined;
      const changed = planNow && command.recheck ? command.recheck(planThen, planNow) : undefined;
      if (changed) throw new UserError('precondition', changed);
    } catch (error) {
      const refused = await deps.executor.refuse(execution, error);
      const why = refused.reference ? 'the current state could not be checked.' : refused.message;
      return await finish('refused', { error: `Not run: ${why}` });
    }
    // What was approved runs: the plan shown on the card, after recheck said nothing that matters changed.
    // Reserved capacity: the approval is already claimed (single use), so it must never meet "busy".
    const outcome = await deps.executor.execute(
      execution,
      async (signal) =>
        dryRun
          ? planThen
          : command.run({
              ...context,
              integrations: integrationsForRun(context.integrations, signal),
              plan: planThen,
              signal,
            }),
      { capacity: 'reserved', endAuditedLater: command?.auditsOwnEnd === true && !dryRun },
    );
    if (outcome.status !== 'succeeded') {
      const finished = await finish('failed', { error: outcome.message });
      await deps.notifier
        .thread(finished, errorReply(new UserError('unavailable', outcome.message)))
        .catch(() => undefined);
      return finished;
    }
    const finished = await finish('succeeded', { result: outcome.result });
    // The plan's "would need a second person's approval" is moot here: it had it.
    const reply = dryRun
      ? presentPlan(command.name, { ...planThen, escalate: undefined }, dryRunReason(command, deps.integrations))
      : command.present(outcome.result, args);
    await deps.notifier.thread(finished, reply).catch(() => undefined);
    if (!dryRun && isFollowed(outcome.result) && deps.operations) {
      // Its follow-up writes and end are audited as this run: for the requester, under this approval.
      const { requestId, userId, source, text } = invocation;
      await deps.operations.follow({
        ...outcome.result.follow,
        approvalId: record.id,
        requestId,
        channel: finished.message_channel ?? undefined,
        threadTs: finished.message_ts ?? undefined,
        userId,
        source,
        command: record.command,
        text,
      });
    }
    return finished;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Why an approved dry run only planned: the reason it can only be planned here, or that it was asked for where it could. */
function dryRunReason(command: AnyCommand, integrations: Integrations): string {
  return (
    command.dryRunOnly?.(integrations) ??
    'it was asked for where it could only be planned, and was approved as a dry run.'
  );
}
