// Issue 14's "Done when", through the front door: the real server (a YAML pointing at the REAL test station:
// Icecast 2.4.4, Liquidsoap 2.1.3, rap's HLS on a local edge; ICECAST_ADMIN_PASSWORD from its environment) answers
// a signed `/radio status` with both channels on air, what they play and rap's HLS fresh; kill -9 of Liquidsoap
// makes the server's own on-air watcher post an off-air card per channel within two check intervals, and
// restarting Liquidsoap updates the same cards to on air. The watcher runs on an injected stepped clock; the HLS
// origin (S3 GetObject) is mocked at the AWS edge to read the playlist Liquidsoap writes (its mtime for LastModified).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ALARM_CHANNEL, wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { playlistBody } from '../support/hls-edge-server.js';
import { startHarness, writeAlarmsConfig, type Harness } from '../support/slack-server-harness.js';
import { steppedClock } from '../support/stepped-clock.js';
import { startTestStation, waitForOnAir, type TestStation } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const EVERY = 30_000;
/** How long a poll may look for what a check (an edge check spans a target duration) or a reply brings. */
const POLL = { timeout: 30_000, interval: 50 };
const dir = mkdtempSync(join(tmpdir(), 'radio-ops-on-air-e2e-'));
const s3 = mockClient(S3Client);
const clock = steppedClock();
let station: TestStation;
let h: Harness;
/** The messages the fake Slack posted: their text and the `ts` it gave them. */
const posted: { text: string; ts: string }[] = [];
const tsOf = (text: string) => posted.find((message) => message.text === text)?.ts ?? `no ${text} posted`;

beforeAll(async () => {
  station = await startTestStation();
  // Icecast lists a mount a moment before it has the stream's first title (an Ogg one: its first comment).
  await waitFor(
    'a title on both mounts',
    async () => (await station.integrations.icecast.stats()).mounts.every((mount) => mount.title !== undefined),
    600,
    100,
  );
  const root = station.liquidsoap.hlsRoot ?? '';
  s3.on(GetObjectCommand).callsFake(async (input: { Bucket?: string; Key?: string }) => {
    const file = join(root, String(input.Key));
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]).catch(() => {
      throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    });
    return { Body: playlistBody(text), LastModified: info.mtime };
  });
  const path = writeAlarmsConfig(dir, { channel: ALARM_CHANNEL, coalesce: '0s' });
  const yaml = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  yaml.station = { ...station.yaml.station, onAir: { every: '30s' } };
  writeFileSync(path, stringify(yaml));
  const db = openWorkerDatabase();
  await wipeAlarmTables(db).finally(() => db.close()); // before the server: its watcher takes the lease at start
  h = await startHarness([], {
    radioConfig: path,
    env: { ICECAST_ADMIN_PASSWORD: station.icecast.adminPassword },
    server: { onAir: { clock } },
  });
  h.slack.onApi('chat.postMessage', (body) => {
    const ts = `1742.${posted.length + 1}`;
    posted.push({ text: String(body.text), ts });
    return { ok: true, channel: body.channel, ts };
  });
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
}, 120_000);
afterAll(async () => {
  await h?.close();
  await station?.stop();
  s3.restore();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** The watcher's check is done when it sleeps again (the stepped clock counts its sleepers). */
const checked = () => expect.poll(() => clock.sleeping(), POLL).toBe(1);
/** One interval later on the watcher's clock, and the check it wakes, done. */
async function tick() {
  clock.advance(EVERY);
  await checked();
}

const cardsNamed = (name: string) =>
  h.slack.requests.filter(
    (r) =>
      (r.path === '/api/chat.postMessage' || r.path === '/api/chat.update') &&
      !r.body.thread_ts &&
      String(r.body.text).endsWith(`: ${name}`),
  );
const shape = (r: RecordedRequest | undefined) => [r?.path, r?.body.ts, r?.body.text];

/** The fields of the section after the header block that names `slug` (`rap (/rap.mp3)`). */
function channelFields(blocks: unknown, slug: string): unknown {
  const list = blocks as { type: string; text?: { text?: string }; fields?: unknown }[];
  const header = list.findIndex((block) => block.type === 'header' && block.text?.text?.startsWith(`${slug} (`));
  return list[header + 1]?.fields;
}

describe('issue 14, done when: the station from Slack and the on-air watcher, on the real servers', () => {
  it('a signed /radio status shows both channels on air, now playing and HLS fresh', async () => {
    const { ack, reply } = await h.slash('status');
    expect(ack.status).toBe(200);
    const message = await reply();
    const shown = `${String(message.text)}\n${JSON.stringify(message.blocks)}`;
    expect(shown).toContain('All 2 channels on air');
    // Each channel's section as Slack shows it: its header, then its fields (`*On air*\nsince …`).
    const section = (slug: string) => JSON.stringify(channelFields(message.blocks, slug));
    for (const slug of ['rap', 'jazz']) {
      expect(section(slug)).toMatch(/\*On air\*\\nsince \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      expect(section(slug)).toMatch(new RegExp(`\\*Now playing\\*\\\\n[^"]*${slug} tone \\d+`));
    }
    expect(section('rap')).toContain('*HLS*\\nfresh — HLS is fresh at the origin and at the edge');
    expect(section('rap')).toMatch(/\*HLS edge\*\\nfresh: advancing, media sequence \d+ -&gt; \d+/);
    expect(shown).not.toContain(station.icecast.adminPassword);
    // The origin was read where the YAML's channel says: GetObject of rap's playlist in the configured bucket.
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toContainEqual({
      Bucket: 'radio-audio-bucket',
      Key: 'hls/rap/live.m3u8',
    });
  }, 60_000);

  it('kill -9 of Liquidsoap: off-air cards within two check intervals; restarted: the same cards on air', async () => {
    await checked(); // the first check, at the server's start: everything on air, no card
    expect(cardsNamed('on-air-rap')).toEqual([]);
    const killedAt = clock.now();
    await station.liquidsoap.kill('SIGKILL');
    await waitFor('Icecast to drop both sources', async () => {
      return (await station.integrations.icecast.stats()).mounts.length === 0;
    });
    await tick();
    expect([...cardsNamed('on-air-rap'), ...cardsNamed('on-air-jazz')]).toEqual([]); // one check pages nobody
    await tick();
    expect(clock.now() - killedAt).toBe(2 * EVERY);
    await expect.poll(() => cardsNamed('on-air-rap').length + cardsNamed('on-air-jazz').length, POLL).toBe(2);
    const [rapCard] = cardsNamed('on-air-rap');
    const [jazzCard] = cardsNamed('on-air-jazz');
    expect(rapCard?.path).toBe('/api/chat.postMessage');
    expect(rapCard?.body).toMatchObject({ channel: ALARM_CHANNEL, text: 'ALARM: on-air-rap' });
    expect(jazzCard?.body).toMatchObject({ channel: ALARM_CHANNEL, text: 'ALARM: on-air-jazz' });
    expect(String(rapCard?.body.blocks)).toContain('rap is off air: no source on /rap.mp3 since');
    expect(String(jazzCard?.body.blocks)).toContain('jazz is off air: no source on /jazz.ogg since');

    await station.liquidsoap.restart();
    await waitForOnAir(station.integrations.icecast, ['/jazz.ogg', '/rap.mp3']);
    await waitFor('rap’s HLS to advance again', async () => {
      return (await station.integrations.hls.check({ slug: 'rap', hlsPath: 'hls/rap/' })).verdict === 'fresh';
    });
    await tick();
    await expect.poll(() => cardsNamed('on-air-rap').length + cardsNamed('on-air-jazz').length, POLL).toBe(4);
    const rapOk = cardsNamed('on-air-rap')[1];
    const jazzOk = cardsNamed('on-air-jazz')[1];
    expect(shape(rapOk)).toEqual(['/api/chat.update', tsOf('ALARM: on-air-rap'), 'OK: on-air-rap']);
    expect(shape(jazzOk)).toEqual(['/api/chat.update', tsOf('ALARM: on-air-jazz'), 'OK: on-air-jazz']);
    expect(String(rapOk?.body.blocks)).toContain('rap is on air: a source is on /rap.mp3');
  }, 90_000);
});
