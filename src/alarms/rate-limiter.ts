import type { Clock } from './clock.js';

/** A sustained rate and a burst: at most `burst + perSecond × T` calls in any T seconds, per key. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Slack's guidance for posting: about one message per second per channel, short bursts allowed;
 * `chat.update` is rate-limited too. Source: https://api.slack.com/apis/rate-limits
 */
export const SLACK_CHANNEL_RATE: RateLimit = { perSecond: 1, burst: 3 };

/**
 * A token bucket per key (a Slack channel), on an injected clock. `pause` empties a key's bucket until
 * a 429's `Retry-After` has passed. Callers take tokens one at a time (the worker is sequential).
 */
export function createRateLimiter(limit: RateLimit, clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number; blockedUntil: number }>();
  const bucket = (key: string) => {
    const now = clock.now();
    const found = buckets.get(key) ?? { tokens: limit.burst, at: now, blockedUntil: 0 };
    found.tokens = Math.min(limit.burst, found.tokens + (Math.max(0, now - found.at) / 1000) * limit.perSecond);
    found.at = Math.max(found.at, now);
    buckets.set(key, found);
    return found;
  };
  return {
    /** Resolves when a call for `key` may be made, and counts it. */
    async take(key: string): Promise<void> {
      for (;;) {
        const b = bucket(key);
        const blocked = b.blockedUntil - clock.now();
        if (blocked > 0) {
          await clock.sleep(blocked);
        } else if (b.tokens >= 1) {
          b.tokens -= 1;
          return;
        } else {
          await clock.sleep(Math.ceil(((1 - b.tokens) * 1000) / limit.perSecond));
        }
      }
    },
    /** No calls for `key` for `ms` milliseconds; when they resume, one call, then the sustained rate. */
    pause(key: string, ms: number): void {
      const b = bucket(key);
      b.blockedUntil = Math.max(b.blockedUntil, clock.now() + ms);
      b.tokens = 0;
      b.at = Math.max(clock.now(), b.blockedUntil - 1000 / limit.perSecond);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
