import type { Redis } from 'ioredis';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { parseRedisInfo } from './parse-redis-info.js';
import { rateLimitKey, rateLimitPattern } from './rate-limit-keys.js';
import { estimateMatching, unlinkMatching, type KeyCountEstimate, type UnlinkOutcome } from './unlink-matching.js';

export type { KeyCountEstimate, UnlinkOutcome } from './unlink-matching.js';

/** Memory and load from `INFO memory`, `INFO clients` and `INFO stats`; names are Redis' own. */
export interface RedisMemory {
  /** Bytes allocated by Redis' allocator, and Redis' own rendering (`272.41M`). */
  used_memory: number;
  used_memory_human: string;
  /** Bytes: the highest `used_memory` since start (or `MEMORY RESET`). */
  used_memory_peak: number;
  /** Bytes as the OS sees them. */
  used_memory_rss: number;
  /** Bytes; 0 means no limit. */
  maxmemory: number;
  /** `noeviction`, `allkeys-lru`, `volatile-ttl`, … */
  maxmemory_policy: string;
  /** `used_memory_rss / used_memory`: above ~1.5 is fragmented, below 1 means swapping. */
  mem_fragmentation_ratio: number;
  /** Keys evicted for `maxmemory` since start. */
  evicted_keys: number;
  connected_clients: number;
}

/** A rate-limit key's type, value and time to live. */
export interface RateLimitEntry {
  key: string;
  /** Redis `TYPE`: `string` for a counter, `zset` for a sliding window, `none` when missing. */
  type: string;
  /** `GET` for a string; `ZCARD` entries for a zset; `HGETALL` as JSON for a hash; `null` when missing. */
  value: string | null;
  /** `PTTL` in milliseconds; -1 exists without expiry, -2 does not exist. */
  pttl: number;
}

/** Which rate-limit keys a clear is about: one user's in one channel, all of one user's, or everyone's. */
export type ClearTarget = { userId: string; channelId?: string } | { all: true };

/** What a clear would touch: one exact key (and whether it exists), or a `SCAN MATCH` pattern and its estimate. */
export type ClearPreview =
  { kind: 'key'; key: string; exists: boolean } | { kind: 'match'; estimate: KeyCountEstimate };

/**
 * The station's Redis (ElastiCache) through one ioredis client built from `REDIS_URL`. ioredis parses
 * the URL: `rediss://` turns on TLS, `rediss://:token@host:6379` and `redis://user:pass@host/2` send
 * AUTH (and SELECT). Sources: https://redis.io/docs/latest/commands/info/, https://github.com/redis/ioredis#connect-to-redis
 *
 * Cluster mode is refused: a single-node client sees one shard, so a clear would miss keys on
 * the others. `clear` and `previewClear` check `INFO cluster` and throw UserError `precondition`.
 * Connection errors are thrown as they are (the dispatcher logs them and answers with a reference).
 */
export interface StationRedis {
  memory(): Promise<RedisMemory>;
  rateLimit(userId: string, channelId: string): Promise<RateLimitEntry>;
  previewClear(target: ClearTarget): Promise<ClearPreview>;
  /** `UNLINK` of one key, or `SCAN MATCH` + `UNLINK` in batches; `deleted` is what Redis deleted. */
  clear(target: ClearTarget): Promise<UnlinkOutcome>;
}

/** Station Redis verbs over `redis`; keys from `config.redis.rateLimitKey`. */
export function createStationRedis(redis: Redis, config: RadioConfig): StationRedis {
  const template = config.redis.rateLimitKey;
  const exactKey = (target: ClearTarget) =>
    'all' in target || !target.channelId ? undefined : rateLimitKey(template, target.userId, target.channelId);
  const pattern = (target: ClearTarget) => rateLimitPattern(template, 'all' in target ? undefined : target.userId);

  async function refuseCluster() {
    const { cluster_enabled: enabled } = parseRedisInfo(await redis.info('cluster'));
    if (enabled === '1') {
      throw new UserError(
        'precondition',
        "The station's Redis runs in cluster mode; radio-ops talks to one node (REDIS_URL) and would miss keys on the other shards, so it clears nothing there.",
      );
    }
  }

  return {
    async memory() {
      const [memory, clients, stats] = await Promise.all([
        redis.info('memory'),
        redis.info('clients'),
        redis.info('stats'),
      ]);
      const info = { ...parseRedisInfo(memory), ...parseRedisInfo(clients), ...parseRedisInfo(stats) };
      const number = (name: string) => Number(info[name] ?? Number.NaN);
      return {
        used_memory: number('used_memory'),
        used_memory_human: info.used_memory_human ?? '',
        used_memory_peak: number('used_memory_peak'),
        used_memory_rss: number('used_memory_rss'),
        maxmemory: number('maxmemory'),
        maxmemory_policy: info.maxmemory_policy ?? 'unknown',
        mem_fragmentation_ratio: number('mem_fragmentation_ratio'),
        evicted_keys: number('evicted_keys'),
        connected_clients: number('connected_clients'),
      };
    },

    async rateLimit(userId, channelId) {
      const key = rateLimitKey(template, userId, channelId);
      const [type, pttl] = await Promise.all([redis.type(key), redis.pttl(key)]);
      return { key, type, pttl, value: await readValue(redis, key, type) };
    },

    async previewClear(target) {
      await refuseCluster();
      const key = exactKey(target);
      if (key !== undefined) return { kind: 'key', key, exists: (await redis.exists(key)) === 1 };
      return { kind: 'match', estimate: await estimateMatching(redis, pattern(target)) };
    },

    async clear(target) {
      await refuseCluster();
      const key = exactKey(target);
      if (key === undefined) return unlinkMatching(redis, pattern(target));
      return { match: key, deleted: await redis.unlink(key), scanCalls: 0, unlinkCalls: 1 };
    },
  };
}

async function readValue(redis: Redis, key: string, type: string): Promise<string | null> {
  switch (type) {
    case 'none':
      return null;
    case 'string':
      return redis.get(key);
    case 'zset':
      return `${await redis.zcard(key)} entries`;
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    default:
      return `(a ${type}; not shown)`;
  }
}
