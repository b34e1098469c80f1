import type { KnownBlock, WebClient } from '@slack/web-api';

/** A message as `chat.postMessage`/`chat.update` take it. */
export interface CardMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Why a Slack call for a card failed, in the words the worker acts on. */
export type CardCallProblem = 'rate_limited' | 'message_not_found' | 'not_in_channel' | 'other';

/** A failed Slack call; `retryAfterMs` comes from a 429's `Retry-After`. */
export class CardCallError extends Error {
  constructor(readonly problem: CardCallProblem, message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'CardCallError';
  }
}

/**
 * Where alarm cards are posted. Errors are {@link CardCallError}s.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update
 */
export interface CardPoster {
  /** Posts to `channel` (in the thread of `threadTs` when given); resolves the new message's `ts`. */
  post(channel: string, message: CardMessage, threadTs?: string): Promise<string>;
  /** Replaces the message `ts` in `channel`. */
  update(channel: string, ts: string, message: CardMessage): Promise<void>;
}

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

function translate(error: unknown): CardCallError {
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
 */
export function createSlackCardPoster(client: WebClient): CardPoster {
  return {
    async post(channel, { text, blocks }, threadTs) {
      try {
        const response = await client.chat.postMessage({ channel, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
        if (!response.ts) throw new CardCallError('other', 'chat.postMessage returned no ts');
        return response.ts;
      } catch (error) {
        throw error instanceof CardCallError ? error : translate(error);
      }
    },
    async update(channel, ts, { text, blocks }) {
      try {
        await client.chat.update({ channel, ts, text, blocks });
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
