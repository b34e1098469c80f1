import { z } from 'zod';

/**
 * A listener id as the station's rate limiter writes it into `redis.rateLimitKey`: any characters but
 * whitespace and `:` (the key's separator). Glob characters (`U1*`) are allowed; they are escaped
 * before any `SCAN MATCH`.
 */
export const RateLimitUser = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s:]+$/, 'a user id without spaces or ":"');

/** A channel id as it appears in the key (`rap`, or the station's own id). */
export const RateLimitChannel = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s:]+$/, 'a channel id without spaces or ":"');
