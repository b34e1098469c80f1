import { z } from 'zod';
import type { IcecastStats } from '../integrations/icecast/icecast-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import type { StationChannel } from '../station/channel-list.js';
import { staleChannelsNote } from './channel-list-notes.js';
import { bitrateText, mountType, nowPlaying } from './station-lines.js';
import { utcWithAge } from './utc-with-age.js';

export interface MountsResult {
  /** Icecast's base URL (without credentials). */
  server: string;
  stats: IcecastStats;
  /** The station's channels, to say which mount is whose and which channel has none listed. */
  channels: StationChannel[];
  /** When the stats were read: `stream_start` ages are relative to it. */
  at: Date;
  listNote?: string;
}

/**
 * `mounts`: every mount Icecast lists (a source is connected to each), channels or not: content type and Ogg
 * codecs (`server_type`, `subtype`), bitrate, listeners, `stream_start` and which channel it is. Channels whose
 * mount is not listed are off air, and said so. Listeners' addresses are never read.
 */
export const mountsCommand = defineCommand({
  name: 'mounts',
  usage: 'mounts',
  summary: 'Every mount Icecast lists: type, bitrate, listeners, stream start, which channel',
  examples: ['mounts'],
  positional: [],
  flags: {},
  needs: ['channels', 'icecast'],
  args: z.object({}),
  risk: () => 'read',
  async run({ integrations, signal }): Promise<MountsResult> {
    const [list, stats] = await Promise.all([integrations.channels.list(signal), integrations.icecast.stats(signal)]);
    const listNote = staleChannelsNote(list);
    return {
      server: integrations.icecast.baseUrl,
      stats,
      channels: list.channels,
      at: new Date(),
      ...(listNote ? { listNote } : {}),
    };
  },
  present({ server, stats, channels, at, listNote }) {
    const slugOf = (mount: string) => channels.find((channel) => channel.mount === mount)?.slug ?? '(not a channel)';
    const listed = new Set(stats.mounts.map((mount) => mount.mount));
    const offAir = channels.filter((channel) => !listed.has(channel.mount));
    const count = `${stats.mounts.length} mount${stats.mounts.length === 1 ? '' : 's'}`;
    return {
      summary: stats.mounts.length ? `${count} on Icecast` : 'Icecast lists no mounts: no source is connected',
      visibility: 'in_channel',
      parts: [
        stats.mounts.length
          ? table(
              ['Mount', 'Channel', 'Type', 'Bitrate', 'Listeners', 'Peak', 'Stream start', 'Title'],
              stats.mounts.map((mount) => [
                mount.mount,
                slugOf(mount.mount),
                mountType(mount),
                bitrateText(mount.bitrate),
                String(mount.listeners),
                String(mount.listenerPeak),
                utcWithAge(mount.streamStart, at),
                nowPlaying(mount),
              ]),
            )
          : text(`Icecast at ${server} lists no mounts: no source is connected to any.`, 'warning'),
        ...(offAir.length
          ? [
              note(
                `Off air (no source on their mount): ${offAir.map((channel) => `${channel.slug} (${channel.mount})`).join(', ')}.`,
                'error',
              ),
            ]
          : []),
        ...(stats.note ? [note(stats.note, 'warning')] : []),
        ...(listNote ? [note(listNote, 'warning')] : []),
      ],
    };
  },
});
