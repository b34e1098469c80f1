import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, messageInline, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { mountOf } from '../station/channel-on-air.js';
import { pollUntil } from '../station/poll-until.js';
import { channelNamed } from './channel-named.js';
import { ChannelArgument, nowPlayingOf, requireCooldowns, seconds, VERIFY } from './station-write-parts.js';
import { utcWithAge } from './utc-with-age.js';

interface SkipState {
  slug: string;
  output: string;
  mount: string;
  /** Now playing on the mount when planned (undefined: no metadata, or not on air). */
  before?: string;
}

/** What `skip` did: the line sent, and whether Icecast showed a new title within the verification window. */
export interface SkipResult {
  slug: string;
  line: string;
  before?: string;
  /** Now playing when the verification ended. */
  after?: string;
  changed: boolean;
  waitedMs: number;
  cooldownUntil: Date;
  checkedAt: Date;
  listNote?: string;
}

const cooldownKey = (slug: string) => `skip:${slug}`;

/** The refusal while the channel cools down: when it may run again; nothing is sent. */
const coolingDown = (slug: string, until: Date) =>
  new UserError(
    'precondition',
    `\`skip ${slug}\` ran a moment ago (cooldown station.skipCooldown): it may run again at ${utcWithAge(until, new Date())}. Nothing was skipped.`,
  );

/**
 * `skip <channel>`: ends the track the channel's Liquidsoap output plays (`<output>.skip`; the next one starts at
 * once), then polls Icecast's stats (5 s at most) for a new title on the channel's mount. One skip per channel per
 * `station.skipCooldown` (30 s), claimed in the bot's database so two presses of an alarm card's button, on any
 * replicas, skip one track. Source: https://www.liquidsoap.info/doc-2.1.3/server.html
 */
export const skipCommand = defineCommand({
  name: 'skip',
  usage: 'skip <channel>',
  summary: "Skip a channel's current track and show the new title (once per cooldown)",
  examples: ['skip rap'],
  positional: ['channel'],
  flags: {},
  needs: ['liquidsoap', 'icecast', 'channels'],
  args: z.object({ channel: ChannelArgument }),
  risk: () => 'write',
  async plan({ args, integrations, config, signal }): Promise<Plan<SkipState>> {
    const cooldowns = requireCooldowns(integrations, 'skip');
    const { channel } = await channelNamed(args.channel, integrations.channels, signal);
    const [stats, until] = await Promise.all([
      integrations.icecast.stats(signal),
      cooldowns.until(cooldownKey(channel.slug)),
    ]);
    if (until) throw coolingDown(channel.slug, until);
    const mount = mountOf(stats, channel);
    const before = nowPlayingOf(mount);
    const line = `${channel.output}.skip`;
    return {
      current: [
        ['Channel', `${channel.slug} (${channel.mount}, Liquidsoap output ${channel.output})`],
        ['Now playing', mount ? (before ?? '- (no metadata)') : 'off air'],
        ['Cooldown', `${formatDuration(config.station.skipCooldown)} per channel after a skip (station.skipCooldown)`],
      ],
      calls: [{ service: 'Liquidsoap', operation: line, input: { line } }],
      warnings: mount
        ? []
        : [`\`${channel.mount}\` is not on air in Icecast: the skip goes to Liquidsoap, but no new title can be seen.`],
      state: { slug: channel.slug, output: channel.output, mount: channel.mount, ...(before ? { before } : {}) },
    };
  },
  async run({ integrations, config, plan, signal }): Promise<SkipResult> {
    const state = plan?.state as SkipState;
    const cooldowns = requireCooldowns(integrations, 'skip');
    const key = cooldownKey(state.slug);
    const claim = await cooldowns.claim(key, config.station.skipCooldown);
    if (!claim.claimed) throw coolingDown(state.slug, claim.until);
    try {
      await integrations.liquidsoap.skip(state.output, signal);
    } catch (error) {
      // Nothing was skipped unless the line went out unanswered: give the cooldown back so a retry may run.
      if (!(error instanceof UserError && error.code === 'outcome_unknown'))
        await cooldowns.release(key, claim.until).catch(() => undefined);
      throw error;
    }
    const verified = await pollUntil(
      async () => nowPlayingOf(mountOf(await integrations.icecast.stats(signal), state)),
      (now) => now !== undefined && now !== state.before,
      { ...VERIFY, signal },
    );
    return {
      slug: state.slug,
      line: `${state.output}.skip`,
      ...(state.before ? { before: state.before } : {}),
      ...(verified.value ? { after: verified.value } : {}),
      changed: verified.met,
      waitedMs: verified.waitedMs,
      cooldownUntil: claim.until,
      checkedAt: new Date(),
    };
  },
  present(result) {
    const facts = fields(
      ['Line sent', result.line],
      ['Before', result.before ?? '-'],
      ['Now playing', result.after ?? '-'],
      ['Next skip allowed', utcWithAge(result.cooldownUntil, result.checkedAt)],
    );
    if (result.changed)
      return {
        summary: `Skipped ${result.slug}: now playing ${result.after ?? '-'}`,
        visibility: 'in_channel',
        parts: [text(`Skipped ${result.slug}: now playing ${result.after ?? '-'}.`, 'success'), facts],
      };
    return {
      summary: `Skipped ${result.slug}, but the title did not change within ${seconds(VERIFY.withinMs)}`,
      visibility: 'in_channel',
      parts: [
        text(
          `Liquidsoap took the skip, but Icecast's title for ${result.slug} did not change within ${seconds(VERIFY.withinMs)}.`,
          'warning',
        ),
        facts,
        note(
          messageInline(
            'The next track may carry no metadata, or the same title; Liquidsoap may also send none until the next track after a reconnect. `np` shows what plays.',
          ),
        ),
      ],
    };
  },
});
