import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheMemoryCommand } from '../../src/commands/cache-memory.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { parseRedisInfo } from '../../src/integrations/redis/parse-redis-info.js';
import { createStationRedis, type RedisMemory } from '../../src/integrations/redis/station-redis.js';
import { commandRunner, replyFields } from '../support/command-runner.js';
import { openTestRedis } from '../support/test-redis.js';

const fixture = readFileSync(new URL('../fixtures/redis/info-memory.txt', import.meta.url), 'utf8');
const testRedis = openTestRedis('cache-memory');
afterAll(() => testRedis.cleanup());

describe('parseRedisInfo', () => {
  it('reads INFO memory with CRLF line endings, sections skipped, no \\r left in values', () => {
    expect(fixture).toContain('\r\n');
    const info = parseRedisInfo(fixture);
    expect(info).toMatchObject({
      used_memory: '285638968',
      used_memory_human: '272.41M',
      maxmemory: '1073741824',
      maxmemory_policy: 'allkeys-lru',
      mem_fragmentation_ratio: '1.10',
    });
    expect(Object.keys(info)).not.toContain('# Memory');
    expect(Object.values(info).some((value) => value.includes('\r'))).toBe(false);
  });
});

describe('cache memory', () => {
  it('presents the fixture with units on every number', () => {
    const info = parseRedisInfo(fixture);
    const memory: RedisMemory = {
      used_memory: Number(info.used_memory),
      used_memory_human: info.used_memory_human ?? '',
      used_memory_peak: Number(info.used_memory_peak),
      used_memory_rss: Number(info.used_memory_rss),
      maxmemory: Number(info.maxmemory),
      maxmemory_policy: info.maxmemory_policy ?? '',
      mem_fragmentation_ratio: Number(info.mem_fragmentation_ratio),
      evicted_keys: 1204,
      connected_clients: 37,
    };
    const reply = cacheMemoryCommand.present(memory, {});
    expect(replyFields(reply)).toEqual({
      used_memory: '272.41 MiB (285,638,968 bytes)',
      used_memory_peak: '292.25 MiB (306,441,104 bytes)',
      used_memory_rss: '298.30 MiB (312,786,944 bytes)',
      maxmemory: '1.00 GiB (1,073,741,824 bytes), 26.6% used',
      maxmemory_policy: 'allkeys-lru',
      mem_fragmentation_ratio: '1.10 (used_memory_rss / used_memory)',
      evicted_keys: '1,204 keys since start',
      connected_clients: '37 clients',
    });
    expect(reply.summary).toBe('Redis: 272.41M used (26.6% of maxmemory), allkeys-lru, 1,204 keys evicted');
  });

  it('reads INFO memory, clients and stats from the real Redis', async () => {
    const redis = createStationRedis(testRedis.redis, RadioConfig.parse({}));
    const outcome = await commandRunner({ redis }).run('cache memory');
    expect(outcome.status).toBe('succeeded');
    const memory = outcome.status === 'succeeded' ? (outcome.result as RedisMemory) : undefined;
    expect(memory?.used_memory).toBeGreaterThan(0);
    expect(memory?.connected_clients).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(memory?.evicted_keys)).toBe(true);
    expect(memory?.maxmemory_policy).toMatch(/^[a-z-]+$/);
    expect(replyFields(outcome.reply).used_memory).toMatch(/\(\d{1,3}(,\d{3})* bytes\)$/);
  });

  it('answers not_configured without REDIS_URL, before anything is planned or run', async () => {
    // Issue 10, items 4 and 6: checked before plan, a refusal audited `invalid` (it was `failed` from run).
    const runner = commandRunner({});
    expect(await runner.run('cache memory')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: "The station's Redis is not configured (REDIS_URL)." },
    });
    expect(runner.audit.events.map((event) => event.outcome)).toEqual(['invalid']);
  });
});
