// Cooldowns on this worker's real Postgres: a claim is atomic across callers (replicas share the table).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/station/cooldowns.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-cooldowns-test');
afterAll(async () => db.close());
const cooldowns = createCooldowns(db);
const key = () => `skip:test-${randomUUID()}`;

describe('cooldowns', () => {
  it('claims a free key, then refuses it until the cooldown ends, saying until when', async () => {
    const k = key();
    const first = await cooldowns.claim(k, 60_000);
    expect(first.claimed).toBe(true);
    const second = await cooldowns.claim(k, 60_000);
    expect(second).toEqual({ claimed: false, until: first.until });
    expect(first.until.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(await cooldowns.until(k)).toEqual(first.until);
  });

  it('lets exactly one of many simultaneous claims through (two replicas, a double click)', async () => {
    const k = key();
    const claims = await Promise.all(Array.from({ length: 8 }, () => cooldowns.claim(k, 60_000)));
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
  });

  it('claims again once the cooldown has passed', async () => {
    const k = key();
    expect((await cooldowns.claim(k, 1)).claimed).toBe(true);
    await expect.poll(async () => (await cooldowns.claim(k, 60_000)).claimed).toBe(true);
    expect((await cooldowns.claim(k, 60_000)).claimed).toBe(false);
  });

  it('releases its own claim only (a failed skip must not block the next try)', async () => {
    const k = key();
    const claim = await cooldowns.claim(k, 60_000);
    await cooldowns.release(k, new Date(claim.until.getTime() + 1));
    expect((await cooldowns.claim(k, 60_000)).claimed).toBe(false);
    await cooldowns.release(k, claim.until);
    expect(await cooldowns.until(k)).toBeUndefined();
    expect((await cooldowns.claim(k, 60_000)).claimed).toBe(true);
  });

  it('has no cooldown for a key never claimed', async () => {
    expect(await cooldowns.until(key())).toBeUndefined();
  });
});
