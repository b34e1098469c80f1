import { UserError } from '../pipeline/user-error.js';

/** Characters of a prefix `s3 prefix create` accepts: what slugs, dates and file-like names use. */
const SAFE = /^[A-Za-z0-9._/-]+$/;
/** S3 keys are at most 1,024 bytes of UTF-8 (these characters are one byte each). */
const MAX_KEY = 1024;

/**
 * The "folder" key for `prefix`: the prefix with a trailing `/` (added when missing), checked against the
 * allow-listed top-level `roots` (`s3.prefixRoots`, like `audio/`). Pure.
 *
 * @throws UserError `usage` for a leading `/`, a `..` or `.` segment, an empty segment (`//`), characters other
 *   than letters, digits, `.`, `_`, `-` and `/`, a key over 1,024 bytes, or a prefix not strictly under one root.
 */
export function folderKey(prefix: string, roots: readonly string[]): string {
  if (prefix.startsWith('/')) throw new UserError('usage', 'A key prefix has no leading `/` (like audio/electro/).');
  const key = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const segments = key.slice(0, -1).split('/');
  if (segments.includes('..') || segments.includes('.'))
    throw new UserError('usage', 'A key prefix has no `..` or `.` segments: name the folder itself.');
  if (segments.includes('')) throw new UserError('usage', 'A key prefix has no empty segments (`//`).');
  if (!SAFE.test(key))
    throw new UserError('usage', 'A key prefix is letters, digits, `.`, `_`, `-` and `/` (like audio/80s-hits/).');
  if (key.length > MAX_KEY) throw new UserError('usage', `A key is at most ${MAX_KEY} bytes.`);
  if (!roots.some((root) => key.startsWith(root) && key.length > root.length)) {
    const allowed = roots.map((root) => `\`${root}\``).join(', ') || 'nothing (s3.prefixRoots is empty)';
    throw new UserError('usage', `\`s3 prefix create\` creates prefixes under ${allowed} only (s3.prefixRoots).`);
  }
  return key;
}
