import type { WebClient } from '@slack/web-api';
import { CardCallError, type CardPoster } from '../alarms/card-poster.js';
import { renderBlockKit } from '../render/block-kit.js';

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** A Web API client's error as a {@link CardCallError}: a 429 with its Retry-After, or Slack's `error` code. */
export function translate(error: unknown): CardCallError {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error') {
    return new CardCallError('rate_limited', 'Slack answered 429', (e.retryAfter ?? 1) * 1000);
  }
  const slackError = e.data?.error ?? '';
  if (slackError === 'message_not_found') return new CardCallError('message_not_found', 'the card was deleted');
  if (NOT_IN_CHANNEL.has(slackError)) return new CardCallError('not_in_channel', slackError);
  return new CardCallError('other', e.message ?? String(error));
}

/**
 * {@link CardPoster} over a Web API client that rejects rate-limited calls instead of waiting
 * (`rejectRateLimitedCalls: true`, `retryConfig: { retries: 0 }`): the outbox worker owns retries.
 * Cards are rendered as Block Kit here, with the reply's summary as the notification text.
 */
export function createSlackCardPoster(client: WebClient): CardPoster {
  return {
    async post(channel, reply, threadTs, options = {}) {
      const { text, blocks } = renderBlockKit(reply);
      const thread = threadTs ? { thread_ts: threadTs, reply_broadcast: options.reply_broadcast === true } : {};
      try {
        const response = await client.chat.postMessage({ channel, text, blocks, ...thread });
        if (!response.ts) throw new CardCallError('other', 'chat.postMessage returned no ts');
        return response.ts;
      } catch (error) {
        throw error instanceof CardCallError ? error : translate(error);
      }
    },
    async update(channel, ts, reply) {
      const { text, blocks } = renderBlockKit(reply);
      try {
        await client.chat.update({ channel, ts, text, blocks });
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
