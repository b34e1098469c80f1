import { z } from 'zod';
import type { IcecastMount } from '../integrations/icecast/icecast-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, heading, note, text, type ReplyPart, type Tone } from '../pipeline/reply.js';
import {
  probeStationStatus,
  statusDeadlinesWithin,
  type ChannelStatus,
  type StationStatus,
} from '../station/station-status.js';
import type { StatusVerdict } from '../station/status-verdict.js';
import { staleChannelsNote } from './channel-list-notes.js';
import { hlsEdgeLine, hlsOriginLine, hlsVerdictText, listenerCount, nowPlaying, unknownText } from './station-lines.js';
import { utcWithAge } from './utc-with-age.js';

const TONE: Record<StatusVerdict['severity'], Tone> = { ok: 'success', warning: 'warning', critical: 'error' };

/**
 * `status`: the whole station on one screen. Per channel: on air (a source connected to its Icecast mount, since
 * `stream_start`), listeners now and peak, now playing, HLS freshness at the origin and the edge; then Icecast,
 * the encoder's uptime (Liquidsoap) and one verdict line. Every source is asked at once with its own deadline
 * (`probeStationStatus`); one that fails shows `unknown: <why>`. Liquidsoap and HLS are optional: where the YAML
 * does not set them up, their lines say "not configured" instead of refusing the whole command; so does Icecast
 * (the channels' on-air lines then say they were not checked).
 */
export const statusCommand = defineCommand({
  name: 'status',
  usage: 'status',
  summary: 'The whole station: on air, listeners, now playing, HLS, encoder; one verdict',
  examples: ['status'],
  positional: [],
  flags: {},
  needs: ['channels'],
  args: z.object({}),
  risk: () => 'read',
  run: ({ integrations, signal, config }): Promise<StationStatus> =>
    probeStationStatus(
      {
        channels: integrations.channels,
        ...(integrations.icecast ? { icecast: integrations.icecast } : {}),
        ...(integrations.liquidsoap ? { liquidsoap: integrations.liquidsoap } : {}),
        ...(integrations.hls ? { hls: integrations.hls } : {}),
      },
      { deadlines: statusDeadlinesWithin(config.deadlines.command), ...(signal ? { signal } : {}) },
    ),
  present(status) {
    const listNote = staleChannelsNote(status.list);
    const icecast =
      'notConfigured' in status.icecast
        ? status.icecast.notConfigured
        : 'unknown' in status.icecast
          ? unknownText(status.icecast.unknown)
          : icecastLine(status.icecast.value.serverId, status.icecast.value.mounts);
    const encoder =
      'notConfigured' in status.encoder
        ? status.encoder.notConfigured
        : 'unknown' in status.encoder
          ? unknownText(status.encoder.unknown)
          : `Liquidsoap at ${status.encoder.value.address}, up ${status.encoder.value.text}`;
    const icecastNote = 'value' in status.icecast ? status.icecast.value.note : undefined;
    return {
      summary: status.verdict.sentence,
      visibility: 'in_channel',
      parts: [
        ...status.channels.flatMap((channel) => channelParts(channel, status.checkedAt)),
        fields(['Icecast', icecast], ['Encoder', encoder]),
        ...(icecastNote ? [note(icecastNote, 'warning')] : []),
        ...(listNote ? [note(listNote, 'warning')] : []),
        text(status.verdict.sentence, TONE[status.verdict.severity]),
      ],
    };
  },
});

function channelParts({ channel, source, hls }: ChannelStatus, checkedAt: Date): ReplyPart[] {
  const mount = 'onAir' in source && source.onAir ? source.mount : undefined;
  const onAir =
    'notConfigured' in source
      ? source.notConfigured
      : 'unknown' in source
        ? unknownText(source.unknown)
        : mount
          ? mount.streamStart
            ? `since ${utcWithAge(mount.streamStart, checkedAt)}`
            : 'yes'
          : `off air: no source connected to ${channel.mount}`;
  const unread =
    'unknown' in source ? 'unknown (Icecast could not be read)' : 'notConfigured' in source ? '-' : undefined;
  const tone: Tone | undefined =
    'onAir' in source && !source.onAir ? 'error' : 'unknown' in source ? 'warning' : undefined;
  const rows: [string, string][] = [
    ['On air', onAir],
    ['Listeners', unread ?? (mount ? `${mount.listeners} now, peak ${mount.listenerPeak}` : '0 (off air)')],
    ['Now playing', unread ?? (mount ? nowPlaying(mount) : '-')],
    ...hlsRows(hls),
  ];
  return [heading(`${channel.slug} (${channel.mount})`, tone), fields(...rows)];
}

function hlsRows(hls: ChannelStatus['hls']): [string, string][] {
  if ('notConfigured' in hls) return [['HLS', hls.notConfigured]];
  if ('unknown' in hls) return [['HLS', unknownText(hls.unknown)]];
  const checked = hls.value;
  return [
    ['HLS', hlsVerdictText(checked)],
    ['HLS origin', hlsOriginLine(checked.origin)],
    ['HLS edge', hlsEdgeLine(checked.edge)],
  ];
}

/** `Icecast 2.4.4: 2 mounts, 3 listeners in all` (the sum over every mount listed, channels or not). */
function icecastLine(serverId: string, mounts: readonly IcecastMount[]): string {
  const listeners = mounts.reduce((sum, mount) => sum + mount.listeners, 0);
  return `${serverId || 'Icecast'}: ${mounts.length} mount${mounts.length === 1 ? '' : 's'}, ${listenerCount(listeners)} in all`;
}
