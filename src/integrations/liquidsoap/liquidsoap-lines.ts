import { posix } from 'node:path';
import { ChannelSlug } from '../../config/station-config.js';
import { UserError } from '../../pipeline/user-error.js';

/** A source or output id as the server prefixes commands with it (the config's `LiquidsoapId`). */
const ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
/** C0 controls (CR and LF among them: the server splits lines on either), DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Half a UTF-16 pair: not text, and UTF-8 would send U+FFFD instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A metadata key for `insert` (annotate's unquoted keys are identifiers). */
const KEY = /^[a-z][a-z0-9_]{0,31}$/;
/**
 * Liquidsoap's protocols (2.1.3's `--list-plugins`, 2.4's additions), matched case-insensitively as the server
 * does. A request URI whose text carries one anywhere is refused: `annotate:…:<uri>` and `process:` re-resolve
 * what follows, and none of them belongs inside a file path.
 */
const PROTOCOLS =
  /(^|[^a-z0-9_+-])(annotate|process|https?|ffmpeg|file|gtts|mpd|polly|replaygain|say|stereo|synth|text2wave|tmp|youtube-dl|youtube-pl|s3):/i;
/** A leading `scheme://` (`s3://bucket/…`): allowed only as part of an allow-list prefix. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `%2e` `%2f` `%5c` `%25` in any case: a `.`, `/`, `\` or `%` hidden from the `..` check. */
const ENCODED_PATH_CHARACTER = /%(2e|2f|5c|25)/i;
const MAX_URI = 1024;
const MAX_TEXT = 512;

/** The id, checked; `what` names it in the error (`output`, `queue`). @throws UserError `usage`. */
export function liquidsoapId(id: string, what: string): string {
  if (!ID.test(id))
    throw new UserError('usage', `Not a Liquidsoap ${what} id: letters, digits, _ . - (like rap_queue).`);
  return id;
}

/** One command line, built by this module from allow-listed verbs and validated values only. */
export interface LiquidsoapLine {
  /** The line without its newline: `rap.skip`, `rap_queue.push /srv/audio/a.mp3`. */
  text: string;
  /** The command's name for messages (`rap_queue.push`): never the person's value. */
  command: string;
  /** Whether it changes something: once sent, a missing answer means "may have happened", not "nothing changed". */
  write: boolean;
}

/** A line that reads: `<id>.<verb>` or a bare builtin (`help`, `version`). */
export const readLine = (command: string): LiquidsoapLine => ({ text: command, command, write: false });

/** A line that changes something, with its argument already validated. */
export const writeLine = (command: string, argument?: string): LiquidsoapLine => ({
  text: argument === undefined ? command : `${command} ${argument}`,
  command,
  write: true,
});

/** Refuses CR, LF and every other control character, lone surrogates, and text longer than `max`. @throws UserError `usage`. */
function plainText(value: string, what: string, max: number): string {
  if (CONTROL.test(value)) throw new UserError('usage', `The ${what} contains a line break or control character.`);
  if (LONE_SURROGATE.test(value)) throw new UserError('usage', `The ${what} is not valid Unicode text.`);
  if (value.length > max) throw new UserError('usage', `The ${what} is longer than ${max} characters.`);
  return value;
}

/**
 * A string literal by Liquidsoap's own rules (`string.quote`, src/tools/utils.ml `quote_utf8_string`): in double
 * quotes, `\` and `"` escaped with a backslash, other text (UTF-8) as it is. Control characters are refused
 * before, never escaped: the server splits lines before any parsing sees an escape.
 */
export function quoteLiquidsoapString(value: string, what = 'text'): string {
  return `"${plainText(value, what, MAX_TEXT).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `key1="v1",key2="v2"` for `<id>.insert` (server.insert_metadata, parsed as `annotate:` metadata). @throws UserError `usage`. */
export function metadataArgument(fields: Readonly<Record<string, string>>): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) throw new UserError('usage', 'No metadata to insert.');
  return entries
    .map(([key, value]) => {
      if (!KEY.test(key))
        throw new UserError('usage', `Not a metadata key: lower-case letters, digits and _ (like title).`);
      return `${key}=${quoteLiquidsoapString(value, `${key} metadata`)}`;
    })
    .join(',');
}

/** Whether `uri` is under `prefix`: equal, or past the prefix at a `/` (so `/srv/audio` never admits `/srv/audio-private/`). */
function under(uri: string, prefix: string): boolean {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return uri.startsWith(base);
}

/**
 * The URI a `push` may send, normalised, or a UserError `usage`/`denied` saying why not. In order: control
 * characters and surrounding blanks; percent-encoded `.`, `/`, `\` or `%`; `..` path segments; `process:`, `http:`, `https:` (never, whatever
 * the allow-list says); any nested protocol (`annotate:` and the rest, anywhere); then a local path is
 * normalised (`//` and `/./` collapsed) and the result must start with one of `allowList`'s prefixes.
 *
 * 2.1.3's `push` takes the rest of the line as the URI, unquoted (libs/request.liq: `request.create(uri)`): a
 * quoted path would be looked up with its quotes. So the URI goes on the line as it is, and what makes it safe is
 * this validation. Sources: src/request.ml (`parse_uri`, `resolve`), libs/request.liq at v2.1.3.
 */
export function pushUri(raw: string, allowList: readonly string[]): string {
  const uri = plainText(raw, 'URI', MAX_URI);
  if (uri === '' || uri.trim() !== uri)
    throw new UserError('usage', 'The URI is empty or starts or ends with a blank.');
  const scheme = SCHEME.exec(uri)?.[0] ?? '';
  const rest = uri.slice(scheme.length);
  // A decoding step anywhere downstream (an S3 key, a URL-decoding resolver) would turn `%2e%2e` into `..`:
  // encoded `.`, `/`, `\` and `%` (double encoding) are refused rather than decoded.
  if (ENCODED_PATH_CHARACTER.test(uri))
    throw new UserError(
      'denied',
      'The URI has a percent-encoded `.`, `/`, `\\` or `%`: name the file with plain characters.',
    );
  if (rest.split('/').includes('..'))
    throw new UserError('denied', 'The URI has a `..` path segment: name the file itself.');
  if (/^(process|https?):/i.test(uri)) {
    throw new UserError('denied', '`push` never sends `process:`, `http:` or `https:` URIs to Liquidsoap.');
  }
  if (PROTOCOLS.test(rest)) {
    throw new UserError(
      'denied',
      'The URI carries a Liquidsoap protocol (`annotate:`, `process:`, …): `push` sends plain paths.',
    );
  }
  const normalised = scheme === '' && uri.startsWith('/') ? posix.normalize(uri) : uri;
  if (!allowList.some((prefix) => under(normalised, prefix))) {
    const allowed = allowList.length
      ? allowList.map((p) => `\`${p}\``).join(', ')
      : 'nothing (station.pushAllowList is empty)';
    throw new UserError('denied', `\`push\` accepts URIs under ${allowed} only.`);
  }
  return normalised;
}

/**
 * The station's create-channel line: `template` (config `station.liquidsoap.createChannel`, checked at start)
 * with `"{slug}"` replaced by the slug as a quoted Liquidsoap string and every other `{slug}` by the slug itself.
 * The slug is a channel slug (`[a-z0-9][a-z0-9-]*`), so it needs no escaping either way; nothing else is put in.
 * @throws UserError `usage` when `slug` is not a channel slug.
 */
export function createChannelLine(template: string, slug: string): LiquidsoapLine {
  if (!ChannelSlug.safeParse(slug).success)
    throw new UserError('usage', 'Not a channel slug: lower-case letters, digits and - (like electro or 80s-hits).');
  const text = template.replaceAll('"{slug}"', quoteLiquidsoapString(slug, 'slug')).replaceAll('{slug}', slug);
  return { text, command: template.split(' ')[0] as string, write: true };
}
