import type { Logger } from 'pino';
import type { AuditEvent, AuditLog } from '../audit/audit-log.js';
import type { RadioConfig } from '../config/radio-config.js';
import { holdsRole, type Directory } from '../pipeline/authorize.js';
import type { Invocation, Plan, Source } from '../pipeline/command.js';
import type { Registry } from '../pipeline/registry.js';
import type { Integrations } from '../integrations/integrations.js';
import type { Executor } from '../pipeline/execute.js';
import { UserError } from '../pipeline/user-error.js';
import { CardCallError } from '../alarms/card-poster.js';
import { unpostedAdvice } from './unposted-advice.js';
import { approvalCard } from './approval-card.js';
import { approvalPlanThread, requesterNotice } from './approval-thread.js';
import type { ApprovalNotifier } from './approval-notifier.js';
import { APPROVAL_ID, newApprovalId, type ApprovalRecord } from './approval-record.js';
import { PENDING_ORIGIN_INDEX, type ApprovalStore } from './approval-store.js';
import { executeApproved } from './execute-approved.js';
import type { OperationStore } from '../operations/operation-store.js';
import { isUniqueViolation } from '../db/unique-violation.js';

export interface ApprovalDependencies {
  store: ApprovalStore;
  audit: AuditLog;
  registry: Registry;
  config: RadioConfig;
  directory: Directory;
  notifier: ApprovalNotifier;
  /** The integrations approved commands run with. */
  integrations: Integrations;
  /** The one execution function approved runs go through (src/pipeline/execute.ts). */
  executor: Executor;
  /** Where long operations (an RDS restore) are followed until done. */
  operations?: OperationStore;
  log: Logger;
  /** Whether approvals typed in the shell count: `approvals.allowShell`, or the no-file demo. */
  shellApprovalsCount: boolean;
  now?: () => Date;
}

/** What `approve` ended with: still waiting for more approvals, or executed once. */
export type ApproveResult =
  { state: 'waiting'; record: ApprovalRecord } | { state: 'executed'; record: ApprovalRecord };

/**
 * Two-person approval: requests persisted in Postgres, decided by conditional updates (exactly one
 * execution), approved only by an approver who is not the requester, expiring, single-use, bound to
 * the stored arguments and plan, and re-checked just before running. Every step is audited.
 */
export function createApprovalService(deps: ApprovalDependencies) {
  const { store, config, log } = deps;
  const now = deps.now ?? (() => new Date());
  const chainAudit = (
    record: ApprovalRecord,
    actor: Pick<Invocation, 'userId' | 'userName' | 'source'>,
    event: Partial<AuditEvent> & Pick<AuditEvent, 'outcome'>,
  ) =>
    deps.audit.append({
      requestId: record.request_id,
      approvalId: record.id,
      source: actor.source,
      teamId: record.team_id ?? undefined,
      channelId: record.channel_id ?? undefined,
      userId: actor.userId,
      userName: actor.userName,
      text: record.text,
      command: record.command,
      args: record.args,
      risk: 'destructive',
      reason: record.reason ?? undefined,
      requesterId: record.requester_id,
      approvers: record.approvers,
      ...event,
    });
  // Issue 12, fault 13: a pending card mentions the approvers (`roles.approver`).
  const card = (record: ApprovalRecord) => approvalCard(record, now(), config.roles.approver);
  const refresh = async (record: ApprovalRecord) => {
    const current = (await store.get(record.id)) ?? record;
    await deps.notifier
      .update(current, card(current))
      .catch((error: unknown) => log.warn({ err: error, approvalId: record.id }, 'approval card could not be updated'));
    // Issue 12, fault 13: the requester is told in the thread (mentioned) how their request ended.
    const notice = requesterNotice(current);
    if (notice)
      await deps.notifier
        .thread(current, notice)
        .catch((error: unknown) => log.warn({ err: error, approvalId: record.id }, 'requester could not be told'));
    return current;
  };

  /** The voters who hold the approver role now (a revoked approver's earlier vote no longer counts). */
  async function stillApprovers(voters: readonly string[]): Promise<string[]> {
    const held = await Promise.all(voters.map((voter) => holdsRole(voter, 'approver', config, deps.directory)));
    return voters.filter((_voter, index) => held[index]);
  }

  async function load(id: string): Promise<ApprovalRecord> {
    const record = APPROVAL_ID.test(id) ? await store.get(id) : undefined;
    if (!record) throw new UserError('precondition', `There is no approval request \`${id}\`.`);
    if (record.status === 'pending' && record.expires_at <= now()) {
      await sweepExpired();
      throw new UserError(
        'precondition',
        `Request ${id} has expired; nothing was done. Ask again if it is still needed.`,
      );
    }
    if (record.status !== 'pending')
      throw new UserError('precondition', `Request ${id} is already ${record.status}; it can't be decided again.`);
    return record;
  }

  async function sweepExpired(): Promise<ApprovalRecord[]> {
    const expired = await store.expireDue();
    for (const record of expired) {
      await chainAudit(
        record,
        { userId: record.requester_id, source: record.source as Source },
        { outcome: 'expired' },
      );
      await refresh(record);
    }
    return expired;
  }

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
    if (decided) await chainAudit(decided, invocation, { outcome: 'cancelled', error: why });
    const done = `Request ${record.id} was cancelled; nothing was done.`;
    return new UserError(
      error instanceof CardCallError && error.problem === 'not_in_channel' ? 'precondition' : 'unavailable',
      `${unpostedAdvice(slackError)} ${done}`,
    );
  }

  return {
    /**
     * Stores a destructive request, audits `requested` and posts its card; resolves the request as posted
     * (`message_channel`/`message_ts` set). With `invocation.origin`, a request from the same origin that is
     * pending already is returned instead (`existing`), also when two presses race (issue 13, fault 17).
     */
    async request(
      invocation: Invocation,
      command: string,
      args: unknown,
      plan: Plan,
      reason?: string,
    ): Promise<{ record: ApprovalRecord; existing: boolean }> {
      const id = newApprovalId();
      const { origin } = invocation;
      // An expired request still marked pending would hold its origin's unique index: expire it first.
      if (origin) await sweepExpired();
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
        posted = await deps.notifier.post(record, card(record));
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
    },

    /** The pending, unexpired request made from `origin` (an alarm card button), if any. */
    pendingFrom: (origin: string) => store.pendingFrom(origin),

    /** `onClaimed` is told the moment this vote claims the run, before it starts (the approver's "running"). */
    async approve(
      id: string,
      invocation: Invocation,
      hooks: { onClaimed?: (record: ApprovalRecord) => void } = {},
    ): Promise<ApproveResult> {
      const record = await load(id);
      if (record.requester_id === invocation.userId)
        throw new UserError('denied', "You can't approve your own request: a second person must.");
      if (!(await holdsRole(invocation.userId, 'approver', config, deps.directory)))
        throw new UserError('denied', 'Only someone with the approver role can approve.');
      if (invocation.source === 'shell' && !deps.shellApprovalsCount) {
        throw new UserError(
          'denied',
          'Approvals typed in the shell do not count (approvals.allowShell is false): approve in Slack.',
        );
      }
      if (!(await store.addVote(id, invocation.userId))) {
        const again = await store.get(id);
        if (again?.approvers.includes(invocation.userId))
          throw new UserError('precondition', 'You have already approved this request; one person counts once.');
        throw new UserError(
          'precondition',
          `Request ${id} is already ${again?.status ?? 'gone'}; it can't be decided again.`,
        );
      }
      const voted = (await store.get(id)) ?? record;
      await chainAudit(voted, invocation, { outcome: 'approved' });
      // Issue 12, fault 14: a vote counts only while its voter still holds the approver role.
      const counted = await stillApprovers(voted.approvers);
      const claimed = await store.claim(id, counted);
      if (!claimed) return { state: 'waiting', record: await refresh(voted) };
      hooks.onClaimed?.(claimed);
      // Queued, not waited on (issue 12, fault 10): the card update never holds the run.
      await refresh(claimed);
      const finished = await executeApproved(claimed, { ...deps, refresh });
      return { state: 'executed', record: finished };
    },

    async reject(id: string, invocation: Invocation, reason?: string): Promise<ApprovalRecord> {
      await load(id);
      if (!(await holdsRole(invocation.userId, 'approver', config, deps.directory)))
        throw new UserError('denied', 'Only someone with the approver role can reject.');
      const decided = await store.decide(id, 'rejected', invocation.userId, reason);
      if (!decided) throw new UserError('precondition', `Request ${id} was decided meanwhile; nothing changed.`);
      await chainAudit(decided, invocation, { outcome: 'rejected', reason: reason ?? decided.reason ?? undefined });
      return refresh(decided);
    },

    async cancel(id: string, invocation: Invocation): Promise<ApprovalRecord> {
      const record = await load(id);
      const mayCancel =
        record.requester_id === invocation.userId ||
        (await holdsRole(invocation.userId, 'approver', config, deps.directory));
      if (!mayCancel) throw new UserError('denied', 'Only the requester or an approver can cancel this request.');
      const decided = await store.decide(id, 'cancelled', invocation.userId);
      if (!decided) throw new UserError('precondition', `Request ${id} was decided meanwhile; nothing changed.`);
      await chainAudit(decided, invocation, { outcome: 'cancelled' });
      return refresh(decided);
    },

    /** Marks expired requests and executions whose runner stopped (`interrupted`, never re-run). */
    async sweep(staleMs = 60_000): Promise<{ expired: number; interrupted: number }> {
      const expired = await sweepExpired();
      const interrupted = await store.interruptStale(staleMs);
      for (const record of interrupted) {
        await chainAudit(
          record,
          { userId: record.requester_id, source: record.source as Source },
          { outcome: 'interrupted', error: 'the bot stopped while running it' },
        );
        await refresh(record);
      }
      return { expired: expired.length, interrupted: interrupted.length };
    },

    get: (id: string) => (APPROVAL_ID.test(id) ? store.get(id) : Promise.resolve(undefined)),
    listOpen: (limit: number) => store.listOpen(limit),
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
