// The station's write commands against the real test station (Icecast 2.4.4, Liquidsoap 2.1.3): `skip`, `meta`,
// `push`, and `output start|stop` on a Liquidsoap without them. Cooldowns on this worker's real Postgres.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { createCooldowns } from '../../src/station/cooldowns.js';
import { mountOf } from '../../src/station/channel-on-air.js';
import { commandRunner, replyFields, replyText } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';
import { OGG_FIXTURE, startTestSource } from '../support/icecast-clients.js';
import { tempDirs } from '../support/temp-dirs.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const tempDir = tempDirs('radio-ops-push-');
const db = openWorkerDatabase('radio-ops-station-writes-test');
let station: TestStation;
let runner: ReturnType<typeof commandRunner>;
beforeAll(async () => {
  station = await startTestStation();
  await db.query(`DELETE FROM cooldowns WHERE key LIKE 'skip:%'`);
  runner = commandRunner({ ...station.integrations, cooldowns: createCooldowns(db) }, station.yaml);
}, 120_000);
afterAll(async () => {
  await station?.stop();
  await db.close();
}, 30_000);

/** The title Icecast shows for `mount` now. */
const titleOf = async (mount: string) => mountOf(await station.integrations.icecast.stats(), { mount })?.title;

describe('skip', () => {
  it('plans the exact line and the cooldown, changing nothing', async () => {
    const before = await titleOf('/rap.mp3');
    const planned = await runner.run('skip rap --dry-run');
    expect(planned.status).toBe('succeeded');
    const text = replyText(planned.reply);
    expect(text).toContain('rap.skip');
    expect(text).toContain('30s');
    expect(await titleOf('/rap.mp3')).toBe(before);
  }, 30_000);

  it('skips the track, says what plays now, and refuses a second skip within the cooldown', async () => {
    const before = await titleOf('/rap.mp3');
    const skipped = await runner.run('skip rap');
    if (skipped.status !== 'succeeded') throw new Error(replyText(skipped.reply));
    const after = await titleOf('/rap.mp3');
    expect(after).not.toBe(before);
    expect(skipped.reply.summary).toBe(`Skipped rap: now playing ${after}`);

    const again = await runner.run('skip rap');
    expect(again).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(replyText(again.reply)).toMatch(/may run again at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(await titleOf('/rap.mp3')).toBe(after); // refused: nothing was sent
    expect(runner.audit.events.at(-1)).toMatchObject({ command: 'skip', outcome: 'invalid' });
  }, 30_000);

  it('keeps cooldowns per channel: jazz may skip while rap cools down', async () => {
    const skipped = await runner.run('skip jazz');
    expect(skipped.status).toBe('succeeded');
    expect(replyFields(skipped.reply)).toHaveProperty('Line sent', 'jazz.skip');
    expect(skipped.reply.summary).toMatch(/^Skipped jazz: now playing radio-ops test - jazz tone \d+$/);
  }, 30_000);

  it('skips one track when two people press skip at once (the claim in Postgres decides)', async () => {
    await db.query(`DELETE FROM cooldowns WHERE key = 'skip:jazz'`); // as if jazz's cooldown had passed
    const presses = await Promise.all([runner.run('skip jazz'), runner.run('skip jazz', 'U0OPERATOR')]);
    expect(presses.map((press) => press.status).sort()).toEqual(['refused', 'succeeded']);
    const refused = presses.find((press) => press.status === 'refused');
    expect(refused).toMatchObject({ code: 'precondition' });
    expect(replyText(refused!.reply)).toContain('Nothing was skipped.');
  }, 30_000);

  it('refuses without the cooldowns (no bot database) rather than skip without one', async () => {
    const before = await titleOf('/jazz.ogg');
    const refused = await commandRunner(station.integrations, station.yaml).run('skip jazz');
    expect(refused).toMatchObject({ status: 'refused', code: 'not_configured' });
    expect(replyText(refused.reply)).toContain("needs the bot's database for its cooldown");
    expect(await titleOf('/jazz.ogg')).toBe(before);
  }, 30_000);
});

describe('meta', () => {
  it('sets the title of an MP3 mount and sees it in Icecast', async () => {
    const meta = await runner.run('meta rap "Live: the Friday set"');
    if (meta.status !== 'succeeded') throw new Error(replyText(meta.reply));
    expect(meta.reply.summary).toBe('Metadata of rap set: now playing Live: the Friday set');
    expect(await titleOf('/rap.mp3')).toBe('Live: the Friday set');
  }, 30_000);

  it('sets the title of an Ogg Vorbis mount', async () => {
    const meta = await runner.run('meta jazz "Late night jazz"');
    if (meta.status !== 'succeeded') throw new Error(replyText(meta.reply));
    expect(await titleOf('/jazz.ogg')).toBe('Late night jazz');
  }, 30_000);

  it('plans the exact admin call and changes nothing on --dry-run', async () => {
    const before = await titleOf('/rap.mp3');
    const planned = await runner.run('meta rap "Not yet" --dry-run');
    expect(planned.status).toBe('succeeded');
    const text = replyText(planned.reply);
    expect(text).toContain('Icecast GET /admin/metadata');
    expect(text).toContain('"song": "Not yet"');
    expect(await titleOf('/rap.mp3')).toBe(before);
  }, 30_000);

  it('refuses a text with a control character, and sends nothing', async () => {
    const before = await titleOf('/rap.mp3');
    const refused = await runner.run('meta rap "bell\u0007 ring"');
    expect(refused).toMatchObject({ status: 'refused', code: 'usage' });
    expect(replyText(refused.reply)).toContain('control character');
    expect(await titleOf('/rap.mp3')).toBe(before);
  }, 30_000);

  it('refuses a mount that takes no metadata (AAC), saying why', async () => {
    const source = await startTestSource(station.icecast, '/talk.aac', { contentType: 'audio/aac' });
    try {
      const channels = createChannelDirectory({
        stationDb: { radioChannels: async () => undefined },
        channels: [{ slug: 'talk', mount: '/talk.aac', output: 'talk', hlsPath: 'hls/talk/' }],
        log: silentLog,
      });
      const talk = commandRunner({ ...station.integrations, channels }, station.yaml);
      const refused = await talk.run('meta talk "Morning show"');
      expect(refused).toMatchObject({ status: 'refused', code: 'precondition' });
      expect(replyText(refused.reply)).toContain(
        '/talk.aac streams audio/aac: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.',
      );
      expect(await titleOf('/talk.aac')).toBeUndefined();
    } finally {
      await source.close();
    }
  }, 30_000);
});

describe('push', () => {
  it('queues an allowed file on rap_queue: Liquidsoap answers its request id and plays it next', async () => {
    const file = join(tempDir(), 'noise.ogg'); // under /tmp/, the test station's station.pushAllowList
    copyFileSync(OGG_FIXTURE, file);
    const pushed = await runner.run(`push rap ${file}`);
    if (pushed.status !== 'succeeded') throw new Error(replyText(pushed.reply));
    expect(replyFields(pushed.reply)).toMatchObject({
      'Line sent': `rap_queue.push ${file}`,
      'Request id': expect.stringMatching(/^\d+$/),
    });
    // The file's own TITLE (the queue is in front of the tones, without their metadata map).
    await expect.poll(() => titleOf('/rap.mp3'), { timeout: 15_000, interval: 200 }).toBe('tone');
  }, 30_000);

  it('refuses jazz, which has no request queue', async () => {
    const refused = await runner.run('push jazz /tmp/a.mp3');
    expect(refused).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(replyText(refused.reply)).toContain('jazz has no request queue');
  }, 30_000);
});

describe('output start|stop on the real Liquidsoap 2.1.3', () => {
  it.each(['start', 'stop'])(
    'answers that this Liquidsoap has no output %s, and changes nothing',
    async (verb) => {
      const before = (await station.integrations.icecast.stats()).mounts.map((m) => [m.mount, m.streamStart]);
      const refused = await runner.run(`output ${verb} rap`);
      expect(refused).toMatchObject({ status: 'refused', code: 'precondition' });
      expect(replyText(refused.reply)).toMatch(
        /^Liquidsoap 2\.1\.3.* has no output start\/stop: outputs lost start and stop in Liquidsoap 2\.0 and got them back in 2\.4\.1\./,
      );
      expect((await station.integrations.icecast.stats()).mounts.map((m) => [m.mount, m.streamStart])).toEqual(before);
    },
    30_000,
  );
});
