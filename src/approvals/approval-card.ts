import type { Plan } from '../pipeline/command.js';
import {
  code,
  fields,
  heading,
  messageInline,
  note,
  text,
  type Reply,
  type ReplyPart,
  type Tone,
} from '../pipeline/reply.js';
import type { ApprovalRecord } from './approval-record.js';

const STATUS_LINE: Record<ApprovalRecord['status'], string> = {
  pending: 'Waiting for approval',
  running: 'Approved: running',
  succeeded: 'Approved and done',
  failed: 'Approved, but it failed',
  refused: 'Approved, but not run: the situation changed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired without enough approvals',
  interrupted: 'Interrupted: the bot stopped while running it (not re-run)',
};

/** What the card's headline means once decided; pending, rejected, cancelled and expired cards are unmarked. */
const STATUS_TONE: Partial<Record<ApprovalRecord['status'], Tone>> = {
  running: 'info',
  succeeded: 'success',
  failed: 'error',
  refused: 'warning',
  interrupted: 'error',
};

/**
 * The approval request card, for its whole life: who asked, why, the exact operation and plan,
 * approvals so far, expiry, and buttons only while it is pending. Pure: `now` is passed in.
 */
export function approvalCard(record: ApprovalRecord, now: Date): Reply {
  const plan = record.plan as Plan;
  const minutesLeft = Math.max(0, Math.round((record.expires_at.getTime() - now.getTime()) / 60_000));
  const decided = record.decided_by ? ` by ${record.decided_by}` : '';
  const parts: ReplyPart[] = [
    heading(
      `${record.status === 'pending' ? 'Approval needed' : STATUS_LINE[record.status]}: ${record.command}`,
      STATUS_TONE[record.status],
    ),
    fields(
      ['Requested by', `${record.requester_name ?? record.requester_id} (${record.requester_id})`],
      ['Command', `/radio ${record.text}`],
      ['Reason', record.reason ?? '(none given)'],
      [
        'Approvals',
        `${record.approvers.length} of ${record.quorum}${record.approvers.length ? `: ${record.approvers.join(', ')}` : ''}`,
      ],
      ['Status', `${STATUS_LINE[record.status]}${record.status === 'pending' ? '' : decided}`],
      [
        'Expires',
        record.status === 'pending'
          ? `in ${minutesLeft} min (${record.expires_at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
          : '-',
      ],
    ),
    ...(plan.current.length > 0 ? [fields(...plan.current)] : []),
    ...plan.calls.map((call) => code(`${call.service} ${call.operation}\n${JSON.stringify(call.input, null, 2)}`)),
    ...plan.warnings.map((warning) => text(messageInline(warning), 'warning')),
  ];
  if (record.decision_reason) parts.push(text(`Reason given: ${record.decision_reason}`));
  if (record.error) parts.push(text(messageInline(record.error), 'error'));
  if (record.status === 'pending') {
    parts.push({
      kind: 'actions',
      buttons: [
        { label: 'Approve', action: 'approve', value: record.id, style: 'primary' },
        { label: 'Reject', action: 'reject', value: record.id, style: 'danger' },
        { label: 'Cancel', action: 'cancel', value: record.id },
      ],
    });
  }
  parts.push(note(`Request ${record.id} · an approver other than the requester must approve · discuss in the thread`));
  return {
    summary: `${STATUS_LINE[record.status]}: /radio ${record.text} (requested by ${record.requester_id})`,
    visibility: 'in_channel',
    parts,
  };
}
