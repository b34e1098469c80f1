import type { Plan } from '../pipeline/command.js';
import { isDryRun } from '../pipeline/dry-run-args.js';
import { code, heading, mention, messageInline, rich, text, type Reply, type ReplyPart } from '../pipeline/reply.js';
import { slackCost } from '../render/text-fitting.js';
import { cardIsSummarized, typedText } from './approval-card.js';
import type { ApprovalRecord } from './approval-record.js';

/**
 * What one thread message may carry, in characters as Slack counts them (under its ~10,000 per message,
 * so the renderer never has to cut).
 */
const MESSAGE_COST = 8_000;

/** A line of free text is at most this long, so an escaped line stays within a section's 3,000. */
const LINE_CHARS = 500;

/** Free text as parts of lines of {@link LINE_CHARS}, each part small enough to share a message. */
function textParts(value: string): { part: ReplyPart; cost: number }[] {
  const lines = value.match(new RegExp(`[^]{1,${LINE_CHARS}}`, 'gu')) ?? [''];
  const parts = [];
  for (let i = 0; i < lines.length; i += 3) {
    const piece = lines.slice(i, i + 3).join('\n');
    parts.push({ part: text(piece), cost: slackCost(piece) });
  }
  return parts;
}

/** Parts packed into as few messages as {@link MESSAGE_COST} allows (a part is never split). */
function pack(items: { part: ReplyPart; cost: number }[]): ReplyPart[][] {
  const messages: { parts: ReplyPart[]; cost: number }[] = [];
  for (const item of items) {
    const last = messages.at(-1);
    if (last && last.cost + item.cost <= MESSAGE_COST) {
      last.parts.push(item.part);
      last.cost += item.cost;
    } else messages.push({ parts: [item.part], cost: item.cost });
  }
  return messages.map((message) => message.parts);
}

/** Plan calls, one line each with their exact input, grouped into code parts that fit a message. */
function callParts(plan: Plan): { part: ReplyPart; cost: number }[] {
  const groups: string[] = [];
  for (const call of plan.calls) {
    const one = `${call.service} ${call.operation} ${JSON.stringify(call.input)}`;
    const last = groups.at(-1);
    if (last !== undefined && slackCost(last) + 1 + slackCost(one) <= MESSAGE_COST)
      groups[groups.length - 1] = `${last}\n${one}`;
    else groups.push(one);
  }
  return groups.map((group) => ({ part: code(group), cost: slackCost(group) }));
}

/**
 * The full request for the card's thread when the card summarizes it (issue 12, fault 9): the whole
 * command line and reason, every planned call (one line each, exact input), every warning. Empty when
 * the card already shows everything. Split into as many messages as Slack's limits need.
 */
export function approvalPlanThread(record: ApprovalRecord): Reply[] {
  if (!cardIsSummarized(record)) return [];
  const plan = record.plan as Plan;
  const messages = pack([
    ...textParts(`Command: /radio ${typedText(record)}`),
    ...textParts(`Reason: ${record.reason ?? '(none given)'}`),
    ...plan.current.flatMap(([label, value]) => textParts(`${label}: ${value}`)),
    ...plan.warnings.map((warning) => ({
      part: text(messageInline(warning), 'warning'),
      cost: slackCost(warning),
    })),
    ...callParts(plan),
  ]);
  return messages.map((parts, index) => ({
    summary: `Full plan of request ${record.id} (${index + 1} of ${messages.length})`,
    visibility: 'in_channel',
    parts: [heading(`Full plan (${index + 1} of ${messages.length})`), ...parts],
  }));
}

/** What the requester is told in the thread for each outcome; `undefined` where there is nothing to tell. */
function outcomeLine(record: ApprovalRecord): string | undefined {
  const by = record.decided_by ? ` by ${record.decided_by}` : '';
  switch (record.status) {
    case 'running':
      return ` your request was approved${record.approvers.length ? ` by ${record.approvers.join(', ')}` : ''}: running it now${isDryRun(record.args) ? ' as a dry run (nothing will be changed)' : ''}.`;
    case 'rejected':
      return ` your request was rejected${by}${record.decision_reason ? ` (reason: ${record.decision_reason})` : ''}. Nothing was done.`;
    case 'expired':
      return ' your request expired without enough approvals. Nothing was done; ask again if it is still needed.';
    case 'failed':
      return ` your approved request failed: ${record.error ?? 'see above'}`;
    case 'refused':
      return ` your approved request was not run: ${record.error ?? 'the situation changed'}`;
    case 'interrupted':
      return ' your approved request was interrupted: the bot stopped while running it (it is not re-run).';
    case 'cancelled':
      return record.decided_by && record.decided_by !== record.requester_id
        ? ` your request was cancelled${by}. Nothing was done.`
        : undefined;
    default:
      return undefined;
  }
}

/**
 * A thread reply mentioning the requester when their request is approved, rejected, expires, fails,
 * is refused or interrupted, or is cancelled by someone else (issue 12, fault 13): Slack notifies them.
 */
export function requesterNotice(record: ApprovalRecord): Reply | undefined {
  const line = outcomeLine(record);
  if (!line) return undefined;
  const failed = record.status === 'failed' || record.status === 'refused' || record.status === 'interrupted';
  const tone = record.status === 'running' ? 'info' : failed ? 'error' : 'warning';
  return {
    summary: `${record.requester_id}:${line}`,
    visibility: 'in_channel',
    parts: [text(rich`${mention(record.requester_id)}${line}`, tone)],
  };
}
