import type { Reply } from '../pipeline/reply.js';

/** Why a Slack call for a card failed, in the words the worker acts on. */
export type CardCallProblem = 'rate_limited' | 'message_not_found' | 'not_in_channel' | 'other';

/** A failed Slack call; `retryAfterMs` comes from a 429's `Retry-After`. */
export class CardCallError extends Error {
  constructor(
    readonly problem: CardCallProblem,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CardCallError';
  }
}

/**
 * Where alarm cards are posted. Cards and thread replies are neutral {@link Reply}s; the poster renders
 * them for its surface (Slack: `src/slack/slack-card-poster.ts`). Errors are {@link CardCallError}s.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update
 */
export interface CardPoster {
  /**
   * Posts to `channel` (in the thread of `threadTs` when given; with `reply_broadcast`, a thread reply
   * is also shown in the channel, which notifies it); resolves the new message's `ts`.
   */
  post(channel: string, reply: Reply, threadTs?: string, options?: { reply_broadcast?: boolean }): Promise<string>;
  /** Replaces the message `ts` in `channel`. */
  update(channel: string, ts: string, reply: Reply): Promise<void>;
}
