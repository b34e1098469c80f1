import type { IcecastMount } from '../integrations/icecast/icecast-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import type { StationChannel } from '../station/channel-list.js';
import { mountOf } from '../station/channel-on-air.js';
import { channelsInScope, OptionalChannelArgs } from './channels-in-scope.js';
import { listenerCount } from './station-lines.js';

/** A row: a channel (its mount, or none while off air), or a mount Icecast lists that no channel uses. */
export interface ListenerRow {
  slug?: string;
  mount: string;
  /** Undefined while the channel is off air. */
  listeners?: number;
  listenerPeak?: number;
}

export interface ListenersResult {
  /** The channel asked for; absent for the whole station. */
  channel?: string;
  rows: ListenerRow[];
  /** The sum of `listeners` over the rows' mounts. */
  total: number;
  listNote?: string;
}

/**
 * `listeners [channel]`: listeners now and the peak since the source connected, per mount (Icecast's `listeners`
 * and `listener_peak`); the station's total is the sum over every mount Icecast lists, channels or not. Peaks
 * are not added up: each mount's happened at its own time. Listeners' addresses are never read.
 */
export const listenersCommand = defineCommand({
  name: 'listeners',
  usage: 'listeners [channel]',
  summary: 'Listeners now and peak, per mount, and the total over all mounts',
  examples: ['listeners', 'listeners rap'],
  positional: ['channel'],
  flags: {},
  needs: ['channels', 'icecast'],
  args: OptionalChannelArgs,
  risk: () => 'read',
  async run({ args, integrations, signal }): Promise<ListenersResult> {
    const { channels, listNote } = await channelsInScope(args.channel, integrations.channels, signal);
    const stats = await integrations.icecast.stats(signal);
    const rows = channels.map((channel) => channelRow(channel, mountOf(stats, channel)));
    if (args.channel === undefined) {
      const channelMounts = new Set(channels.map((channel) => channel.mount));
      rows.push(
        ...stats.mounts.filter((mount) => !channelMounts.has(mount.mount)).map((mount) => channelRow(undefined, mount)),
      );
    }
    const total = rows.reduce((sum, row) => sum + (row.listeners ?? 0), 0);
    return { ...(args.channel ? { channel: args.channel } : {}), rows, total, ...(listNote ? { listNote } : {}) };
  },
  present({ channel, rows, total, listNote }) {
    const onAir = rows.filter((row) => row.listeners !== undefined).length;
    const summary =
      channel !== undefined
        ? `${channel}: ${rows[0]?.listeners === undefined ? 'off air' : `${listenerCount(rows[0].listeners)} now`}`
        : `${listenerCount(total)} on ${onAir} mount${onAir === 1 ? '' : 's'}`;
    return {
      summary,
      visibility: 'in_channel',
      parts: [
        table(
          ['Channel', 'Mount', 'Listeners', 'Peak'],
          rows.map((row) => [
            row.slug ?? '(not a channel)',
            row.mount,
            row.listeners === undefined ? 'off air' : String(row.listeners),
            row.listenerPeak === undefined ? '-' : String(row.listenerPeak),
          ]),
        ),
        ...(channel === undefined
          ? [text(`Total: ${listenerCount(total)} now, over ${onAir} mount${onAir === 1 ? '' : 's'}.`)]
          : []),
        note('Peak: the most listeners at once since the source connected to the mount.'),
        ...(listNote ? [note(listNote, 'warning')] : []),
      ],
    };
  },
});

function channelRow(channel: StationChannel | undefined, mount: IcecastMount | undefined): ListenerRow {
  return {
    ...(channel ? { slug: channel.slug } : {}),
    mount: mount?.mount ?? channel?.mount ?? '-',
    ...(mount ? { listeners: mount.listeners, listenerPeak: mount.listenerPeak } : {}),
  };
}
