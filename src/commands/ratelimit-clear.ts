import { z } from 'zod';
import type { ClearTarget, UnlinkOutcome } from '../integrations/redis/station-redis.js';
import { SCAN_COUNT } from '../integrations/redis/unlink-matching.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { note, text } from '../pipeline/reply.js';
import { formatCount } from './format-bytes.js';
import { RateLimitChannel, RateLimitUser } from './rate-limit-arguments.js';

const Args = z
  .object({ user: RateLimitUser.optional(), channel: RateLimitChannel.optional(), all: z.boolean().default(false) })
  .refine((a) => a.all !== Boolean(a.user), 'name a user id, or use --all (not both)')
  .refine((a) => !(a.all && a.channel), '--all clears every channel; leave the channel out');

type Args = z.infer<typeof Args>;

const target = (args: Args): ClearTarget =>
  args.user ? { userId: args.user, channelId: args.channel } : { all: true };

/** The key or `MATCH` pattern a plan is about; a drifting key count is not part of it. */
const matchOf = (plan: Plan) =>
  typeof plan.state === 'object' && plan.state !== null && 'match' in plan.state ? String(plan.state.match) : undefined;

/**
 * `ratelimit clear <user-id> [channel]` and `ratelimit clear --all`: deletes rate-limit keys with
 * `UNLINK` (one key), or `SCAN MATCH` + `UNLINK` in batches (a user's keys, or everyone's with `--all`,
 * which is destructive). Counts what Redis deleted. Refused in Redis cluster mode.
 */
export const ratelimitClearCommand = defineCommand({
  name: 'ratelimit clear',
  usage: 'ratelimit clear <user-id> [channel] | ratelimit clear --all',
  summary: "Delete a listener's rate-limit keys (one channel or all), or everyone's with --all",
  examples: ['ratelimit clear 48213 rap', 'ratelimit clear 48213', 'ratelimit clear --all --dry-run'],
  positional: ['user', 'channel'],
  flags: { all: 'boolean' },
  needs: ['redis'],
  args: Args,
  risk: (args) => (args.all ? 'destructive' : 'write'),
  async plan({ args, integrations }): Promise<Plan> {
    const preview = await integrations.redis.previewClear(target(args));
    if (preview.kind === 'key') {
      return {
        current: [
          ['key', preview.key],
          ['exists', preview.exists ? 'yes' : 'no'],
        ],
        calls: [{ service: 'Redis', operation: 'UNLINK', input: { keys: [preview.key] } }],
        warnings: [],
        state: { match: preview.key },
      };
    }
    const { match, count, exact, sampled, dbsize } = preview.estimate;
    return {
      current: [
        ['MATCH', match],
        [
          'matching keys',
          exact
            ? formatCount(count, 'keys')
            : `about ${formatCount(count, 'keys')} (sampled ~${formatCount(sampled, 'keys')} of ${formatCount(dbsize, 'keys')})`,
        ],
      ],
      calls: [
        {
          service: 'Redis',
          operation: 'SCAN',
          input: { cursor: '0, then each returned cursor until 0', MATCH: match, COUNT: SCAN_COUNT },
        },
        {
          service: 'Redis',
          operation: 'UNLINK',
          input: { keys: `the keys SCAN returns, at most ${SCAN_COUNT} per call` },
        },
      ],
      warnings: [],
      state: { match },
    };
  },
  recheck: (then, now) =>
    matchOf(then) === matchOf(now)
      ? undefined
      : `The keys to clear changed from \`${matchOf(then)}\` to \`${matchOf(now)}\`.`,
  run: ({ args, integrations }): Promise<UnlinkOutcome> => integrations.redis.clear(target(args)),
  present(outcome, args) {
    const deleted = formatCount(outcome.deleted, outcome.deleted === 1 ? 'key' : 'keys');
    const what = args.user && args.channel ? outcome.match : `keys matching ${outcome.match}`;
    const line =
      outcome.deleted === 0 && args.user && args.channel
        ? `${outcome.match} did not exist; nothing was deleted.`
        : `Deleted ${deleted} (${what}).`;
    return {
      summary: line,
      visibility: 'in_channel',
      parts: [
        text(line),
        note(
          outcome.scanCalls > 0
            ? `${outcome.scanCalls} SCAN and ${outcome.unlinkCalls} UNLINK call(s); the count is what UNLINK reported deleted.`
            : 'One UNLINK call.',
        ),
      ],
    };
  },
});
