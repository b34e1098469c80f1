import type { Logger } from 'pino';
import type { AuditEvent } from '../audit/audit-log.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import type { Invocation, Plan, Source } from '../pipeline/command.js';
import type { Registry } from '../pipeline/registry.js';
import { errorReply } from '../pipeline/error-reply.js';
import { UserError } from '../pipeline/user-error.js';
import type { ApprovalNotifier } from './approval-notifier.js';
import type { ApprovalRecord } from './approval-record.js';
import type { ApprovalStore } from './approval-store.js';
import type { OperationStore } from '../operations/operation-store.js';

/** A result that started something long (an RDS restore): the approvals follow it until it ends. */
interface FollowedResult {
  follow: { kind: string; target: string };
}
const isFollowed = (result: unknown): result is FollowedResult =>
  typeof result === 'object' && result !== null && typeof (result as FollowedResult).follow?.kind === 'string';

interface ExecuteDependencies {
  store: ApprovalStore;
  registry: Registry;
  config: RadioConfig;
  notifier: ApprovalNotifier;
  integrations: () => Integrations;
  /** Where long operations are followed; without it, results are reported once. */
  operations?: OperationStore;
  log: Logger;
  chainAudit: (record: ApprovalRecord, actor: Pick<Invocation, 'userId' | 'userName' | 'source'>, event: Partial<AuditEvent> & Pick<AuditEvent, 'outcome'>) => Promise<void>;
  refresh: (record: ApprovalRecord) => Promise<ApprovalRecord>;
  /** How often a running execution proves it is alive (the sweeper interrupts silent ones). */
  heartbeatMs?: number;
}

/**
 * Runs a claimed (status `running`) request exactly as stored: the stored arguments, never re-parsed
 * text; the plan computed again and the command's `recheck` deciding whether what changed matters;
 * the approval id as idempotency key. Audits `started` before acting and the outcome after.
 */
export async function executeApproved(record: ApprovalRecord, deps: ExecuteDependencies): Promise<ApprovalRecord> {
  const command = deps.registry.get(record.command);
  const actor = { userId: record.requester_id, userName: record.requester_name ?? undefined, source: record.source as Source };
  const invocation: Invocation = {
    requestId: record.request_id, source: actor.source, userId: record.requester_id, userName: actor.userName,
    teamId: record.team_id ?? undefined, channelId: record.channel_id ?? undefined, text: record.text,
  };
  const context = { args: record.args, config: deps.config, integrations: deps.integrations(), invocation, idempotencyKey: record.id };
  const finish = async (status: 'succeeded' | 'failed' | 'refused', outcome: { result?: unknown; error?: string }) =>
    deps.refresh((await deps.store.finish(record.id, status, outcome)) ?? record);
  const heartbeat = setInterval(() => void deps.store.heartbeat(record.id).catch(() => undefined), deps.heartbeatMs ?? 15_000);
  try {
    if (!command) return await finish('failed', { error: `The command ${record.command} no longer exists.` });
    const planThen = record.plan as Plan;
    let planNow: Plan | undefined;
    try {
      planNow = command.plan ? await command.plan(context) : undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.chainAudit(record, actor, { outcome: 'failed', error: `not run: the plan could not be checked: ${message}` });
      return await finish('refused', { error: error instanceof UserError ? `Not run: ${message}` : 'Not run: the current state could not be checked.' });
    }
    const changed = planNow && command.recheck ? command.recheck(planThen, planNow) : undefined;
    if (changed) {
      await deps.chainAudit(record, actor, { outcome: 'failed', error: `not run: ${changed}` });
      return await finish('refused', { error: `Not run: ${changed}` });
    }
    try {
      await deps.chainAudit(record, actor, { outcome: 'started' });
    } catch (error) {
      deps.log.error({ err: error, approvalId: record.id }, 'audit started row could not be written; not running');
      return await finish('failed', { error: 'The audit log could not be written, so nothing was run.' });
    }
    const started = performance.now();
    try {
      // What was approved runs: the plan shown on the card, after recheck said nothing that matters changed.
      const result = await command.run({ ...context, plan: planThen });
      await deps.chainAudit(record, actor, { outcome: 'succeeded', durationMs: performance.now() - started })
        .catch((error: unknown) => deps.log.error({ err: error, approvalId: record.id }, 'audit succeeded row could not be written'));
      const finished = await finish('succeeded', { result });
      await deps.notifier.thread(finished, command.present(result, record.args)).catch(() => undefined);
      if (isFollowed(result) && deps.operations) {
        await deps.operations.follow({
          ...result.follow, approvalId: record.id, requestId: record.request_id,
          channel: finished.message_channel ?? undefined, threadTs: finished.message_ts ?? undefined,
        });
      }
      return finished;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.chainAudit(record, actor, { outcome: 'failed', error: message, durationMs: performance.now() - started })
        .catch(() => undefined);
      const shown = error instanceof UserError ? message : `Something went wrong. Reference: ${record.request_id.slice(0, 8)}`;
      if (!(error instanceof UserError)) deps.log.error({ err: error, approvalId: record.id }, 'approved command failed');
      const finished = await finish('failed', { error: shown });
      await deps.notifier.thread(finished, errorReply(new UserError('unavailable', shown))).catch(() => undefined);
      return finished;
    }
  } finally {
    clearInterval(heartbeat);
  }
}
