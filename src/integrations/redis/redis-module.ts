import type { Redis } from 'ioredis';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { redisClientOptions } from './redis-client-options.js';
import type { StationRedis } from './station-redis.js';

/**
 * The station's Redis at `REDIS_URL` (`cache memory`, `ratelimit show`, `ratelimit clear`); not configured
 * without it. ioredis is imported and the client built (and connected) on the first command that uses it;
 * the runtime's close disconnects it.
 */
export const redisModule = defineIntegration({
  id: 'redis',
  notConfigured: "The station's Redis is not configured (REDIS_URL).",
  create({ radio, settings, log, onClose }): StationRedis | undefined {
    const url = settings.redisUrl;
    if (!url) return undefined;
    let client: Redis | undefined;
    onClose(() => client?.disconnect());
    const load = once(async () => {
      const [{ Redis: RedisClient }, { createStationRedis }] = await Promise.all([
        import('ioredis'),
        import('./station-redis.js'),
      ]);
      client = new RedisClient(url, redisClientOptions());
      client.on('error', (err: unknown) => log.warn({ err }, 'station Redis connection error'));
      return createStationRedis(client, radio);
    });
    return deferred(load, ['memory', 'rateLimit', 'previewClear', 'clear']);
  },
});
