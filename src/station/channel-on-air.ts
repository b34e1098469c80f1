import type { ChannelConfig } from '../config/station-config.js';
import type { IcecastMount, IcecastStats } from '../integrations/icecast/icecast-operations.js';

/**
 * The channel's mount in Icecast's stats while it is on air, else undefined. A channel is on air while a source
 * is connected to its mount: Icecast lists only such mounts (a mount with a fallback and no source of its own is
 * not listed as itself). Pure; shared by `status`, `np`, `listeners` and the on-air watcher.
 */
export function mountOf(stats: IcecastStats, channel: Pick<ChannelConfig, 'mount'>): IcecastMount | undefined {
  return stats.mounts.find((mount) => mount.mount === channel.mount);
}
