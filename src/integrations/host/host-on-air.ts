import type { Observation } from '../../operations/operation-poller.js';
import type { ChannelDirectory } from '../../station/channel-directory.js';
import { mountOf } from '../../station/channel-on-air.js';
import type { IcecastOperations } from '../icecast/icecast-operations.js';

/** What the on-air check after a resize or rebuild reads; absent where Icecast or the channel list is not set up. */
export interface OnAirReaders {
  icecast: Pick<IcecastOperations, 'stats'>;
  channels: Pick<ChannelDirectory, 'list'>;
}

/** The readers from the process's integrations, when both are set up. */
export function onAirReaders(integrations: {
  icecast?: Pick<IcecastOperations, 'stats'>;
  channels?: Pick<ChannelDirectory, 'list'>;
}): OnAirReaders | undefined {
  const { icecast, channels } = integrations;
  return icecast && channels ? { icecast, channels } : undefined;
}

const NOT_CHECKED = 'on air not checked: Icecast or the channel list is not set up in this process';
const named = (items: { slug: string; mount: string }[]) => items.map((c) => `${c.slug} (${c.mount})`).join(', ');

/**
 * One look at Icecast after the host is running again (the poller looks again on its next tick, so a look
 * never waits): done once every channel's mount is listed (src/station/channel-on-air.ts), else what is missing.
 * `what` is what was done to the host (`resized`, `rebuilt`), for the final line.
 */
export async function onAirLook(station: OnAirReaders | undefined, seen: string, what: string): Promise<Observation> {
  if (!station) return { state: seen, done: true, detail: `${what} and running; ${NOT_CHECKED}` };
  const { channels } = await station.channels.list();
  let stats;
  try {
    stats = await station.icecast.stats();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { state: `${seen}: waiting for the mounts (Icecast: ${reason})`, done: false };
  }
  const missing = channels.filter((channel) => !mountOf(stats, channel));
  if (missing.length) return { state: `${seen}: waiting for the mounts; not on air: ${named(missing)}`, done: false };
  return { state: seen, done: true, detail: `${what}, running and on air: ${named(channels)}` };
}
