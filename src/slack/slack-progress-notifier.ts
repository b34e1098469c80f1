import type { WebClient } from '@slack/web-api';
import type { ProgressNotifier } from '../operations/operation-poller.js';

/** Slack mrkdwn's three control characters, escaped so an AWS state or endpoint can't ping or break formatting. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Progress of a followed operation in its approval card's thread (`channel`, `thread_ts`): one message
 * posted with `chat.postMessage`, then kept current with `chat.update` (`progress_ts`); the final state
 * as a reply of its own, so the thread notifies its followers. Operations without a thread (asked in the
 * shell) are followed silently. Slack errors are thrown; the poller carries on, and the next poll tries again.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update
 */
export function createSlackProgressNotifier(client: WebClient): ProgressNotifier {
  return {
    async progress(operation, text) {
      const { channel, thread_ts: threadTs, progress_ts: progressTs } = operation;
      if (!channel || !threadTs) return undefined;
      if (progressTs) {
        await client.chat.update({ channel, ts: progressTs, text: escaped(text) });
        return progressTs;
      }
      const posted = await client.chat.postMessage({ channel, thread_ts: threadTs, text: escaped(text) });
      return posted.ts;
    },
    async final(operation, text) {
      const { channel, thread_ts: threadTs } = operation;
      if (!channel || !threadTs) return;
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: escaped(text) });
    },
  };
}
