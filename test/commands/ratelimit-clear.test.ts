import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ratelimitClearCommand } from '../../src/commands/ratelimit-clear.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { Plan } from '../../src/pipeline/command.js';
import { escapeGlob, rateLimitPattern } from '../../src/integrations/redis/rate-limit-keys.js';
import { createStationRedis, type UnlinkOutcome } from '../../src/integrations/redis/station-redis.js';
import {
  estimateMatching,
  unlinkMatching,
  type ScanUnlinkClient,
} from '../../src/integrations/redis/unlink-matching.js';
import { commandRunner, replyText, VIEWER } from '../support/command-runner.js';
import { openTestRedis } from '../support/test-redis.js';

const testRedis = openTestRedis('ratelimit-clear');
const { redis, prefix } = testRedis;
const radio = { redis: { rateLimitKey: testRedis.rateLimitKey } };
const stationRedis = createStationRedis(redis, RadioConfig.parse(radio));
const { run, audit } = commandRunner({ redis: stationRedis }, radio);
const key = (user: string, channel: string) => `${prefix}rate_limit:user:${user}:${channel}`;
const CHANNELS = ['rap', 'jazz', 'news', 'talk', 'lofi'];

async function keysUnder(match: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    keys.forEach((k) => found.add(k));
    cursor = next;
  } while (cursor !== '0');
  return [...found].sort();
}

async function seed(users: string[], channels = CHANNELS) {
  const pairs = users.flatMap((user) => channels.flatMap((channel) => [key(user, channel), '1']));
  for (let i = 0; i < pairs.length; i += 2000) await redis.mset(...pairs.slice(i, i + 2000));
}

const succeeded = async (line: string) => {
  const outcome = await run(line);
  if (outcome.status !== 'succeeded') throw new Error(`${line}: ${outcome.reply.summary}`);
  return outcome;
};

beforeEach(async () => {
  const existing = await keysUnder(`${escapeGlob(prefix)}*`);
  for (let i = 0; i < existing.length; i += 1000) await redis.unlink(...existing.slice(i, i + 1000));
});
afterAll(() => testRedis.cleanup());

describe('ratelimit clear', () => {
  it("deletes exactly one user's keys among 10,000 others, with SCAN MATCH + UNLINK", async () => {
    await seed(Array.from({ length: 2000 }, (_, i) => `L${i}`));
    await seed(['U1'], CHANNELS);
    const outcome = await succeeded('ratelimit clear U1');
    expect(outcome.result).toMatchObject({ match: rateLimitPattern(testRedis.rateLimitKey, 'U1'), deleted: 5 });
    expect((outcome.result as UnlinkOutcome).scanCalls).toBeGreaterThan(1);
    expect(outcome.reply.summary).toBe(`Deleted 5 keys (keys matching ${escapeGlob(prefix)}rate_limit:user:U1:*).`);
    expect(await keysUnder(key('U1', '*'))).toEqual([]);
    expect(await keysUnder(`${escapeGlob(prefix)}*`)).toHaveLength(10_000);
    expect(audit.events.map((e) => [e.outcome, e.risk])).toEqual([
      ['started', 'write'],
      ['succeeded', 'write'],
    ]);
    // A plan's sample of one SCAN over 10,000 keys is an estimate, labelled as such.
    expect(await estimateMatching(redis, rateLimitPattern(testRedis.rateLimitKey, 'L1'), 1)).toMatchObject({
      exact: false,
      sampled: 1000,
    });
  });

  it('escapes glob characters in the id: U1* clears only U1*, not U1xyz or U1', async () => {
    await seed(['U1*', 'U1xyz', 'U1', 'U1?', 'U1[a]'], ['rap', 'jazz']);
    expect((await succeeded('ratelimit clear U1*')).result).toMatchObject({ deleted: 2 });
    expect((await succeeded('ratelimit clear U1?')).result).toMatchObject({ deleted: 2 });
    expect(await keysUnder(`${escapeGlob(prefix)}*`)).toEqual([
      key('U1', 'jazz'),
      key('U1', 'rap'),
      key('U1[a]', 'jazz'),
      key('U1[a]', 'rap'),
      key('U1xyz', 'jazz'),
      key('U1xyz', 'rap'),
    ]);
  });

  it('clears one key with UNLINK, and says when it did not exist', async () => {
    await seed(['48213'], ['rap', 'jazz']);
    expect((await succeeded('ratelimit clear 48213 rap')).result).toEqual({
      match: key('48213', 'rap'),
      deleted: 1,
      scanCalls: 0,
      unlinkCalls: 1,
    });
    expect((await succeeded('ratelimit clear 48213 rap')).reply.summary).toBe(
      `${key('48213', 'rap')} did not exist; nothing was deleted.`,
    );
    expect(await redis.exists(key('48213', 'jazz'))).toBe(1);
  });

  it('--dry-run shows the match pattern, the key count and the exact calls, and deletes nothing', async () => {
    await seed(['U1*', 'U2'], CHANNELS);
    const outcome = await succeeded('ratelimit clear U1* --dry-run');
    const shown = replyText(outcome.reply);
    expect(shown).toContain(`MATCH: ${escapeGlob(prefix)}rate_limit:user:U1\\*:*`);
    expect(shown).toContain('matching keys: 5 keys');
    expect(shown).toContain('Redis SCAN');
    expect(shown).toContain('"COUNT": 1000');
    expect(shown).toContain('Redis UNLINK');
    expect(await keysUnder(`${escapeGlob(prefix)}*`)).toHaveLength(10);
  });

  it("--all is destructive: planned with the all-keys pattern, refused without approvals; its clear deletes everyone's", async () => {
    await seed(['A', 'B', 'C'], CHANNELS);
    const dry = await succeeded('ratelimit clear --all --dry-run');
    expect(replyText(dry.reply)).toContain(`MATCH: ${escapeGlob(prefix)}rate_limit:user:*:*`);
    expect(await run('ratelimit clear --all')).toMatchObject({ status: 'refused', code: 'denied' });
    expect(await keysUnder(`${escapeGlob(prefix)}*`)).toHaveLength(15);
    expect(await stationRedis.clear({ all: true })).toMatchObject({ deleted: 15 });
    expect(await keysUnder(`${escapeGlob(prefix)}*`)).toEqual([]);
  });

  it('needs the operator role, a user or --all (not both), and no channel with --all', async () => {
    expect(await run('ratelimit clear U1', VIEWER)).toMatchObject({ status: 'refused', code: 'denied' });
    expect(await run('ratelimit clear')).toMatchObject({ status: 'refused', code: 'usage' });
    expect(await run('ratelimit clear U1 --all')).toMatchObject({ status: 'refused', code: 'usage' });
  });

  it('counts what UNLINK deleted when SCAN repeats keys and returns empty batches', async () => {
    await seed(['R'], CHANNELS);
    let calls = 0;
    const repeating: ScanUnlinkClient = {
      async scan(cursor, ...rest) {
        calls += 1;
        if (calls === 1) return ['first-empty', []];
        const [next, keys] = await redis.scan(cursor === 'first-empty' ? '0' : cursor, ...rest);
        return [next, [...keys, ...keys]];
      },
      unlink: (...keys) => redis.unlink(...keys),
      dbsize: () => redis.dbsize(),
    };
    expect(await unlinkMatching(repeating, rateLimitPattern(testRedis.rateLimitKey, 'R'))).toMatchObject({
      deleted: 5,
    });
  });

  it("refuses in cluster mode, where one node's SCAN would miss the other shards", async () => {
    const clustered = new Proxy(redis, {
      get: (target, property, receiver) =>
        property === 'info'
          ? async () => '# Cluster\r\ncluster_enabled:1\r\n'
          : Reflect.get(target, property, receiver),
    });
    const { run: runClustered } = commandRunner(
      { redis: createStationRedis(clustered, RadioConfig.parse(radio)) },
      radio,
    );
    const outcome = await runClustered('ratelimit clear U1 --dry-run');
    expect(outcome).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(outcome.reply.summary).toMatch(/cluster mode/);
  });

  it('recheck ignores a drifting key count and objects only to a different pattern', () => {
    const plan = (match: string, count: string): Plan => ({
      current: [['matching keys', count]],
      calls: [],
      warnings: [],
      state: { match },
    });
    expect(ratelimitClearCommand.recheck?.(plan('p:U1:*', '5 keys'), plan('p:U1:*', '9 keys'))).toBeUndefined();
    expect(ratelimitClearCommand.recheck?.(plan('p:U1:*', '5 keys'), plan('p:U2:*', '5 keys'))).toMatch(/changed/);
  });
});

describe('rate-limit key patterns', () => {
  it("escapes every glob character of SCAN MATCH, in the id and in the template's literal parts", () => {
    expect(escapeGlob('a*b?c[d]e\\f')).toBe('a\\*b\\?c\\[d\\]e\\\\f');
    expect(rateLimitPattern('rl[v2]:{user_id}:{channel_id}', 'U*')).toBe('rl\\[v2\\]:U\\*:*');
    expect(rateLimitPattern('rate_limit:user:{user_id}:{channel_id}')).toBe('rate_limit:user:*:*');
  });
});
