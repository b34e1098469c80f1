import { z } from 'zod';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ApprovalService, ApproveResult } from '../approvals/approval-service.js';
import { defineCommand } from '../pipeline/command.js';
import { isDryRun } from '../pipeline/dry-run-args.js';
import { text, type Reply } from '../pipeline/reply.js';
import { startedOf } from '../pipeline/started-result.js';
import { UserError } from '../pipeline/user-error.js';

// The words a button press becomes: `approve <id>`, `reject <id> [--reason …]`, `cancel <id>`.
// Each is an ordinary command: deciding changes a request (write), and the authorize step checks the
// role it `requires` before anything is audited as started; the approval service then checks what
// only the request can tell (not your own, not decided yet, the requester may cancel).
const Id = z.object({ id: z.string().min(1).max(64) });

function gate(approvals: ApprovalService | undefined): ApprovalService {
  if (!approvals) throw new UserError('not_configured', 'Approvals are not available here.');
  return approvals;
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

const RUNNING = "approved: running now; you'll hear how it ends here and in the card's thread";

/** A request marked as a dry run (it could only be planned where it was asked) never reads as done. */
const DRY_RUN_EXECUTED = "approved, and run as a dry run: nothing was changed (the plan is in the card's thread)";

/** A run that started something going on by itself (a runbook run) is not done: it says what it started. */
const started = (record: ApprovalRecord): string | undefined => {
  const what = record.status === 'succeeded' ? startedOf(record.result) : undefined;
  return what && `approved: started ${what}; its card shows each step and how it ends`;
};

const executed = (record: ApprovalRecord): string =>
  started(record) ??
  (record.status === 'succeeded' && isDryRun(record.args) ? DRY_RUN_EXECUTED : EXECUTED[record.status]) ??
  `approved; now ${record.status}`;

export const approveCommand = defineCommand({
  name: 'approve',
  usage: 'approve <request-id>',
  summary: "Approve someone else's destructive request",
  examples: ['approve apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6'],
  positional: ['id'],
  flags: {},
  args: Id,
  risk: () => 'write',
  requires: ['approver'],
  // Issue 12, fault 10: the approver hears "approved: running" at the claim, not when the run is over.
  run: ({ args, approvals, invocation, progress }): Promise<ApproveResult> =>
    gate(approvals).approve(args.id, invocation, {
      onClaimed: (record) => progress?.(decided(record, RUNNING)),
    }),
  present: (result) =>
    result.state === 'waiting'
      ? decided(
          result.record,
          `approved by you; ${result.record.approvers.length} of ${result.record.quorum} approvals so far`,
        )
      : decided(result.record, executed(result.record)),
});

export const rejectCommand = defineCommand({
  name: 'reject',
  usage: 'reject <request-id> [--reason "…"]',
  summary: 'Reject a destructive request',
  examples: ['reject apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6 --reason "not during the show"'],
  positional: ['id'],
  flags: {},
  args: Id,
  risk: () => 'write',
  requires: ['approver'],
  run: ({ args, approvals, invocation, reason }) => gate(approvals).reject(args.id, invocation, reason),
  present: (record) => decided(record, 'rejected'),
});

export const cancelCommand = defineCommand({
  name: 'cancel',
  usage: 'cancel <request-id>',
  summary: 'Cancel a destructive request (the requester or an approver)',
  examples: ['cancel apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6'],
  positional: ['id'],
  flags: {},
  args: Id,
  // The requester (an operator) or an approver; the service checks which of the two this person is.
  risk: () => 'write',
  requires: ['operator', 'approver'],
  run: ({ args, approvals, invocation }) => gate(approvals).cancel(args.id, invocation),
  present: (record) => decided(record, 'cancelled'),
});
