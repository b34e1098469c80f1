// How the station's read commands (`status`, `np`, `listeners`, `mounts`) word a mount, a title and an unknown.
// Pure. Listener addresses are never part of anything here: Icecast's stats as read carry none.
import { hlsVerdictLine } from '../integrations/hls/hls-judge.js';
import type { ChannelHls, EdgeCheck, HlsUnknown, OriginCheck } from '../integrations/hls/hls-operations.js';
import type { IcecastMount } from '../integrations/icecast/icecast-operations.js';
import { messageInline, plainText } from '../pipeline/reply.js';

/** `unknown: <why>`, a message's code marks dropped (field and table values are plain text). */
export const unknownText = (why: string) => `unknown: ${plainText(messageInline(why))}`;

/**
 * Now playing as Icecast has it: `artist - title` when both are set (Ogg), else the title (MP3 carries one
 * string); `(no title)` when the source sent none. A title is shown as it is, `-` included.
 */
export function nowPlaying(mount: Pick<IcecastMount, 'title' | 'artist'>): string {
  if (mount.title === undefined && mount.artist === undefined) return '(no title)';
  if (mount.artist === undefined) return mount.title ?? '';
  return mount.title === undefined ? mount.artist : `${mount.artist} - ${mount.title}`;
}

/** `1 listener`, `3 listeners`. */
export const listenerCount = (count: number) => `${count} listener${count === 1 ? '' : 's'}`;

/** `audio/mpeg`, `application/ogg (Vorbis)`, `-` when the source sent no type. */
export const mountType = (mount: Pick<IcecastMount, 'contentType' | 'subtype'>) =>
  [mount.contentType ?? '-', mount.subtype ? `(${mount.subtype})` : undefined].filter(Boolean).join(' ');

/** `64 kbit/s`, `-` when the source does not say. */
export const bitrateText = (bitrate: number | undefined) => (bitrate === undefined ? '-' : `${bitrate} kbit/s`);

/** A short wait or stall: `0.4 s` (one decimal). */
const secondsText = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** The origin in one line: `fresh: rewritten 0.4 s ago, media sequence 123`. */
export function hlsOriginLine(origin: OriginCheck | HlsUnknown): string {
  if ('unknown' in origin) return unknownText(origin.unknown);
  const ended = origin.endList ? ', ended (#EXT-X-ENDLIST)' : '';
  return `${origin.verdict}: rewritten ${secondsText(origin.notAdvancedForMs)} ago, media sequence ${origin.mediaSequence}${ended}`;
}

/** The edge in one line: `fresh: advancing, media sequence 120 -> 121; Age 1 s`. */
export function hlsEdgeLine(edge: EdgeCheck | HlsUnknown): string {
  if ('unknown' in edge) return unknownText(edge.unknown);
  const sequences = edge.gets.map((get) => get.mediaSequence).join(' -> ') || String(edge.mediaSequence);
  const movement = edge.advanced ? 'advancing' : `not advanced for ${secondsText(edge.notAdvancedForMs)}`;
  const age = edge.age === undefined ? '' : `; Age ${edge.age} s`;
  return `${edge.verdict}: ${movement}, media sequence ${sequences}${age}`;
}

/** A channel's HLS verdict as `hls <channel>` and `status` both word it (see `hlsVerdictLine`). */
export const hlsVerdictText = (hls: ChannelHls) =>
  hlsVerdictLine(hls, { origin: !('unknown' in hls.origin), edge: !('unknown' in hls.edge) });
