// Issue 14, the on-air watcher on fakes and a manual clock: two bad checks in a row page, a reconnect between two
// checks does not, one good check clears, only transitions are reported, and one replica checks under the lease.
import { describe, expect, it } from 'vitest';
import { createOnAirWatcher } from '../../src/station/on-air-watcher.js';
import { silentLog } from '../support/fakes.js';
import { manualClock } from '../support/manual-clock.js';
import { fakeCards, fakeLease, fakeStation } from '../support/on-air-fakes.js';
import { steppedClock } from '../support/stepped-clock.js';

const EVERY = 30_000;

function watcherOn(options: { clock?: ReturnType<typeof manualClock>; owner?: string } = {}) {
  const station = fakeStation();
  const clock = options.clock ?? manualClock();
  const cards = fakeCards();
  const lease = fakeLease();
  const make = (owner: string, shared = { cards, lease }) =>
    createOnAirWatcher({ ...station, ...shared, clock, everyMs: EVERY, owner, log: silentLog });
  const watcher = make(options.owner ?? 'replica-a');
  /** Advances one interval, then checks. */
  const tick = async (w = watcher) => {
    clock.advance(EVERY);
    return w.checkOnce();
  };
  return { station, clock, cards, lease, watcher, make, tick };
}

const summary = (events: { alarmKey: string; transition: { OldStateValue?: string; NewStateValue: string } }[]) =>
  events.map((e) => `${e.alarmKey} ${e.transition.OldStateValue} → ${e.transition.NewStateValue}`);

describe('the on-air watcher', () => {
  it('pages after two checks in a row off air, once, with the card’s key, words, dimension and a unique MessageId', async () => {
    const { station, cards, watcher, tick, clock } = watcherOn();
    await watcher.checkOnce();
    station.state.onAir = new Set(['/jazz.ogg']);
    const firstOff = clock.now() + EVERY;
    await tick();
    expect(cards.events).toEqual([]);
    await tick();
    expect(summary(cards.events)).toEqual(['on-air:rap OK → ALARM']);
    const [event] = cards.events;
    expect(event).toMatchObject({
      messageId: `on-air:rap:${new Date(clock.now()).toISOString()}`,
      source: 'on-air',
      transition: {
        AlarmName: 'on-air-rap',
        format: 'radio-ops',
        Namespace: 'radio-ops/OnAir',
        MetricName: 'OnAir',
        Dimensions: [{ name: 'Channel', value: 'rap' }],
        StateChangeTime: new Date(clock.now()).toISOString(),
      },
    });
    expect(event?.transition.NewStateReason).toBe(
      `rap is off air: no source on /rap.mp3 since ${new Date(firstOff).toISOString().replace('T', ' ').slice(0, 19)} UTC (2 checks in a row)`,
    );
    // Still off: the same state is not sent again.
    await tick();
    await tick();
    expect(cards.events).toHaveLength(1);
  });

  it('does not page for a reconnect between two checks, nor for a channel that flaps every other check', async () => {
    const { station, cards, watcher, tick } = watcherOn();
    await watcher.checkOnce();
    for (let i = 0; i < 6; i++) {
      station.state.onAir = new Set(i % 2 === 0 ? ['/jazz.ogg'] : ['/jazz.ogg', '/rap.mp3']);
      await tick();
    }
    expect(cards.events).toEqual([]);
  });

  it('updates the same card to OK on the first check back on air, and pages again on the next incident', async () => {
    const { station, cards, watcher, tick } = watcherOn();
    station.state.onAir = new Set();
    await watcher.checkOnce();
    await tick();
    expect(summary(cards.events)).toEqual(['on-air:rap OK → ALARM', 'on-air:jazz OK → ALARM']);
    station.state.onAir = new Set(['/rap.mp3', '/jazz.ogg']);
    await tick();
    expect(summary(cards.events).slice(2)).toEqual(['on-air:rap ALARM → OK', 'on-air:jazz ALARM → OK']);
    expect(cards.events[2]?.transition.NewStateReason).toBe(
      'rap is on air: a source is on /rap.mp3 since 2025-03-14 20:00:00 UTC, and its HLS advances',
    );
    station.state.onAir = new Set(['/jazz.ogg']);
    await tick();
    await tick();
    expect(summary(cards.events).slice(4)).toEqual(['on-air:rap OK → ALARM']);
  });

  it('pages a stale HLS (critical) after two checks, never a warn, and says which layer', async () => {
    const { station, cards, watcher, tick } = watcherOn();
    station.state.hls.set('jazz', 'warn');
    station.state.hls.set('rap', 'critical');
    await watcher.checkOnce();
    await tick();
    await tick();
    expect(summary(cards.events)).toEqual(['on-air:rap OK → ALARM']);
    expect(cards.events[0]?.transition.NewStateReason).toMatch(
      /^rap's HLS origin is stale: s3:\/\/radio-audio-bucket\/hls\/rap\/live\.m3u8 has not advanced for 42s \(target duration 6 s\) since .* \(2 checks in a row\)$/,
    );
    station.state.hls.set('rap', 'fresh');
    await tick();
    expect(summary(cards.events).slice(1)).toEqual(['on-air:rap ALARM → OK']);
  });

  it('an unanswered Icecast is unknown, not off air: its own card after two checks; it neither counts nor breaks a run', async () => {
    const { station, cards, watcher, tick } = watcherOn();
    await watcher.checkOnce();
    station.state.onAir = new Error('connect ECONNREFUSED 127.0.0.1:8000');
    await tick();
    await tick();
    expect(summary(cards.events)).toEqual(['on-air-icecast OK → ALARM']);
    expect(cards.events[0]?.transition).toMatchObject({
      AlarmName: 'icecast-reachable',
      MetricName: 'IcecastReachable',
      Dimensions: [{ name: 'Server', value: 'http://icecast.test:8000' }],
    });
    expect(cards.events[0]?.transition.NewStateReason).toMatch(
      /^Icecast at http:\/\/icecast\.test:8000 did not answer: connect ECONNREFUSED 127\.0\.0\.1:8000 since .* \(2 checks in a row\)$/,
    );
    // Back, with rap off; then unanswered once; then rap off again: two checks that saw it off, in a row.
    station.state.onAir = new Set(['/jazz.ogg']);
    await tick();
    station.state.onAir = new Error('timeout');
    await tick();
    station.state.onAir = new Set(['/jazz.ogg']);
    await tick();
    expect(summary(cards.events).slice(1)).toEqual(['on-air-icecast ALARM → OK', 'on-air:rap OK → ALARM']);
  });

  it('a transition that could not be recorded is decided again at the next check', async () => {
    const { station, cards, watcher, tick } = watcherOn();
    station.state.onAir = new Set(['/jazz.ogg']);
    await watcher.checkOnce();
    cards.failNext = true;
    await tick();
    expect(cards.events).toEqual([]);
    await tick();
    expect(summary(cards.events)).toEqual(['on-air:rap OK → ALARM']);
  });
});

describe('the on-air watcher’s lease', () => {
  it('lets one replica check at a time; another takes over when the holder’s lease expires, from the cards’ state', async () => {
    const { station, cards, lease, watcher: a, make, tick } = watcherOn();
    const b = make('replica-b');
    station.state.onAir = new Set(['/jazz.ogg']);
    expect(await a.checkOnce()).toMatchObject({ leased: true });
    expect(await b.checkOnce()).toEqual({ leased: false });
    expect(station.state.statsCalls).toBe(1);
    await tick(a);
    expect(summary(cards.events)).toEqual(['on-air:rap OK → ALARM']);
    // a crashes (no stop, no renewal): b gets nothing until the lease (3 checks) has run out.
    expect(await tick(b)).toEqual({ leased: false });
    expect(await tick(b)).toEqual({ leased: false });
    expect(await tick(b)).toEqual({ leased: false });
    expect(await tick(b)).toMatchObject({ leased: true });
    expect(lease.holder()).toBe('replica-b');
    // b never saw rap off, and does not repeat the ALARM; rap back on air: b clears the card a raised.
    await tick(b);
    expect(cards.events).toHaveLength(1);
    station.state.onAir = new Set(['/jazz.ogg', '/rap.mp3']);
    await tick(b);
    expect(summary(cards.events).slice(1)).toEqual(['on-air:rap ALARM → OK']);
  });

  it('runs in the background every interval on its clock, and stop gives the lease up', async () => {
    const clock = steppedClock();
    const station = fakeStation();
    const lease = fakeLease();
    const watcher = createOnAirWatcher({
      ...station,
      cards: fakeCards(),
      lease,
      clock,
      everyMs: EVERY,
      owner: 'replica-a',
      log: silentLog,
    });
    watcher.start();
    await expect.poll(() => clock.sleeping()).toBe(1);
    expect(station.state.statsCalls).toBe(1);
    clock.advance(EVERY - 1);
    expect(station.state.statsCalls).toBe(1);
    clock.advance(1);
    await expect.poll(() => station.state.statsCalls).toBe(2);
    await expect.poll(() => clock.sleeping()).toBe(1);
    await watcher.stop();
    expect(lease.holder()).toBeUndefined();
    clock.advance(EVERY);
    expect(station.state.statsCalls).toBe(2);
  });
});
