/**
 * Parses `INFO` output into `field -> value`: sections (`# Memory`) and blank lines skipped, CRLF or
 * LF line endings, each line split at its first `:` (values such as `db0:keys=1,expires=0` keep theirs).
 * Source: https://redis.io/docs/latest/commands/info/
 */
export function parseRedisInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}
