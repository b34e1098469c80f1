import { afterAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createStationRedis, type RateLimitEntry } from '../../src/integrations/redis/station-redis.js';
import { commandRunner, replyFields, replyText } from '../support/command-runner.js';
import { openTestRedis } from '../support/test-redis.js';

const testRedis = openTestRedis('ratelimit-show');
const radio = { redis: { rateLimitKey: testRedis.rateLimitKey } };
const { run } = commandRunner({ redis: createStationRedis(testRedis.redis, RadioConfig.parse(radio)) }, radio);
const key = (user: string, channel: string) => `${testRedis.prefix}rate_limit:user:${user}:${channel}`;
afterAll(() => testRedis.cleanup());

describe('ratelimit show', () => {
  it('shows the value and time to live of the key from the template', async () => {
    await testRedis.redis.set(key('48213', 'rap'), '17', 'PX', 90_000);
    const outcome = await run('ratelimit show 48213 rap');
    const entry = outcome.status === 'succeeded' ? (outcome.result as RateLimitEntry) : undefined;
    expect(entry).toMatchObject({ key: key('48213', 'rap'), type: 'string', value: '17' });
    expect(entry?.pttl).toBeGreaterThan(0);
    expect(entry?.pttl).toBeLessThanOrEqual(90_000);
    const shown = replyFields(outcome.reply);
    expect(shown).toMatchObject({ key: key('48213', 'rap'), TYPE: 'string', value: '17' });
    expect(shown.TTL).toMatch(/^1m \d+s \(PTTL \d{2},\d{3} ms\)$|^\d+s \(PTTL \d{2},\d{3} ms\)$/);
  });

  it('says when the key has no expiry (PTTL -1) and when it does not exist (-2)', async () => {
    await testRedis.redis.set(key('48213', 'jazz'), '3');
    expect(replyFields((await run('ratelimit show 48213 jazz')).reply).TTL).toBe(
      'no expiry (PTTL -1): it stays until cleared',
    );
    const missing = await run('ratelimit show 99999 rap');
    expect(missing.status === 'succeeded' && missing.result).toMatchObject({ type: 'none', pttl: -2, value: null });
    expect(replyText(missing.reply)).toBe(`${key('99999', 'rap')} does not exist: no rate limit is in force.`);
  });

  it('shows a sliding-window zset by its entry count', async () => {
    await testRedis.redis.zadd(key('777', 'rap'), 1, 'a', 2, 'b', 3, 'c');
    expect(replyFields((await run('ratelimit show 777 rap')).reply)).toMatchObject({
      TYPE: 'zset',
      value: '3 entries',
    });
  });

  it('refuses ids with spaces or ":"', async () => {
    expect(await run('ratelimit show a:b rap')).toMatchObject({ status: 'refused', code: 'usage' });
  });
});
