// Deciding: approve (and run once a quorum of current approvers agrees), reject, cancel, and the sweep of
// requests nobody decided or whose runner stopped.
import { holdsRole } from '../pipeline/authorize.js';
import type { Invocation, Source } from '../pipeline/command.js';
import { UserError } from '../pipeline/user-error.js';
import type { ApprovalChain, ApprovalDependencies } from './approval-chain.js';
import { APPROVAL_ID, type ApprovalRecord } from './approval-record.js';
import { executeApproved } from './execute-approved.js';

/** What `approve` ended with: still waiting for more approvals, or executed once. */
export type ApproveResult =
  { state: 'waiting'; record: ApprovalRecord } | { state: 'executed'; record: ApprovalRecord };

/** The approval service's decisions (approval-service.ts tells the whole life of a request). */
export function createApprovalDecisions(deps: ApprovalDependencies, chain: ApprovalChain) {
  const { store, config } = deps;
  const { audit, refresh } = chain;
  const isApprover = (userId: string) => holdsRole(userId, 'approver', config, deps.directory);

  /** The voters who hold the approver role now (a revoked approver's earlier vote no longer counts). */
  async function stillApprovers(voters: readonly string[]): Promise<string[]> {
    const held = await Promise.all(voters.map(isApprover));
    return voters.filter((_voter, index) => held[index]);
  }

  /** The request `id` if it can still be decided; else a `precondition` refusal saying why (expiring it if due). */
  async function load(id: string): Promise<ApprovalRecord> {
    const record = APPROVAL_ID.test(id) ? await store.get(id) : undefined;
    if (!record) throw new UserError('precondition', `There is no approval request \`${id}\`.`);
    if (record.status === 'pending' && record.expires_at <= chain.now()) {
      await chain.sweepExpired();
      throw new UserError(
        'precondition',
        `Request ${id} has expired; nothing was done. Ask again if it is still needed.`,
      );
    }
    if (record.status !== 'pending')
      throw new UserError('precondition', `Request ${id} is already ${record.status}; it can't be decided again.`);
    return record;
  }

  return {
    /** `onClaimed` is told the moment this vote claims the run, before it starts (the approver's "running"). */
    async approve(
      id: string,
      invocation: Invocation,
      hooks: { onClaimed?: (record: ApprovalRecord) => void } = {},
    ): Promise<ApproveResult> {
      const record = await load(id);
      if (record.requester_id === invocation.userId)
        throw new UserError('denied', "You can't approve your own request: a second person must.");
      if (!(await isApprover(invocation.userId)))
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
      await audit(voted, invocation, { outcome: 'approved' });
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
      if (!(await isApprover(invocation.userId)))
        throw new UserError('denied', 'Only someone with the approver role can reject.');
      const decided = await store.decide(id, 'rejected', invocation.userId, reason);
      if (!decided) throw new UserError('precondition', `Request ${id} was decided meanwhile; nothing changed.`);
      await audit(decided, invocation, { outcome: 'rejected', reason: reason ?? decided.reason ?? undefined });
      return refresh(decided);
    },

    async cancel(id: string, invocation: Invocation): Promise<ApprovalRecord> {
      const record = await load(id);
      const mayCancel = record.requester_id === invocation.userId || (await isApprover(invocation.userId));
      if (!mayCancel) throw new UserError('denied', 'Only the requester or an approver can cancel this request.');
      const decided = await store.decide(id, 'cancelled', invocation.userId);
      if (!decided) throw new UserError('precondition', `Request ${id} was decided meanwhile; nothing changed.`);
      await audit(decided, invocation, { outcome: 'cancelled' });
      return refresh(decided);
    },

    /** Marks expired requests and executions whose runner stopped (`interrupted`, never re-run). */
    async sweep(staleMs = 60_000): Promise<{ expired: number; interrupted: number }> {
      const expired = await chain.sweepExpired();
      const interrupted = await store.interruptStale(staleMs);
      for (const record of interrupted) {
        await audit(
          record,
          { userId: record.requester_id, source: record.source as Source },
          { outcome: 'interrupted', error: 'the bot stopped while running it' },
        );
        await refresh(record);
      }
      return { expired: expired.length, interrupted: interrupted.length };
    },
  };
}
