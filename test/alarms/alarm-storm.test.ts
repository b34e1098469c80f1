// A storm of notifications for a few alarms, delivered out of order while the worker runs, all in
// virtual time (manual clock, injected rate): every card must end in its alarm's latest state, Slack
// must never see more than the rate allows, and nothing may be lost. What makes it a storm is in
// virtual time (transitions per coalesce window, calls wanted per second against the rate), so it is
// small in real work and takes as long on a loaded machine as its few hundred round trips do.
// Volume is bench:alarms' job (5,000 notifications against a real server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmCardsFixture, alarmMessage, wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testSigningKey } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase();
let slack: FakeSlack;
beforeAll(async () => {
  testSigningKey(); // generated once per worker, here rather than inside the first test
  slack = await startFakeSlack();
  await wipeAlarmTables(db);
});
afterAll(async () => {
  await slack.close();
  await db.close();
});

const ALARMS = 6;
const PER_ALARM = 8;
/** Deliveries per virtual second: more card updates wanted than RATE allows. */
const PER_SECOND = 6;
const RATE = { perSecond: 1, burst: 2 };
const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;

/** A small seeded PRNG (mulberry32), so the storm is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function storm() {
  const next = random(6);
  const deliveries: { name: string; message: string }[] = [];
  const latest = new Map<string, string>();
  for (let a = 0; a < ALARMS; a++) {
    const name = `storm-${String(a).padStart(2, '0')}`;
    let state: string = a % 5 === 0 ? 'INSUFFICIENT_DATA' : 'OK';
    for (let k = 0; k < PER_ALARM; k++) {
      const choices = STATES.filter((s) => s !== state);
      const to = choices[Math.floor(next() * choices.length)] ?? 'ALARM';
      const at = new Date(Date.parse('2025-03-14T20:00:00Z') + k * 60_000 + a).toISOString();
      deliveries.push({ name, message: alarmMessage(name, state, to, at) });
      state = to;
    }
    latest.set(name, state);
  }
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return { deliveries, latest };
}

describe('a storm of alarm notifications', () => {
  it('fault 24: ends every card in its latest state, within the Slack rate, losing no transition', async () => {
    const f = alarmCardsFixture(db, slack, { rate: RATE });
    const { deliveries, latest } = storm();
    for (const [i, delivery] of deliveries.entries()) {
      expect((await f.deliver(delivery.message)).status).toBe(200);
      if (i % PER_SECOND === PER_SECOND - 1) {
        f.clock.advance(1000);
        await f.cards.worker.runOnce();
      }
    }
    await f.cards.worker.drain();

    const finalState = new Map<string, string>();
    const posts = new Map<string, number>();
    for (const call of f.cardCalls()) {
      const [, state, name] = /^(\w+): (storm-\d+)/.exec(call.text) ?? [];
      if (!state || !name) continue;
      finalState.set(name, state);
      if (call.method === 'chat.postMessage') posts.set(name, (posts.get(name) ?? 0) + 1);
    }
    expect(Object.fromEntries(finalState)).toEqual(Object.fromEntries(latest));
    expect([...posts.values()].every((count) => count === 1)).toBe(true);
    expect(posts.size).toBe(ALARMS);

    // In every window, at most burst + rate × its length calls; and for 5 s or more the storm kept
    // the limiter at that bound (within one call), so the rate was really put to the test.
    const times = f.calls.map((call) => call.at).sort((a, b) => a - b);
    let worst = -Infinity;
    let longestAtLimitMs = 0;
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < times.length; j++) {
        const over = j - i + 1 - (RATE.burst + (RATE.perSecond * (times[j]! - times[i]!)) / 1000);
        worst = Math.max(worst, over);
        if (over > -1) longestAtLimitMs = Math.max(longestAtLimitMs, times[j]! - times[i]!);
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
    expect(longestAtLimitMs).toBeGreaterThanOrEqual(5000);

    const { rows } = await db.query<{ unannounced: string; events: string }>(
      `SELECT count(*) FILTER (WHERE announced_at IS NULL)::text AS unannounced, count(*)::text AS events FROM alarm_events WHERE alarm_name LIKE 'storm-%'`,
    );
    expect(rows[0]).toEqual({ unannounced: '0', events: String(ALARMS * PER_ALARM) });
    expect((await db.query('SELECT 1 FROM alarm_outbox')).rows).toEqual([]);
    // Coalescing: far fewer Slack calls than notifications.
    expect(f.calls.length).toBeLessThan(deliveries.length);
  });
});
