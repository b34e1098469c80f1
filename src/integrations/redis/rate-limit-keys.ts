/** Placeholders of `redis.rateLimitKey`, the station's key template (`rate_limit:user:{user_id}:{channel_id}`). */
const USER = '{user_id}';
const CHANNEL = '{channel_id}';

/**
 * Escapes the characters `SCAN MATCH` treats as glob syntax (`*`, `?`, `[`, `]`, `\`), so `U1*`
 * matches only the literal id `U1*`. Source: https://redis.io/docs/latest/commands/keys/ (pattern syntax).
 */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** The exact key of `userId` in `channelId`. */
export function rateLimitKey(template: string, userId: string, channelId: string): string {
  return template.split(USER).join(userId).split(CHANNEL).join(channelId);
}

/**
 * The `SCAN MATCH` pattern for every key of `userId` (any channel), or of everyone when `userId` is
 * undefined. The template's literal parts and the id are escaped; only the placeholders become `*`.
 */
export function rateLimitPattern(template: string, userId?: string): string {
  return template
    .split(USER)
    .map((part) => part.split(CHANNEL).map(escapeGlob).join('*'))
    .join(userId === undefined ? '*' : escapeGlob(userId));
}
