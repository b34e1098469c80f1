import { z } from 'zod';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ApprovalService, ApproveResult } from '../approvals/approval-service.js';
import type { Integrations } from '../integrations/integrations.js';
import { defineCommand } from '../pipeline/command.js';
import { text, type Reply } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

// The words a button press becomes: `approve <id>`, `reject <id> [--reason …]`, `cancel <id>`.
// Each is an ordinary command (read risk: deciding is checked by the approval service itself).
const Id = z.object({ id: z.string().min(1).max(64) });

function approvals(integrations: Integrations): ApprovalService {
  if (!integrations.approvals) throw new UserError('not_configured', 'Approvals are not available here.');
  return integrations.approvals;
}

const decided = (record: ApprovalRecord, verb: string): Reply => ({
  summary: `Request ${record.id} ${verb}`,
  visibility: 'ephemeral',
  parts: [text(`Request ${record.id} (${record.command}) ${verb}.`)],
});

/** What an approval that reached its quorum ended with, in words (the card says the same). */
const EXECUTED: Partial<Record<ApprovalRecord['status'], string>> = {
  succeeded: 'approved and done',
  refused: 'approved, but not run: the situation changed (see the card)',
  failed: 'approved, but it failed (see the card)',
};

export const approveCommand = defineCommand({
  name: 'approve', usage: 'approve <request-id>', summary: "Approve someone else's destructive request",
  examples: ['approve apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6'], positional: ['id'], flags: {}, args: Id,
  risk: () => 'read',
  run: ({ args, integrations, invocation }): Promise<ApproveResult> => approvals(integrations).approve(args.id, invocation),
  present: (result) => result.state === 'waiting'
    ? decided(result.record, `approved by you; ${result.record.approvers.length} of ${result.record.quorum} approvals so far`)
    : decided(result.record, EXECUTED[result.record.status] ?? `approved; now ${result.record.status}`),
});

export const rejectCommand = defineCommand({
  name: 'reject', usage: 'reject <request-id> [--reason "…"]', summary: 'Reject a destructive request',
  examples: ['reject apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6 --reason "not during the show"'], positional: ['id'], flags: {}, args: Id,
  risk: () => 'read',
  run: ({ args, integrations, invocation, reason }) => approvals(integrations).reject(args.id, invocation, reason),
  present: (record) => decided(record, 'rejected'),
});

export const cancelCommand = defineCommand({
  name: 'cancel', usage: 'cancel <request-id>', summary: 'Cancel a destructive request (the requester or an approver)',
  examples: ['cancel apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6'], positional: ['id'], flags: {}, args: Id,
  risk: () => 'read',
  run: ({ args, integrations, invocation }) => approvals(integrations).cancel(args.id, invocation),
  present: (record) => decided(record, 'cancelled'),
});
