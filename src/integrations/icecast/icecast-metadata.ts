import type { IcecastMount } from './icecast-operations.js';

/** The longest metadata text accepted, in characters (see {@link metadataTextProblem}). */
export const MAX_METADATA_CHARACTERS = 500;

const OGG_TYPES = new Set(['application/ogg', 'audio/ogg', 'application/x-ogg']);

/**
 * Why Icecast would not put metadata on this mount, or undefined when it would. Icecast updates in-stream
 * metadata only where a format plugin can write it: MP3 (ICY metadata) and Ogg with a single Vorbis stream
 * (src/format_vorbis.c); Opus, FLAC and WebM take none, and Icecast 2.4 still answers "successful" for an Ogg
 * with several codecs. Other `audio/*` types go through the MP3 plugin but are not MP3 (AAC): refused too.
 */
export function metadataRefusal(mount: IcecastMount): string | undefined {
  const type = mount.contentType;
  if (type === 'audio/mpeg') return undefined;
  if (type !== undefined && OGG_TYPES.has(type)) {
    if (mount.subtype === 'Vorbis') return undefined;
    return `\`${mount.mount}\` is Ogg ${mount.subtype ?? 'of unknown codecs'}: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.`;
  }
  return `\`${mount.mount}\` streams ${type ?? 'an unknown format'}: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.`;
}

/**
 * What is wrong with a metadata text, or undefined. Control characters (line breaks included) would go into
 * the stream's metadata block as they are; Icecast silently drops a block over 4,080 bytes (`MAX_META_LEN` in
 * src/format_mp3.c), and characters outside ISO-8859-1 grow to `&#8211;` on the way, hence a bound in characters.
 */
export function metadataTextProblem(song: string): string | undefined {
  if (song.trim() === '') return 'The metadata text is empty.';
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(song)) {
    return 'The metadata text contains a control character (a line break, a tab): it must be one line of text.';
  }
  if ([...song].length > MAX_METADATA_CHARACTERS) {
    return `The metadata text is longer than ${MAX_METADATA_CHARACTERS} characters.`;
  }
  return undefined;
}

/** What is wrong with a mount name, or undefined: a leading slash and printable characters only. */
export function mountProblem(mount: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (!mount.startsWith('/') || /[\u0000-\u0020\u007f]/.test(mount))
    return `\`${mount}\` is not an Icecast mount like /rap.mp3.`;
  return undefined;
}
