import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import type { RateLimitEntry } from '../integrations/redis/station-redis.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, text } from '../pipeline/reply.js';
import { RateLimitChannel, RateLimitUser } from './rate-limit-arguments.js';

/** `ratelimit show <user-id> <channel>`: the value and time to live of one rate-limit key. */
export const ratelimitShowCommand = defineCommand({
  name: 'ratelimit show',
  usage: 'ratelimit show <user-id> <channel>',
  summary: "Show a listener's rate-limit counter and its time to live in one channel",
  examples: ['ratelimit show 48213 rap'],
  positional: ['user', 'channel'],
  flags: {},
  needs: ['redis'],
  args: z.object({ user: RateLimitUser, channel: RateLimitChannel }),
  risk: () => 'read',
  run: ({ args, integrations }): Promise<RateLimitEntry> => integrations.redis.rateLimit(args.user, args.channel),
  present(entry) {
    if (entry.type === 'none') {
      return {
        summary: `${entry.key}: no such key`,
        visibility: 'in_channel',
        parts: [text(`${entry.key} does not exist: no rate limit is in force.`)],
      };
    }
    const ttl =
      entry.pttl === -1
        ? 'no expiry (PTTL -1): it stays until cleared'
        : entry.pttl < 0
          ? `expired just now (PTTL ${entry.pttl})`
          : `${formatDuration(entry.pttl)} (PTTL ${entry.pttl.toLocaleString('en-US')} ms)`;
    return {
      summary: `${entry.key} = ${entry.value ?? '-'}, ${entry.pttl === -1 ? 'no expiry' : entry.pttl < 0 ? 'expired' : `expires in ${formatDuration(entry.pttl)}`}`,
      visibility: 'in_channel',
      parts: [fields(['key', entry.key], ['TYPE', entry.type], ['value', entry.value ?? '-'], ['TTL', ttl])],
    };
  },
});
