/**
 * What a freshness check reads from an HLS media playlist (RFC 8216, https://www.rfc-editor.org/rfc/rfc8216).
 * A live playlist advances: each new version drops old segments from the top (raising `mediaSequence`) or adds
 * some at the bottom, so `lastSequence` changes whenever the encoder has written a segment.
 */
export interface MediaPlaylist {
  /** `#EXT-X-MEDIA-SEQUENCE`: the number of the first segment listed; 0 when the tag is absent (RFC 8216 4.3.3.2). */
  mediaSequence: number;
  /** `#EXT-X-TARGETDURATION`: the longest segment, seconds (a whole number, at least 1). */
  targetDuration: number;
  /** Segments listed (`#EXTINF` lines). */
  segments: number;
  /** The number of the newest segment listed: `mediaSequence + segments - 1`. */
  lastSequence: number;
  /** `#EXT-X-ENDLIST`: the encoder has finished this playlist; it will never advance again. */
  endList: boolean;
}

/** A playlist that can't be judged; the message says why, for `unknown: <why>`. */
export class PlaylistError extends Error {
  override name = 'PlaylistError';
}

const DECIMAL_INTEGER = /^\d{1,15}$/;

/**
 * Parses the text of a media playlist, CRLF or LF line ends (Liquidsoap 2.1.3 writes CRLF), a BOM tolerated.
 * @throws PlaylistError when it is not an HLS playlist, is a master playlist (`#EXT-X-STREAM-INF`), or lacks a
 *   usable `#EXT-X-TARGETDURATION` (required in a media playlist, RFC 8216 4.3.3.1) or media sequence number.
 */
export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') throw new PlaylistError('not an HLS playlist (its first line is not #EXTM3U)');
  let targetDuration: number | undefined;
  let mediaSequence = 0;
  let segments = 0;
  let endList = false;
  for (const line of lines) {
    const [tag, value = ''] = splitTag(line);
    if (tag === '#EXT-X-STREAM-INF') {
      throw new PlaylistError('this is a master playlist (#EXT-X-STREAM-INF), not the media playlist');
    } else if (tag === '#EXT-X-TARGETDURATION') {
      if (!DECIMAL_INTEGER.test(value) || Number(value) < 1)
        throw new PlaylistError(`${line} is not a target duration`);
      targetDuration = Number(value);
    } else if (tag === '#EXT-X-MEDIA-SEQUENCE') {
      if (!DECIMAL_INTEGER.test(value)) throw new PlaylistError(`${line} is not a media sequence number`);
      mediaSequence = Number(value);
    } else if (tag === '#EXTINF') {
      segments += 1;
    } else if (tag === '#EXT-X-ENDLIST') {
      endList = true;
    }
  }
  if (targetDuration === undefined) throw new PlaylistError('the playlist has no #EXT-X-TARGETDURATION');
  return { mediaSequence, targetDuration, segments, lastSequence: mediaSequence + segments - 1, endList };
}

/** `#TAG:value` as `[tag, value]`; a line without a colon is `[line]`. */
function splitTag(line: string): [string, string?] {
  const colon = line.indexOf(':');
  return colon < 0 ? [line] : [line.slice(0, colon), line.slice(colon + 1)];
}
