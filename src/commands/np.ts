import type { IcecastMount } from '../integrations/icecast/icecast-operations.js';
import type { LiquidsoapMetadata } from '../integrations/liquidsoap/liquidsoap-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, heading, note, type ReplyPart } from '../pipeline/reply.js';
import type { StationChannel } from '../station/channel-list.js';
import { mountOf } from '../station/channel-on-air.js';
import { settleWithin, type Known } from '../station/settle-within.js';
import { channelsInScope, OptionalChannelArgs } from './channels-in-scope.js';
import { nowPlaying, unknownText } from './station-lines.js';

/** What Liquidsoap says the channel's output plays: its newest metadata chunk and the time left in the track. */
export interface OutputPlaying {
  /** `<output>.metadata`, newest chunk first; empty until the output sent one (after a reconnect: the next track). */
  metadata: Known<LiquidsoapMetadata[]>;
  /** `<output>.remaining`, seconds; undefined for an endless source. */
  remaining: Known<number | undefined>;
}

/** One channel's now playing. */
export interface ChannelPlaying {
  channel: StationChannel;
  /** The channel's mount in Icecast's stats, undefined while off air. */
  mount?: IcecastMount;
  /** Absent when Liquidsoap is not configured. */
  output?: OutputPlaying;
}

export interface NpResult {
  channels: ChannelPlaying[];
  listNote?: string;
}

/** Liquidsoap's reply deadline is 5 s: give each question that plus the 2 s connect. */
const LIQUIDSOAP_MS = 8_000;

/**
 * `np [channel]`: now playing on each channel (or one): the title as Icecast has it (what listeners see), and,
 * where Liquidsoap is configured, its output's newest metadata chunk and the time left in the track. Icecast's
 * failure fails the command (it is the answer); a Liquidsoap question that fails shows `unknown: <why>`.
 */
export const npCommand = defineCommand({
  name: 'np',
  usage: 'np [channel]',
  summary: "Now playing on every channel or one: Icecast's title and Liquidsoap's metadata",
  examples: ['np', 'np rap'],
  positional: ['channel'],
  flags: {},
  needs: ['channels', 'icecast'],
  args: OptionalChannelArgs,
  risk: () => 'read',
  async run({ args, integrations, signal }): Promise<NpResult> {
    const { channels, listNote } = await channelsInScope(args.channel, integrations.channels, signal);
    const { liquidsoap } = integrations;
    const ask = <T>(work: (signal: AbortSignal) => Promise<T>, what: string) =>
      settleWithin(work, LIQUIDSOAP_MS, `Liquidsoap did not answer \`${what}\` within 8 s`, signal);
    const [stats, ...outputs] = await Promise.all([
      integrations.icecast.stats(signal),
      ...channels.map(async (channel): Promise<OutputPlaying | undefined> => {
        if (!liquidsoap) return undefined;
        const [metadata, remaining] = await Promise.all([
          ask((s) => liquidsoap.metadata(channel.output, s), `${channel.output}.metadata`),
          ask((s) => liquidsoap.remaining(channel.output, s), `${channel.output}.remaining`),
        ]);
        return { metadata, remaining };
      }),
    ]);
    const playing = channels.map((channel, index): ChannelPlaying => {
      const mount = mountOf(stats, channel);
      const output = outputs[index];
      return { channel, ...(mount ? { mount } : {}), ...(output ? { output } : {}) };
    });
    return { channels: playing, ...(listNote ? { listNote } : {}) };
  },
  present({ channels, listNote }) {
    const summary = channels
      .map(({ channel, mount }) => `${channel.slug}: ${mount ? nowPlaying(mount) : 'off air'}`)
      .join('; ');
    return {
      summary: summary || 'No channels in the list',
      visibility: 'in_channel',
      parts: [...channels.flatMap(channelParts), ...(listNote ? [note(listNote, 'warning')] : [])],
    };
  },
});

function channelParts({ channel, mount, output }: ChannelPlaying): ReplyPart[] {
  const rows: [string, string][] = mount
    ? [['Title', nowPlaying(mount)]]
    : [['On air', `off air: no source connected to ${channel.mount}`]];
  if (output) rows.push(['Liquidsoap', metadataLine(output.metadata)], ['Remaining', remainingLine(output.remaining)]);
  return [heading(`${channel.slug} (${channel.mount})`, mount ? undefined : 'error'), fields(...rows)];
}

function metadataLine(metadata: OutputPlaying['metadata']): string {
  if ('unknown' in metadata) return unknownText(metadata.unknown);
  const newest = metadata.value[0];
  if (!newest) return 'no metadata sent yet (after a reconnect Liquidsoap sends it with the next track)';
  const shown = ['title', 'artist']
    .filter((key) => newest[key] !== undefined)
    .map((key) => `${key} ${JSON.stringify(newest[key])}`);
  return shown.join(', ') || 'a metadata chunk without title or artist';
}

function remainingLine(remaining: OutputPlaying['remaining']): string {
  if ('unknown' in remaining) return unknownText(remaining.unknown);
  return remaining.value === undefined
    ? 'unknown to Liquidsoap (an endless source)'
    : `${Math.round(remaining.value)} s`;
}
