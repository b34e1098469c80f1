import type { RedisOptions } from 'ioredis';

/**
 * Options the station's Redis client is built with, next to the `REDIS_URL` ioredis parses
 * (`rediss://` for TLS, `:token@` for AUTH, `/2` for the database). Connects on first use, so a
 * process that never touches Redis never connects. Every command is bounded, so a Redis that is
 * unreachable or accepts and never answers fails a command in seconds ("Command timed out", said in
 * words by describeFailure), well inside the default 30 s command deadline:
 * - `commandTimeout` (ms): from the moment a command is issued, queued while connecting included;
 * - `connectTimeout` (ms): to open the socket;
 * - `maxRetriesPerRequest`: reconnections a queued command waits through before it fails.
 * Source: https://github.com/redis/ioredis/blob/main/lib/redis/RedisOptions.ts
 */
export function redisClientOptions(): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: 3_000,
    commandTimeout: 5_000,
    maxRetriesPerRequest: 1,
  };
}
