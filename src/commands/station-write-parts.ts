// What the station's write commands (`skip`, `meta`, `push`, `kill-source`, `output stop|start`) share.
import { z } from 'zod';
import { ChannelSlug } from '../config/station-config.js';
import type { IcecastMount, IcecastOperations, IcecastStats } from '../integrations/icecast/icecast-operations.js';
import type { Integrations } from '../integrations/integrations.js';
import type { IntegrationClients } from '../integrations/modules.js';
import { UserError } from '../pipeline/user-error.js';
import { mountOf } from '../station/channel-on-air.js';
import type { StationChannel } from '../station/channel-list.js';
import type { Cooldowns } from '../station/cooldowns.js';
import { channelNamed } from './channel-named.js';

/** A channel slug as typed: case-insensitive (`Rap` is `rap`). */
export const ChannelArgument = z
  .string()
  .transform((slug) => slug.toLowerCase())
  .pipe(ChannelSlug);

/**
 * Now playing on a mount as listeners' players show it: `artist - title` (Icecast's MP3 mounts carry both in
 * `title`, as Liquidsoap sends them), or undefined when the mount has no metadata or is not on air.
 */
export function nowPlayingOf(mount: IcecastMount | undefined): string | undefined {
  const words = [mount?.artist, mount?.title].filter((part) => part !== undefined && part !== '');
  return words.length > 0 ? words.join(' - ') : undefined;
}

/** The cooldowns, or a `not_configured` refusal: a command that must not repeat too soon never runs without them. */
export function requireCooldowns(integrations: Integrations, command: string): Cooldowns {
  if (integrations.cooldowns) return integrations.cooldowns;
  throw new UserError(
    'not_configured',
    `\`${command}\` needs the bot's database for its cooldown (shared by every replica), and it is not set up here.`,
  );
}

/**
 * A `not_configured` refusal when `ICECAST_ADMIN_PASSWORD` is not set, in the plan: an admin action (metadata,
 * kill-source) would only fail at its run, after a dry run said it would work or a second person approved it.
 */
export function requireIcecastAdmin(icecast: Pick<IcecastOperations, 'admin'>, what: string): void {
  if (icecast.admin) return;
  throw new UserError(
    'not_configured',
    `Icecast's admin password is not set (ICECAST_ADMIN_PASSWORD), so radio-ops can't ${what}.`,
  );
}

/** A channel on air: its config, its mount in Icecast's stats, and the stats (for the API version, 2.4 or 2.5). */
export interface OnAirMount {
  channel: StationChannel;
  mount: IcecastMount;
  stats: IcecastStats;
}

/**
 * The channel named and its Icecast mount, for a command that acts on a live source (`meta`, `kill-source`).
 * Errors: the channel lookup's refusals; a `precondition` refusal when the mount has no source, ending with
 * `nothing` (what there is not to do, e.g. `nothing to kill`).
 */
export async function onAirMount(
  slug: string,
  integrations: Pick<IntegrationClients, 'channels' | 'icecast'>,
  nothing: string,
  signal?: AbortSignal,
): Promise<OnAirMount> {
  const { channel } = await channelNamed(slug, integrations.channels, signal);
  const stats = await integrations.icecast.stats(signal);
  const mount = mountOf(stats, channel);
  if (!mount)
    throw new UserError('precondition', `\`${channel.mount}\` has no source (${channel.slug} is off air): ${nothing}.`);
  return { channel, mount, stats };
}

/** How long a verification after a write polls Icecast, and how often. */
export const VERIFY = { withinMs: 5000, everyMs: 250 } as const;

/** `5 s`, `1.5 s`: a short wait as people read it. */
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
