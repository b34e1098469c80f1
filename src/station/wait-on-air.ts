import type { Clock } from '../alarms/clock.js';
import type { IcecastOperations } from '../integrations/icecast/icecast-operations.js';
import { sleepUnlessAborted } from '../integrations/hls/hls-deadline.js';
import type { ChannelDirectory } from './channel-directory.js';
import { mountOf } from './channel-on-air.js';

/** How often and how many times to look at Icecast's stats after a restart. */
export interface OnAirPolling {
  intervalMs: number;
  maxPolls: number;
}

/** What the last look saw: the channels whose mounts Icecast lists again, and those it does not (yet). */
export interface OnAirCheck {
  back: { slug: string; mount: string }[];
  missing: { slug: string; mount: string }[];
  polls: number;
  /** The last error reading Icecast's stats, when the last look failed (Icecast itself restarting). */
  lastError?: string;
}

/**
 * Looks at Icecast's stats every `intervalMs` until every channel's mount is on air again ({@link mountOf}), at most
 * `maxPolls` times: after a restart of Liquidsoap (the sources reconnect) or Icecast (it comes back, then they do).
 * A failed stats read counts as nothing back yet. Never rejects except when `signal` aborts.
 */
export async function waitOnAir(
  deps: { icecast: Pick<IcecastOperations, 'stats'>; channels: ChannelDirectory; clock: Clock },
  polling: OnAirPolling,
  signal: AbortSignal = new AbortController().signal,
): Promise<OnAirCheck> {
  const { channels } = await deps.channels.list(signal);
  let check: OnAirCheck = { back: [], missing: channels.map(({ slug, mount }) => ({ slug, mount })), polls: 0 };
  for (let poll = 1; poll <= polling.maxPolls; poll += 1) {
    await sleepUnlessAborted(deps.clock.sleep, polling.intervalMs, signal);
    try {
      const stats = await deps.icecast.stats(signal);
      const onAir = channels.filter((channel) => mountOf(stats, channel));
      check = {
        back: onAir.map(({ slug, mount }) => ({ slug, mount })),
        missing: channels.filter((channel) => !onAir.includes(channel)).map(({ slug, mount }) => ({ slug, mount })),
        polls: poll,
      };
    } catch (error) {
      signal.throwIfAborted();
      check = { ...check, polls: poll, lastError: error instanceof Error ? error.message : String(error) };
    }
    if (check.missing.length === 0 && !check.lastError) return check;
  }
  return check;
}
