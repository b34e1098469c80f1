import type { WebClient } from '@slack/web-api';
import type { ApprovalNotifier } from '../approvals/approval-notifier.js';
import { renderBlockKit } from '../render/block-kit.js';

/**
 * Approval cards as Slack messages: posted as a normal channel message (ephemeral ones can't be
 * updated), edited in place with `chat.update` at each step, results and progress in its thread.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update
 */
export function createSlackApprovalNotifier(client: WebClient): ApprovalNotifier {
  return {
    async post(record, card) {
      if (!record.channel_id) return undefined;
      const { text, blocks } = renderBlockKit(card);
      const response = await client.chat.postMessage({ channel: record.channel_id, text, blocks });
      return response.ts && response.channel ? { channel: response.channel, ts: response.ts } : undefined;
    },
    async update(record, card) {
      if (!record.message_channel || !record.message_ts) return;
      const { text, blocks } = renderBlockKit(card);
      await client.chat.update({ channel: record.message_channel, ts: record.message_ts, text, blocks });
    },
    async thread(record, reply) {
      if (!record.message_channel || !record.message_ts) return;
      const { text, blocks } = renderBlockKit(reply);
      await client.chat.postMessage({ channel: record.message_channel, thread_ts: record.message_ts, text, blocks });
    },
  };
}
