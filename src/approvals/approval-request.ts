// Asking: a destructive request stored, audited and posted as a card for approvers.
import { CardCallError } from '../alarms/card-poster.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Invocation, Plan } from '../pipeline/command.js';
import { UserError } from '../pipeline/user-error.js';
import type { ApprovalChain, ApprovalDependencies } from './approval-chain.js';
import type { ApprovalNotifier } from './approval-notifier.js';
import { newApprovalId, type ApprovalRecord } from './approval-record.js';
import { PENDING_ORIGIN_INDEX } from './approval-store.js';
import { approvalPlanThread } from './approval-thread.js';
import { unpostedAdvice } from './unposted-advice.js';

/** The approval service's `request` (approval-service.ts tells the whole life of a request). */
export function createApprovalRequest(deps: ApprovalDependencies, chain: ApprovalChain) {
  const { store, config, log } = deps;

  /**
   * Issue 12, fault 11: a card Slack refused (`not_in_channel`, `channel_not_found`, `is_archived`) would
   * leave a request no approver can see but a typed `approve` could run. It is cancelled (audited with
   * Slack's error) and the requester is told how to fix it.
   */
  async function cancelUnposted(record: ApprovalRecord, invocation: Invocation, error: unknown): Promise<UserError> {
    const slackError = error instanceof Error ? error.message : String(error);
    log.warn({ err: error, approvalId: record.id }, 'approval card not posted; the request is cancelled');
    const why = `the approval card could not be posted: ${slackError}`;
    const decided = await store.decide(record.id, 'cancelled', invocation.userId, why);
    if (decided) await chain.audit(decided, invocation, { outcome: 'cancelled', error: why });
    const done = `Request ${record.id} was cancelled; nothing was done.`;
    return new UserError(
      error instanceof CardCallError && error.problem === 'not_in_channel' ? 'precondition' : 'unavailable',
      `${unpostedAdvice(slackError)} ${done}`,
    );
  }

  /**
   * Stores a destructive request, audits `requested` and posts its card; resolves the request as posted
   * (`message_channel`/`message_ts` set). With `invocation.origin`, a request from the same origin that is
   * pending already is returned instead (`existing`), also when two presses race (issue 13, fault 17).
   */
  async function request(
    invocation: Invocation,
    command: string,
    args: unknown,
    plan: Plan,
    reason?: string,
  ): Promise<{ record: ApprovalRecord; existing: boolean }> {
    const id = newApprovalId();
    const { origin } = invocation;
    // An expired request still marked pending would hold its origin's unique index: expire it first.
    if (origin) await chain.sweepExpired();
    const requested = {
      requestId: invocation.requestId,
      approvalId: id,
      source: invocation.source,
      teamId: invocation.teamId,
      channelId: invocation.channelId,
      userId: invocation.userId,
      userName: invocation.userName,
      text: invocation.text,
      command,
      args,
      risk: 'destructive' as const,
      reason,
      requesterId: invocation.userId,
      approvers: [],
    };
    // Audit first (issue 12, fault 14): a request whose `requested` row can't be written is never stored,
    // so it can't be shown, approved or run without its chain.
    try {
      await deps.audit.append({ ...requested, outcome: 'requested' });
    } catch (error) {
      log.error({ err: error, approvalId: id }, 'requested row could not be written; the request is not stored');
      throw new UserError(
        'unavailable',
        'The audit log could not be written, so the request was not made. Nothing was done.',
      );
    }
    let record: ApprovalRecord;
    try {
      record = await store.create({
        id,
        requestId: invocation.requestId,
        command,
        args,
        text: invocation.text,
        reason,
        plan,
        requesterId: invocation.userId,
        requesterName: invocation.userName,
        source: invocation.source,
        teamId: invocation.teamId,
        channelId: invocation.channelId,
        quorum: config.approvals.quorum,
        ttlMs: config.approvals.ttl,
        origin,
      });
    } catch (error) {
      if (!origin || !isUniqueViolation(error, PENDING_ORIGIN_INDEX)) throw error;
      // Another press of the same button stored its request between our look-up and this insert.
      const existing = await store.pendingFrom(origin);
      const why = `not stored: request ${existing?.id ?? '(decided since)'} from the same button was made at the same moment`;
      await deps.audit.append({ ...requested, outcome: 'cancelled', error: why });
      if (!existing) throw new UserError('precondition', `The same button's request was decided meanwhile; ${why}.`);
      return { record: existing, existing: true };
    }
    let posted: Awaited<ReturnType<ApprovalNotifier['post']>>;
    try {
      posted = await deps.notifier.post(record, chain.card(record));
    } catch (error) {
      throw await cancelUnposted(record, invocation, error);
    }
    if (posted) await store.setMessage(record.id, posted.channel, posted.ts);
    // Issue 12, fault 9: a long plan is summarized on the card and given in full in its thread.
    const where = posted ? { ...record, message_channel: posted.channel, message_ts: posted.ts } : record;
    for (const reply of approvalPlanThread(record))
      await deps.notifier
        .thread(where, reply)
        .catch((error: unknown) => log.warn({ err: error, approvalId: id }, 'full plan could not be posted'));
    return { record: where, existing: false };
  }

  return request;
}
