import type { Plan } from '../pipeline/command.js';
import { isDryRun } from '../pipeline/dry-run-args.js';
import { unescapeSlack } from '../pipeline/normalize-slack-text.js';
import { startedOf } from '../pipeline/started-result.js';
import {
  code,
  fields,
  heading,
  mention,
  messageInline,
  note,
  text,
  type Reply,
  type ReplyPart,
  type Span,
  type Tone,
} from '../pipeline/reply.js';
import { truncate } from '../render/text-fitting.js';
import type { ApprovalRecord } from './approval-record.js';

/**
 * What the card shows of a plan and of free text; the rest is in its thread (issue 12, fault 9), so the
 * card stays well inside Slack's 50 blocks and ~10,000 characters and keeps its buttons and request id.
 */
export const CARD_FIT = { calls: 3, callChars: 600, warnings: 3, currentFields: 10, textChars: 500 } as const;

/**
 * The command line as the requester typed it: Slack escapes `& < >` in a slash command's text (and
 * wraps mentions), and the renderer escapes once more for display, so Slack's escapes go first
 * (issue 12, fault 13). Text typed in the shell is shown as it is.
 */
export const typedText = (record: Pick<ApprovalRecord, 'source' | 'text'>): string =>
  record.source === 'slack' ? unescapeSlack(record.text) : record.text;

const planCallText = (call: Plan['calls'][number]) =>
  `${call.service} ${call.operation}\n${JSON.stringify(call.input, null, 2)}`;

/** Whether the card leaves out part of the plan, the command line or the reason (they are in the thread). */
export function cardIsSummarized(record: ApprovalRecord): boolean {
  const plan = record.plan as Plan;
  return (
    plan.calls.length > CARD_FIT.calls ||
    plan.calls.some((call) => planCallText(call).length > CARD_FIT.callChars) ||
    plan.warnings.length > CARD_FIT.warnings ||
    plan.current.length > CARD_FIT.currentFields ||
    typedText(record).length + '/radio '.length > CARD_FIT.textChars ||
    (record.reason ?? '').length > CARD_FIT.textChars
  );
}

/**
 * Whom the card asks: the approver user groups (`S…`) in `roles.approver` if any, else its users (`U…`, `W…`).
 */
export function approverMentions(approvers: readonly string[]): Span[] {
  const groups = approvers.filter((id) => /^S[A-Z0-9]+$/.test(id));
  const users = approvers.filter((id) => /^[UW][A-Z0-9]+$/.test(id));
  return (groups.length > 0 ? groups : users).flatMap((id, index) => (index ? [' ', mention(id)] : [mention(id)]));
}

/** The plan as the card shows it: the first calls and warnings, and how many more are in the thread. */
function planParts(plan: Plan): ReplyPart[] {
  const calls = plan.calls.slice(0, CARD_FIT.calls);
  const hidden = plan.calls.length - calls.length;
  const counts = new Map<string, number>();
  for (const call of plan.calls)
    counts.set(`${call.service} ${call.operation}`, (counts.get(`${call.service} ${call.operation}`) ?? 0) + 1);
  return [
    ...(plan.current.length > 0 ? [fields(...plan.current.slice(0, CARD_FIT.currentFields))] : []),
    ...(plan.snippets ?? []).map((snippet) => code(truncate(snippet, CARD_FIT.callChars))),
    ...(plan.outline ? [text(plan.outline)] : []),
    ...(hidden > 0
      ? [
          text(
            `${plan.calls.length} calls planned (${[...counts].map(([name, n]) => `${name} × ${n}`).join(', ')}); the first ${calls.length} are shown, all of them in the thread.`,
          ),
        ]
      : []),
    ...calls.map((call) => code(truncate(planCallText(call), CARD_FIT.callChars))),
    ...plan.warnings.slice(0, CARD_FIT.warnings).map((warning) => text(messageInline(warning), 'warning')),
    ...(plan.warnings.length > CARD_FIT.warnings
      ? [text(`${plan.warnings.length - CARD_FIT.warnings} more warning(s) in the thread.`, 'warning')]
      : []),
  ];
}

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

/** A request marked as a dry run (it could only be planned where it was asked): where its lines differ. */
const DRY_RUN_STATUS_LINE: Partial<Record<ApprovalRecord['status'], string>> = {
  pending: 'Waiting for approval to run as a dry run',
  running: 'Approved: running as a dry run',
  succeeded: 'Approved, run as a dry run: nothing was changed',
};

/**
 * The card's status line; a dry run's never reads as done, nor does a run that only started something which
 * goes on by itself (a runbook run, {@link startedOf}).
 */
export function statusLine(record: Pick<ApprovalRecord, 'status' | 'args'> & { result?: unknown }): string {
  const started = record.status === 'succeeded' ? startedOf(record.result) : undefined;
  if (started) return `Approved: started ${started}`;
  return (isDryRun(record.args) ? DRY_RUN_STATUS_LINE[record.status] : undefined) ?? STATUS_LINE[record.status];
}

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
 * approvals so far, expiry, and buttons only while it is pending. A long plan or text is summarized
 * here and given in full in the thread ({@link approvalPlanThread}). While pending it mentions
 * `approvers` (`roles.approver`), so they are told a request waits. Pure: `now` is passed in.
 */
export function approvalCard(record: ApprovalRecord, now: Date, approvers: readonly string[] = []): Reply {
  const plan = record.plan as Plan;
  const minutesLeft = Math.max(0, Math.round((record.expires_at.getTime() - now.getTime()) / 60_000));
  const decided = record.decided_by ? ` by ${record.decided_by}` : '';
  const inThread = ' (in full in the thread)';
  const fit = (value: string) =>
    value.length > CARD_FIT.textChars ? truncate(value, CARD_FIT.textChars - inThread.length) + inThread : value;
  const asking = record.status === 'pending' ? approverMentions(approvers) : [];
  const dryRun = isDryRun(record.args);
  const partly = !dryRun && plan.partlyPlanOnly ? plan.partlyPlanOnly : undefined;
  const asked = dryRun ? ' (dry run only)' : partly ? ' (partly dry run only)' : '';
  const parts: ReplyPart[] = [
    heading(
      `${record.status === 'pending' ? `Approval needed${asked}` : statusLine(record)}: ${record.command}`,
      STATUS_TONE[record.status],
    ),
    ...(partly ? [text(messageInline(partly), 'warning')] : []),
    ...(asking.length > 0 ? [text([...asking, ': this request waits for your approval.'])] : []),
    ...(dryRun
      ? [
          text(
            'Dry run only: this was asked for where it can only be planned, so its approved run shows the plan below and changes nothing.',
            'warning',
          ),
        ]
      : []),
    fields(
      ['Requested by', `${record.requester_name ?? record.requester_id} (${record.requester_id})`],
      ['Command', fit(`/radio ${typedText(record)}`)],
      ['Reason', record.reason ? fit(record.reason) : '(none given)'],
      [
        'Approvals',
        `${record.approvers.length} of ${record.quorum}${record.approvers.length ? `: ${record.approvers.join(', ')}` : ''}`,
      ],
      ['Status', `${statusLine(record)}${record.status === 'pending' ? '' : decided}`],
      [
        'Expires',
        record.status === 'pending'
          ? `in ${minutesLeft} min (${record.expires_at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
          : '-',
      ],
    ),
    ...planParts(plan),
  ];
  if (record.decision_reason) parts.push(text(`Reason given: ${truncate(record.decision_reason, CARD_FIT.textChars)}`));
  if (record.error) parts.push(text(messageInline(truncate(record.error, CARD_FIT.textChars)), 'error'));
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
    summary: truncate(`${statusLine(record)}: /radio ${typedText(record)} (requested by ${record.requester_id})`, 300),
    visibility: 'in_channel',
    parts,
  };
}
