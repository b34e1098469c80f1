// The real local Redis for tests, isolated per file: a database index spread by worker and file,
// and a key prefix unique to this run, worker and file, so parallel files never touch each other's keys.
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './test-services.js';

const DEFAULT_DATABASES = 16;

/** A Redis database index for `tag` in this worker: 0..15, spread so files seldom share one. */
export function testRedisDb(tag: string): number {
  let hash = 0;
  for (const char of tag) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return (hash + Number(process.env.VITEST_POOL_ID ?? 1)) % DEFAULT_DATABASES;
}

/** `TEST_REDIS_URL` with the database of `tag` selected. */
export function testRedisUrl(tag: string): string {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${testRedisDb(tag)}`;
  return url.toString();
}

/**
 * A client on this file's database and a prefix only this run, worker and file use. `cleanup` unlinks
 * every key under the prefix (SCAN, never KEYS) and closes the client.
 */
export function openTestRedis(tag: string) {
  const redis = new Redis(testRedisUrl(tag), { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `radio-ops-test:${process.pid}:${process.env.VITEST_POOL_ID ?? 1}:${tag}:`;
  return {
    redis,
    prefix,
    /** The station's key template under this file's prefix. */
    rateLimitKey: `${prefix}rate_limit:user:{user_id}:{channel_id}`,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}
