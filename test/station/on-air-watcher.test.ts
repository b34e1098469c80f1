// Issue 14, "Done when": the on-air watcher against the REAL test station (Icecast 2.4.4, Liquidsoap 2.1.3, rap's
// HLS on a local edge), the alarm cards on this worker's Postgres and a fake Slack, checks driven by a manual
// clock. kill -9 of Liquidsoap takes both channels off air: their cards are posted within two check intervals;
// restarting it updates the same cards to on air. HLS that stops advancing (Liquidsoap frozen) pages too.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPlaybooks } from '../../src/alarms/check-playbooks.js';
import { ON_AIR_PLAYBOOKS } from '../../src/alarms/default-playbooks.js';
import { buildRegistry } from '../../src/commands/index.js';
import { startOnAirWatcher } from '../../src/station/start-on-air-watcher.js';
import { ALARM_CHANNEL, alarmCardsFixture, wipeAlarmTables, type SlackCall } from '../support/alarm-cards-fixture.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { silentLog } from '../support/fakes.js';
import { startTestStation, waitForOnAir, type TestStation } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const EVERY = 30_000;
const db = openWorkerDatabase();
let slack: FakeSlack;
let station: TestStation;

beforeAll(async () => {
  slack = await startFakeSlack();
  station = await startTestStation();
}, 120_000);
afterAll(async () => {
  await station?.stop();
  await slack?.close();
  await db.close();
}, 30_000);
beforeEach(() => wipeAlarmTables(db));

function watched() {
  const radio = { ...station.radio, alarms: { ...station.radio.alarms, channel: ALARM_CHANNEL } };
  const playbooks = checkPlaybooks([], buildRegistry(), radio, 'alarms.playbooks', { builtIn: ON_AIR_PLAYBOOKS });
  const f = alarmCardsFixture(db, slack, { playbooks });
  const setup = { db, cards: f.cards, radio, integrations: station.integrations, log: silentLog, clock: f.clock };
  const watcher = startOnAirWatcher({ ...setup, manual: true });
  if (!watcher) throw new Error('the watcher did not start with alarms.channel and station.icecast set');
  /** One interval later on the clock: a check, then the card updates it queued, sent. */
  const tick = async () => {
    f.clock.advance(EVERY);
    const check = await watcher.checkOnce();
    await f.cards.worker.drain();
    return check;
  };
  return { f, watcher, tick, another: () => startOnAirWatcher({ ...setup, manual: true }) };
}

const cardOf = (calls: SlackCall[], name: string) => calls.filter((call) => call.text.endsWith(`: ${name}`));
const buttonLabels = (call: SlackCall | undefined) =>
  JSON.stringify(call?.blocks.find((block) => block.type === 'actions') ?? {});

describe('the on-air watcher on the real station', () => {
  it('kill -9 of Liquidsoap: both cards within two check intervals; restarted: the same cards back on air', async () => {
    const { f, watcher, tick, another } = watched();
    expect(await watcher.checkOnce()).toMatchObject({ leased: true, reported: [] });
    // One replica checks: another one on the same database is refused the lease.
    const second = another();
    expect(await second?.checkOnce()).toEqual({ leased: false });

    const killedAt = f.clock.now();
    await station.liquidsoap.kill('SIGKILL');
    await waitFor('Icecast to drop both sources', async () => {
      const stats = await station.integrations.icecast.stats();
      return stats.mounts.length === 0;
    });
    await tick();
    expect(f.cardCalls()).toEqual([]); // one check off air pages nobody
    await tick();
    const [rapCard] = cardOf(f.cardCalls(), 'on-air-rap');
    const [jazzCard] = cardOf(f.cardCalls(), 'on-air-jazz');
    expect(rapCard).toMatchObject({ method: 'chat.postMessage', channel: ALARM_CHANNEL, text: 'ALARM: on-air-rap' });
    expect(jazzCard).toMatchObject({ method: 'chat.postMessage', text: 'ALARM: on-air-jazz' });
    expect(rapCard!.at - killedAt).toBeLessThanOrEqual(2 * EVERY);
    expect(JSON.stringify(rapCard?.blocks)).toContain('rap is off air: no source on /rap.mp3 since');
    expect(JSON.stringify(jazzCard?.blocks)).toContain('jazz is off air: no source on /jazz.ogg since');
    expect(buttonLabels(rapCard)).toContain('HLS rap');
    expect(buttonLabels(jazzCard)).toContain('HLS jazz');
    await tick();
    expect(f.cardCalls()).toHaveLength(2); // still off air: nothing sent again

    await station.liquidsoap.restart();
    await waitForOnAir(station.integrations.icecast, ['/jazz.ogg', '/rap.mp3']);
    await waitFor('rap’s HLS to advance again', async () => {
      const rap = (await station.integrations.channels.list()).channels.find((channel) => channel.slug === 'rap');
      return rap !== undefined && (await station.integrations.hls.check(rap)).verdict === 'fresh';
    });
    await tick();
    const updates = f.cardCalls().slice(2);
    expect(updates.map((call) => [call.method, call.ts, call.text]).sort()).toEqual(
      [
        ['chat.update', jazzCard?.ts, 'OK: on-air-jazz'],
        ['chat.update', rapCard?.ts, 'OK: on-air-rap'],
      ].sort(),
    );
    expect(JSON.stringify(cardOf(updates, 'on-air-rap')[0]?.blocks)).toContain(
      'rap is on air: a source is on /rap.mp3',
    );
    expect(
      f
        .threadCalls()
        .map((call) => [call.threadTs, call.text])
        .sort(),
    ).toEqual(
      [
        [jazzCard?.ts, 'on-air-jazz: ALARM → OK'],
        [rapCard?.ts, 'on-air-rap: ALARM → OK'],
      ].sort(),
    );
    await watcher.stop();
    await second?.stop();
  }, 90_000);

  it('HLS that stops advancing (Liquidsoap frozen): rap’s card says its origin is stale; thawed, it clears', async () => {
    const { f, watcher, tick } = watched();
    await watcher.checkOnce();
    const pid = station.liquidsoap.pid;
    if (pid === undefined) throw new Error('Liquidsoap is not running');
    process.kill(pid, 'SIGSTOP');
    try {
      const rap = { slug: 'rap', hlsPath: 'hls/rap/' };
      await waitFor(
        'rap’s HLS to be critical',
        async () => (await station.integrations.hls.check(rap)).verdict === 'critical',
        400,
        100,
      );
      await tick();
      await tick();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const [rapCard] = cardOf(f.cardCalls(), 'on-air-rap');
    expect(rapCard).toMatchObject({ method: 'chat.postMessage', text: 'ALARM: on-air-rap' });
    expect(JSON.stringify(rapCard?.blocks)).toMatch(
      /rap's HLS origin is stale: s3:\/\/radio-audio-bucket\/hls\/rap\/live\.m3u8 has not advanced for \d+s \(target duration \d+ s\)/,
    );
    await waitForOnAir(station.integrations.icecast, ['/jazz.ogg', '/rap.mp3']);
    await waitFor('rap’s HLS to advance again', async () => {
      return (await station.integrations.hls.check({ slug: 'rap', hlsPath: 'hls/rap/' })).verdict === 'fresh';
    });
    await tick();
    expect(cardOf(f.cardCalls(), 'on-air-rap').at(-1)).toMatchObject({
      method: 'chat.update',
      ts: rapCard?.ts,
      text: 'OK: on-air-rap',
    });
    await watcher.stop();
  }, 90_000);
});
