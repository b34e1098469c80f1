import type { WebClient } from '@slack/web-api';
import type { CardNotifier, CardSubject } from '../approvals/approval-notifier.js';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import { renderBlockKit } from '../render/block-kit.js';
import { translate } from './slack-card-poster.js';

/** Runs a Web API call, rethrowing its failure as a `CardCallError` (429s with their Retry-After). */
async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translate(error);
  }
}

/**
 * Approval cards as Slack messages: posted as a normal channel message (ephemeral ones can't be
 * updated), edited in place with `chat.update` at each step, results and progress in its thread.
 * The client should reject rate-limited calls (`rejectRateLimitedCalls: true`, no retries): failures are
 * `CardCallError`s, and the queue in front of this notifier owns the waiting
 * (src/approvals/queued-approval-notifier.ts).
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update
 */
export function createSlackApprovalNotifier<R extends CardSubject = ApprovalRecord>(
  client: WebClient,
): CardNotifier<R> {
  return {
    async post(record, card) {
      if (!record.channel_id) return undefined;
      const { text, blocks } = renderBlockKit(card);
      const channel = record.channel_id;
      const response = await slackCall(() => client.chat.postMessage({ channel, text, blocks }));
      return response.ts && response.channel ? { channel: response.channel, ts: response.ts } : undefined;
    },
    async update(record, card) {
      const { message_channel: channel, message_ts: ts } = record;
      if (!channel || !ts) return;
      const { text, blocks } = renderBlockKit(card);
      await slackCall(() => client.chat.update({ channel, ts, text, blocks }));
    },
    async thread(record, reply) {
      const { message_channel: channel, message_ts: ts } = record;
      if (!channel || !ts) return;
      const { text, blocks } = renderBlockKit(reply);
      await slackCall(() => client.chat.postMessage({ channel, thread_ts: ts, text, blocks }));
    },
  };
}
