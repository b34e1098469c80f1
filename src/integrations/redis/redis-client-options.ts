import type { RedisOptions } from 'ioredis';

/**
 * Options the station's Redis client is built with, next to the `REDIS_URL` ioredis parses
 * (`rediss://` for TLS, `:token@` for AUTH, `/2` for the database). Connects on first use, so a
 * process that never touches Redis never connects; a command fails in seconds, not minutes, when
 * Redis is unreachable. Source: https://github.com/redis/ioredis/blob/main/lib/redis/RedisOptions.ts
 */
export function redisClientOptions(): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: 5_000,
    commandTimeout: 15_000,
    maxRetriesPerRequest: 2,
  };
}
