// What every step of an approval shares: its audit row (one chain per request), its card and the requester's
// notice kept current, and the expiry of requests nobody decided.
import type { Logger } from 'pino';
import type { AuditEvent, AuditLog } from '../audit/audit-log.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import type { OperationStore } from '../operations/operation-store.js';
import type { Directory } from '../pipeline/authorize.js';
import type { Invocation, Source } from '../pipeline/command.js';
import type { Executor } from '../pipeline/execute.js';
import { auditRow, type Execution } from '../pipeline/execution.js';
import type { Registry } from '../pipeline/registry.js';
import { approvalCard } from './approval-card.js';
import type { ApprovalNotifier } from './approval-notifier.js';
import type { ApprovalRecord } from './approval-record.js';
import type { ApprovalStore } from './approval-store.js';
import { requesterNotice } from './approval-thread.js';

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

/** Who does a step of an approval: the requester (asking, the approved run, expiry) or a voter. */
export type ApprovalActor = Pick<Invocation, 'userId' | 'userName' | 'source'>;

/**
 * Request `record` as an execution done by `actor`: the request's id, place, text, arguments (as stored,
 * `dryRun` mark included), risk `destructive` and reason, and its chain columns (approval id, requester,
 * approvers so far). Every audit row of the approval's chain is built from it, the approved run's included.
 */
export function approvalExecution(record: ApprovalRecord, actor: ApprovalActor): Execution {
  return {
    invocation: {
      requestId: record.request_id,
      source: actor.source,
      userId: actor.userId,
      userName: actor.userName,
      teamId: record.team_id ?? undefined,
      channelId: record.channel_id ?? undefined,
      text: record.text,
    },
    command: record.command,
    args: record.args,
    risk: 'destructive',
    reason: record.reason ?? undefined,
    chain: { approvalId: record.id, requesterId: record.requester_id, approvers: record.approvers },
  };
}

/** The chain helpers one approval service's steps share (see {@link createApprovalChain}). */
export type ApprovalChain = ReturnType<typeof createApprovalChain>;

export function createApprovalChain(deps: ApprovalDependencies) {
  const { store, config, log } = deps;
  const now = deps.now ?? (() => new Date());

  /** Appends the audit row of one step, carrying the request's ids, text, arguments and voters. */
  const audit = (
    record: ApprovalRecord,
    actor: ApprovalActor,
    event: Partial<AuditEvent> & Pick<AuditEvent, 'outcome'>,
  ) => deps.audit.append(auditRow(approvalExecution(record, actor), event));

  // Issue 12, fault 13: a pending card mentions the approvers (`roles.approver`).
  const card = (record: ApprovalRecord) => approvalCard(record, now(), config.roles.approver);

  /** Re-reads the request and updates its card and the requester's notice; Slack failures are logged, not thrown. */
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

  /** Marks pending requests past their TTL `expired`, audited as their requester's, with their cards updated. */
  async function sweepExpired(): Promise<ApprovalRecord[]> {
    const expired = await store.expireDue();
    for (const record of expired) {
      await audit(record, { userId: record.requester_id, source: record.source as Source }, { outcome: 'expired' });
      await refresh(record);
    }
    return expired;
  }

  return { now, audit, card, refresh, sweepExpired };
}
