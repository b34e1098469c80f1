import type { WebClient } from '@slack/web-api';
import type { ProgressNotifier } from '../operations/operation-poller.js';
import { escapeMrkdwn, toneEmoji } from '../render/block-kit.js';

/** A line as mrkdwn, escaped so an AWS state or endpoint can't ping or break formatting, behind its emoji. */
const marked = (emoji: string, text: string) => `${emoji} ${escapeMrkdwn(text)}`;
/** The emoji of a line while the operation is still under way. */
const IN_PROGRESS = ':hourglass_flowing_sand:';

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
        await client.chat.update({ channel, ts: progressTs, text: marked(IN_PROGRESS, text) });
        return progressTs;
      }
      const posted = await client.chat.postMessage({ channel, thread_ts: threadTs, text: marked(IN_PROGRESS, text) });
      return posted.ts;
    },
    async final(operation, text, tone) {
      const { channel, thread_ts: threadTs } = operation;
      if (!channel || !threadTs) return;
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: marked(toneEmoji(tone), text) });
    },
  };
}
