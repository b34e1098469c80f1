import { formatDuration } from '../config/duration.js';
import type { ChannelHls, HlsOperations } from '../integrations/hls/hls-operations.js';
import type { IcecastOperations, IcecastStats } from '../integrations/icecast/icecast-operations.js';
import { utc } from '../alarms/alarm-card.js';
import type { StationChannel } from './channel-list.js';
import { mountOf } from './channel-on-air.js';
import type { Seen } from './on-air-tracker.js';

/** What one check of the station saw: Icecast itself, and per channel its source and its HLS. */
export interface StationObservation {
  icecast: Seen;
  channels: { channel: StationChannel; source: Seen; hls: Seen }[];
}

export interface ObserveDependencies {
  icecast: Pick<IcecastOperations, 'stats' | 'baseUrl'>;
  /** Absent when `station.hls` is not configured: HLS is then not judged. */
  hls?: Pick<HlsOperations, 'check'>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Asks Icecast for its mounts once and each channel's HLS, all in parallel with the modules' own deadlines
 * (`signal` ends them all). Never rejects: a source that could not be asked is `ok: undefined` with why.
 */
export async function observeStation(
  deps: ObserveDependencies,
  channels: readonly StationChannel[],
  signal?: AbortSignal,
): Promise<StationObservation> {
  const hls = deps.hls;
  const [stats, checked] = await Promise.all([
    deps.icecast.stats(signal).then(
      (value) => ({ value }),
      (error: unknown) => ({ error: reasonOf(error) }),
    ),
    Promise.all(
      // A channel with `hls: false` writes no HLS: nothing to read, nothing to judge.
      channels.map((channel) =>
        hls && channel.hls !== false
          ? hls.check(channel, signal).catch((error: unknown) => reasonOf(error))
          : undefined,
      ),
    ),
  ]);
  const icecast: Seen =
    'value' in stats
      ? { ok: true, detail: `Icecast at ${deps.icecast.baseUrl} answers` }
      : { ok: false, why: `Icecast at ${deps.icecast.baseUrl} did not answer: ${stats.error}` };
  return {
    icecast,
    channels: channels.map((channel, i) => ({
      channel,
      source: 'value' in stats ? sourceSeen(stats.value, channel) : { ok: undefined, why: icecast.why },
      hls: hlsSeen(channel.slug, checked[i]),
    })),
  };
}

/** On air while Icecast lists the channel's mount (a source is connected to it). */
function sourceSeen(stats: IcecastStats, channel: StationChannel): Seen {
  const mount = mountOf(stats, channel);
  if (!mount) return { ok: false, why: `${channel.slug} is off air: no source on ${channel.mount}` };
  const since = mount.streamStart ? ` since ${utc(mount.streamStart.toISOString())}` : '';
  return { ok: true, detail: `a source is on ${channel.mount}${since}` };
}

/**
 * Stale only when the HLS module judges it `critical` (not advanced for 3 target durations): at a check every
 * 30 s, `warn` (1.5) is often a sync that was merely late, and a real stall is critical by the next check.
 * `unknown` (no layer could be read, as for a channel without HLS) can't tell.
 */
function hlsSeen(slug: string, checked: ChannelHls | string | undefined): Seen {
  if (checked === undefined) return { ok: undefined };
  if (typeof checked === 'string') return { ok: undefined, why: checked };
  if (checked.verdict === 'unknown') return { ok: undefined };
  if (checked.verdict !== 'critical') return { ok: true, detail: 'its HLS advances' };
  const layer = checked.stale === 'edge' ? checked.edge : checked.origin;
  if ('unknown' in layer) return { ok: false, why: `${slug}'s HLS is stale` };
  const where = 'url' in layer ? layer.url : layer.object;
  const stalled = formatDuration(layer.notAdvancedForMs);
  return {
    ok: false,
    why: `${slug}'s HLS ${checked.stale ?? 'origin'} is stale: ${where} has not advanced for ${stalled} (target duration ${layer.targetDuration} s)`,
  };
}
