import type { ChannelHls, HlsOperations } from '../integrations/hls/hls-operations.js';
import type { IcecastMount, IcecastOperations, IcecastStats } from '../integrations/icecast/icecast-operations.js';
import type { LiquidsoapOperations } from '../integrations/liquidsoap/liquidsoap-operations.js';
import type { ChannelDirectory } from './channel-directory.js';
import type { ChannelList, StationChannel } from './channel-list.js';
import { mountOf } from './channel-on-air.js';
import { settleWithin, type Known } from './settle-within.js';
import { statusVerdict, type StatusVerdict } from './status-verdict.js';

export type { Known } from './settle-within.js';

/** A source the station may lack (no `station.hls`, no `station.liquidsoap`): what to say instead of asking. */
export interface NotConfigured {
  notConfigured: string;
}

/**
 * Whether a channel's source is connected to its Icecast mount, `unknown` when Icecast could not be read, or
 * `notConfigured` when the YAML names no Icecast (nothing to ask).
 */
export type ChannelSource =
  { onAir: true; mount: IcecastMount } | { onAir: false } | { unknown: string } | NotConfigured;

/** One channel as `status` shows it. */
export interface ChannelStatus {
  channel: StationChannel;
  source: ChannelSource;
  /** Both HLS layers (each may be `unknown` itself), `unknown` when the check missed its deadline. */
  hls: Known<ChannelHls> | NotConfigured;
}

/** The whole station at one moment: every source asked in parallel, each with its own deadline. */
export interface StationStatus {
  /** When the probe started; ages (`since …`) are relative to it. */
  checkedAt: Date;
  /** The channel list used (see `staleChannelsNote` when `list.stale`). */
  list: ChannelList;
  icecast: Known<IcecastStats> | NotConfigured;
  /** Liquidsoap's `uptime` (the encoder). */
  encoder: Known<{ address: string; text: string; seconds?: number }> | NotConfigured;
  channels: ChannelStatus[];
  verdict: StatusVerdict;
}

/** What the probe asks; Icecast, Liquidsoap and HLS are absent where the YAML does not set them up. */
export interface StatusSources {
  channels: ChannelDirectory;
  icecast?: Pick<IcecastOperations, 'stats'>;
  liquidsoap?: Pick<LiquidsoapOperations, 'uptime' | 'address'>;
  hls?: Pick<HlsOperations, 'check'>;
}

/**
 * Each source's own deadline, ms. Icecast's and Liquidsoap's are a little longer than their modules' own (5 s; 2 s
 * connect + 5 s reply), so the module's words say why first; HLS watches the edge for 1 to 1.5 target durations
 * (the hls module allows 25 s), so its deadline is the longest, still within a command's 30 s.
 */
export interface StatusDeadlines {
  channelsMs: number;
  icecastMs: number;
  liquidsoapMs: number;
  hlsMs: number;
}

export const STATUS_DEADLINES: StatusDeadlines = {
  channelsMs: 5_000,
  icecastMs: 6_000,
  liquidsoapMs: 8_000,
  hlsMs: 27_000,
};

/**
 * {@link STATUS_DEADLINES}, each cut to end 1 s before a command deadline of `commandMs` (config
 * `deadlines.command`), so a slow source is its own `unknown` line rather than the whole command's timeout.
 */
export function statusDeadlinesWithin(commandMs: number): StatusDeadlines {
  const cap = (ms: number) => Math.max(500, Math.min(ms, commandMs - 1000));
  const { channelsMs, icecastMs, liquidsoapMs, hlsMs } = STATUS_DEADLINES;
  return { channelsMs: cap(channelsMs), icecastMs: cap(icecastMs), liquidsoapMs: cap(liquidsoapMs), hlsMs: cap(hlsMs) };
}

/** Why a source is not asked, as the status line says it. */
export const NOT_CONFIGURED = {
  icecast: 'not configured (station.icecast.url)',
  hls: 'not configured (station.hls)',
  liquidsoap: 'not configured (station.liquidsoap)',
  /** A channel with `hls: false`: it writes no HLS, so there is nothing to check. */
  hlsOptedOut: 'not used (hls: false in station.channels)',
} as const;

/**
 * Probes the whole station: the channel list, Icecast's stats and Liquidsoap's uptime at once, then each
 * channel's HLS (which needs the list), all in parallel, each under its own deadline and `signal`. One source's
 * failure is that source's `{ unknown: why }` (a UserError's message, else the error's), never the probe's:
 * this never rejects. Pure of Slack and replies, so the on-air watcher can reuse it.
 */
export async function probeStationStatus(
  sources: StatusSources,
  options: { deadlines?: StatusDeadlines; signal?: AbortSignal; now?: () => number } = {},
): Promise<StationStatus> {
  const deadlines = options.deadlines ?? STATUS_DEADLINES;
  const { signal } = options;
  const checkedAt = new Date((options.now ?? Date.now)());
  const seconds = (ms: number) => `${ms / 1000} s`;
  const ask = sources.icecast;
  const icecast = ask
    ? settleWithin(
        (during) => ask.stats(during),
        deadlines.icecastMs,
        `Icecast did not answer within ${seconds(deadlines.icecastMs)}`,
        signal,
      )
    : Promise.resolve({ notConfigured: NOT_CONFIGURED.icecast });
  const liquidsoap = sources.liquidsoap;
  const encoder = liquidsoap
    ? settleWithin(
        async (during) => ({ address: liquidsoap.address, ...(await liquidsoap.uptime(during)) }),
        deadlines.liquidsoapMs,
        `Liquidsoap at ${liquidsoap.address} did not answer within ${seconds(deadlines.liquidsoapMs)}`,
        signal,
      )
    : Promise.resolve({ notConfigured: NOT_CONFIGURED.liquidsoap });
  const channelsSignal = AbortSignal.timeout(deadlines.channelsMs);
  const list = await sources.channels.list(signal ? AbortSignal.any([signal, channelsSignal]) : channelsSignal);
  const hls = sources.hls;
  const hlsCheck = (channel: StationChannel): Promise<ChannelStatus['hls']> => {
    if (channel.hls === false) return Promise.resolve({ notConfigured: NOT_CONFIGURED.hlsOptedOut });
    if (!hls) return Promise.resolve({ notConfigured: NOT_CONFIGURED.hls });
    return settleWithin(
      (during) => hls.check(channel, during),
      deadlines.hlsMs,
      `the HLS check did not finish within ${seconds(deadlines.hlsMs)}`,
      signal,
    );
  };
  const hlsChecks = list.channels.map(hlsCheck);
  const [stats, uptime, ...checks] = await Promise.all([icecast, encoder, ...hlsChecks]);
  const channels = list.channels.map((channel, index): ChannelStatus => ({
    channel,
    source: sourceOf(stats, channel),
    hls: checks[index] ?? { notConfigured: NOT_CONFIGURED.hls },
  }));
  const status = { checkedAt, list, icecast: stats, encoder: uptime, channels };
  return { ...status, verdict: statusVerdict(status) };
}

function sourceOf(stats: StationStatus['icecast'], channel: StationChannel): ChannelSource {
  if ('notConfigured' in stats)
    return { notConfigured: 'not checked: Icecast is not configured (station.icecast.url)' };
  if ('unknown' in stats) return { unknown: stats.unknown };
  const mount = mountOf(stats.value, channel);
  return mount ? { onAir: true, mount } : { onAir: false };
}
