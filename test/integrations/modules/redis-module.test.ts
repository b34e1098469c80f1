import { afterAll, describe, expect, it } from 'vitest';
import { redisModule } from '../../../src/integrations/redis/redis-module.js';
import { integrationContext } from '../../support/integration-context.js';
import { openTestRedis, testRedisUrl } from '../../support/test-redis.js';

const testRedis = openTestRedis('redis-module');
afterAll(() => testRedis.cleanup());

describe('the redis module', () => {
  it('is not configured without REDIS_URL', () => {
    expect(redisModule.create(integrationContext().context)).toBeUndefined();
    expect(redisModule.notConfigured).toBe("The station's Redis is not configured (REDIS_URL).");
  });

  it("connects on the first command, and the runtime's close disconnects it", async () => {
    const { context, close } = integrationContext({
      settings: { aws: { mode: 'live' }, redisUrl: testRedisUrl('redis-module') },
      yaml: { redis: { rateLimitKey: testRedis.rateLimitKey } },
    });
    const redis = redisModule.create(context);
    await testRedis.redis.set(`${testRedis.prefix}rate_limit:user:U1:C1`, '7');
    expect(await redis?.rateLimit('U1', 'C1')).toMatchObject({
      key: `${testRedis.prefix}rate_limit:user:U1:C1`,
      type: 'string',
      value: '7',
    });
    expect((await redis?.memory())?.connected_clients).toBeGreaterThanOrEqual(2);
    await close();
    await expect(redis?.memory()).rejects.toThrow(/Connection is closed/);
  });

  it('closing before any command connects nothing and throws nothing', async () => {
    const { context, close } = integrationContext({
      settings: { aws: { mode: 'live' }, redisUrl: 'redis://127.0.0.1:1' },
    });
    expect(redisModule.create(context)).toBeDefined();
    await expect(close()).resolves.toBeUndefined();
  });
});
