// The alarm storm: `alarms` CloudWatch alarms each moving through `perAlarm` transitions spread over the
// storm, delivered as SNS would post them (signed with the tests' throwaway key, for the pinned test
// certificate), a little out of order. Every transition has its own second, so a card can be matched to it.
import { randomUUID } from 'node:crypto';
import { signSns, snsFixture } from '../../test/support/sns-signing.js';

/** One notification to deliver: when (ms after the storm starts), for which alarm, and the signed body. */
export interface Delivery {
  atMs: number;
  alarm: string;
  messageId: string;
  newState: string;
  /** `StateChangeTime` as the card shows it: `2025-03-14 21:15:37 UTC`. */
  shownTime: string;
  /** Index of the transition within its alarm (the last one is the final state). */
  k: number;
  body: string;
}

/** A small seeded PRNG (mulberry32), so every run sends the same storm. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Plans the storm: alarm `a`'s transition `k` happens at `start + k × spacing` (+ a per-alarm offset) and
 * is delivered up to 1.5 s late, so deliveries interleave and some arrive out of order. Each alarm starts
 * OK → ALARM (a card appears) and then flips between ALARM, OK and now and then INSUFFICIENT_DATA.
 */
export function planStorm(options: {
  alarms: number;
  perAlarm: number;
  durationMs: number;
  start: number;
}): Delivery[] {
  const next = random(7);
  const spacing = options.durationMs / options.perAlarm;
  if (spacing < 1100) throw new Error('each alarm needs at least 1.1 s between transitions (cards show seconds)');
  const base = JSON.parse(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '{}') as Record<
    string,
    unknown
  >;
  const deliveries: Delivery[] = [];
  for (let a = 0; a < options.alarms; a += 1) {
    const alarm = `bench-storm-${String(a).padStart(3, '0')}`;
    const offset = Math.floor(next() * Math.min(1000, spacing - 1000));
    let state = 'OK';
    for (let k = 0; k < options.perAlarm; k += 1) {
      const to =
        k === 0
          ? 'ALARM'
          : next() < 0.1
            ? state === 'INSUFFICIENT_DATA'
              ? 'OK'
              : 'INSUFFICIENT_DATA'
            : state === 'ALARM'
              ? 'OK'
              : 'ALARM';
      const atMs = Math.round(k * spacing + offset);
      const iso = new Date(options.start + atMs).toISOString();
      const message = {
        ...base,
        AlarmName: alarm,
        AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarm}`,
        OldStateValue: state,
        NewStateValue: to,
        StateChangeTime: iso.replace('Z', '+0000'),
      };
      deliveries.push({
        atMs: atMs + Math.floor(next() * 1500),
        alarm,
        messageId: randomUUID(),
        newState: to,
        shownTime: `${iso.replace('T', ' ').slice(0, 19)} UTC`,
        k,
        body: JSON.stringify(message),
      });
      state = to;
    }
  }
  return deliveries.sort((x, y) => x.atMs - y.atMs);
}

/** Signs every delivery's body as an SNS Notification envelope (SignatureVersion 1), timestamped now. */
export function signAll(deliveries: Delivery[]): void {
  const fixture = snsFixture('notification-cloudwatch-alarm-rds-cpu');
  for (const d of deliveries) {
    const state = (JSON.parse(d.body) as { NewStateValue: string }).NewStateValue;
    d.body = JSON.stringify(
      signSns(fixture, {
        messageId: d.messageId,
        message: d.body,
        subject: `${state}: "${d.alarm}" in US East (N. Virginia)`,
      }),
      null,
      2,
    );
  }
}
