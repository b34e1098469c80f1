import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { ChannelSlug } from '../config/station-config.js';
import { notAdvancingWord } from '../integrations/hls/hls-judge.js';
import type { ChannelHls, EdgeCheck, HlsUnknown, OriginCheck } from '../integrations/hls/hls-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, messageInline, note, plainText, text, type Tone } from '../pipeline/reply.js';
import { channelNamed } from './channel-named.js';
import { hlsVerdictText } from './station-lines.js';
import { utcWithAge } from './utc-with-age.js';

const Args = z.object({
  channel: z
    .string()
    .transform((slug) => slug.toLowerCase())
    .pipe(ChannelSlug),
});

/** What `hls` checked: both layers of one channel, and where it looked. */
export interface HlsResult extends ChannelHls {
  /** `s3://<bucket>/<hlsPath><playlist>`. */
  object: string;
  /** `<edgeUrl>/<hlsPath><playlist>`. */
  url: string;
  /** Why the channel list is not the station database's of just now (see `staleChannelsNote`). */
  listNote?: string;
}

const TONE: Record<ChannelHls['verdict'], Tone> = {
  fresh: 'success',
  warn: 'warning',
  critical: 'error',
  unknown: 'warning',
};

/**
 * `hls <channel>`: which HLS layer of a channel is stale, judged by its media sequence advancing: the origin
 * (the playlist object in S3: `LastModified`, `#EXT-X-MEDIA-SEQUENCE`) and the edge (the public playlist, GET
 * one target duration apart). Warn at 1.5 and critical at 3 target durations without advancing.
 */
export const hlsCommand = defineCommand({
  name: 'hls',
  usage: 'hls <channel>',
  summary: 'Which HLS layer of a channel is stale: the S3 origin or the CloudFront edge',
  examples: ['hls rap'],
  positional: ['channel'],
  flags: {},
  needs: ['hls', 'channels'],
  args: Args,
  risk: () => 'read',
  async run({ args, integrations, signal }): Promise<HlsResult> {
    const { channel, listNote } = await channelNamed(args.channel, integrations.channels, signal);
    const { hls } = integrations;
    const checked = await hls.check(channel);
    const where = { object: `s3://${hls.bucket}/${hls.originKey(channel)}`, url: hls.edgeUrlOf(channel) };
    return { ...checked, ...where, ...(listNote ? { listNote } : {}) };
  },
  present(result) {
    const stale = result.stale ? `, the ${result.stale} is ${notAdvancingWord(result.verdict)}` : '';
    return {
      summary: `HLS of ${result.slug}: ${result.verdict}${stale}`,
      visibility: 'in_channel',
      parts: [
        text(hlsVerdictText(result), TONE[result.verdict]),
        fields(
          ['Origin', originLine(result.origin, result.checkedAt)],
          ['Edge', edgeLine(result.edge)],
          ['Playlist object', result.object],
          ['Playlist URL', result.url],
        ),
        ...(result.listNote ? [note(result.listNote, 'warning')] : []),
      ],
    };
  },
});

/** `unknown: <why>`, the message's code marks dropped (a field value is plain text). */
const unknownLine = (layer: HlsUnknown) => `unknown: ${plainText(messageInline(layer.unknown))}`;

function originLine(origin: OriginCheck | HlsUnknown, checkedAt: Date): string {
  if ('unknown' in origin) return unknownLine(origin);
  const ended = origin.endList ? ', ended (#EXT-X-ENDLIST)' : '';
  return `${origin.verdict}: media sequence ${origin.mediaSequence}, target duration ${origin.targetDuration} s, last modified ${utcWithAge(origin.lastModified, checkedAt)}${ended}`;
}

function edgeLine(edge: EdgeCheck | HlsUnknown): string {
  if ('unknown' in edge) return unknownLine(edge);
  const sequences = edge.gets.map((get) => get.mediaSequence).join(' -> ') || String(edge.mediaSequence);
  const watched = edge.gets.length > 1 ? (edge.gets.at(-1)?.at.getTime() ?? 0) - (edge.gets[0]?.at.getTime() ?? 0) : 0;
  const movement = edge.advanced ? 'advancing' : `not advanced for ${duration(edge.notAdvancedForMs)}`;
  const headers = [
    edge.age !== undefined ? `Age ${edge.age} s` : undefined,
    edge.cacheControl !== undefined ? `Cache-Control ${edge.cacheControl}` : undefined,
    edge.xCache !== undefined ? `X-Cache ${edge.xCache}` : undefined,
  ].filter((header) => header !== undefined);
  return `${edge.verdict}: media sequence ${sequences} over ${duration(watched)}, ${movement}, target duration ${edge.targetDuration} s${headers.length ? `; ${headers.join(', ')}` : ''}`;
}

/** A stall or a watch as people compare it with target durations: `1.5 s` under a minute, else `3m 12s`. */
const duration = (ms: number) => (ms < 60_000 ? `${Number((ms / 1000).toFixed(1))} s` : formatDuration(ms));
