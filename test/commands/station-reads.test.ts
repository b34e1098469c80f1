// Issue 14's read commands (`status`, `np`, `listeners`, `mounts`, `liquidsoap`) through the real dispatcher on
// the test station: a real Icecast 2.4.4 and Liquidsoap 2.1.3 (rap MP3 with queue and HLS, jazz Ogg without
// HLS), and the faults `status` must survive (Icecast dropping or hung, Liquidsoap down).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icecastModule } from '../../src/integrations/icecast/icecast-module.js';
import { createLiquidsoapOperations } from '../../src/integrations/liquidsoap/liquidsoap-operations.js';
import type { StationStatus } from '../../src/station/station-status.js';
import { commandRunner, replyText, VIEWER } from '../support/command-runner.js';
import { startDroppingServer } from '../support/dropping-server.js';
import { closedPort, startHungServer } from '../support/hung-server.js';
import { startTestListener } from '../support/icecast-clients.js';
import { integrationContext } from '../support/integration-context.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { waitFor } from '../support/wait-for.js';

let station: TestStation;
beforeAll(async () => {
  station = await startTestStation();
  // Icecast lists a mount a moment before it has the stream's first title (an Ogg one: its first comment).
  await waitFor(
    'a title on both mounts',
    async () => (await station.integrations.icecast.stats()).mounts.every((mount) => mount.title !== undefined),
    600,
    100,
  );
}, 120_000);
afterAll(async () => station?.stop(), 30_000);

const runner = (overrides: Record<string, unknown> = {}) =>
  commandRunner({ ...station.integrations, ...overrides }, station.yaml);

/** An Icecast client as the module builds it, pointed at `url` (a dropping or hung server). */
const icecastAt = (url: string) =>
  icecastModule.create(
    integrationContext({
      yaml: { station: { icecast: { url } } },
      settings: { aws: { mode: 'live' }, icecastAdminPassword: 'not-the-real-one' },
    }).context,
  );

describe('issue 14 station reads: status', () => {
  it('shows both channels on air with now playing, rap HLS fresh, jazz HLS unknown (no playlist), the encoder up', async () => {
    const outcome = await runner().run('status', VIEWER);
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    const status = (outcome as { result: StationStatus }).result;
    expect(status.channels.map((c) => [c.channel.slug, 'onAir' in c.source && c.source.onAir])).toEqual([
      ['rap', true],
      ['jazz', true],
    ]);
    const shown = replyText(outcome.reply);
    expect(shown).toMatch(/On air: since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(shown).toMatch(/Now playing: .*rap tone \d+/);
    expect(shown).toMatch(/Now playing: .*jazz tone \d+/);
    expect(shown).toContain('HLS: fresh — HLS is fresh at the origin and at the edge');
    // jazz writes no HLS in the test station: both layers answer "not found", so it can't be judged.
    expect(shown).toContain('HLS: unknown — neither layer could be read (no playlist?)');
    expect(shown).toContain('HLS edge: unknown: the edge answered 404 Not Found');
    expect(shown).toMatch(/Encoder: Liquidsoap at 127\.0\.0\.1:\d+, up 0d \d\dh \d\dm \d\ds/);
    expect(outcome.reply.summary).toBe("All 2 channels on air; jazz's HLS could not be checked");
    expect(shown).not.toContain(station.icecast.adminPassword);
  }, 60_000);

  it("Icecast dropping every connection: the rest answers, Icecast's part is unknown: <why>", async () => {
    const dropping = await startDroppingServer('reset');
    try {
      const outcome = await runner({ icecast: icecastAt(dropping.url) }).run('status');
      expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
      const shown = replyText(outcome.reply);
      expect(shown).toContain(`On air: unknown: Icecast at ${dropping.url} dropped the connection`);
      expect(shown).toContain('HLS: fresh');
      expect(shown).toMatch(/Encoder: Liquidsoap at 127\.0\.0\.1:\d+, up /);
      expect(outcome.reply.summary).toMatch(/^On air unknown: Icecast could not be read/);
      expect(dropping.dropped).toBeGreaterThan(0);
    } finally {
      await dropping.close();
    }
  }, 60_000);

  it("Icecast hung: status answers at Icecast's deadline with unknown: <why>", async () => {
    const hung = await startHungServer();
    try {
      const outcome = await runner({ icecast: icecastAt(hung.url) }).run('status');
      expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
      expect(replyText(outcome.reply)).toContain(`On air: unknown: Icecast at ${hung.url} did not answer`);
      expect(replyText(outcome.reply)).toMatch(/Encoder: Liquidsoap at .*, up /);
    } finally {
      await hung.close();
    }
  }, 60_000);

  it('Liquidsoap down: the encoder is unknown: <why>, the channels are still on air', async () => {
    const port = await closedPort();
    const liquidsoap = createLiquidsoapOperations({
      host: '127.0.0.1',
      port,
      pushAllowList: [],
      timeouts: { connectMs: 2000, replyMs: 5000 },
    });
    const outcome = await runner({ liquidsoap }).run('status');
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain(`Encoder: unknown: `);
    expect(shown).toContain(`127.0.0.1:${port}`);
    expect(outcome.reply.summary).toMatch(/^All 2 channels on air; .*the encoder \(Liquidsoap\) could not be asked/);
  }, 60_000);
});

describe('issue 14 station reads: np, listeners, mounts, liquidsoap', () => {
  it('np shows each channel’s title from Icecast and Liquidsoap’s newest metadata', async () => {
    const outcome = await runner().run('np', VIEWER);
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toMatch(/Title: .*rap tone \d+/);
    expect(shown).toMatch(/Title: .*jazz tone \d+/);
    expect(shown).toMatch(/Liquidsoap: title "rap tone \d+", artist "radio-ops test"/);
    const one = await runner().run('np JAZZ', VIEWER);
    expect(replyText(one.reply)).not.toContain('rap tone');
    expect(await runner().run('np soul')).toMatchObject({ status: 'refused', code: 'usage' });
  }, 60_000);

  it('a test listener on /rap.mp3 raises listeners; the total is the sum over mounts', async () => {
    const listener = await startTestListener(station.icecast, '/rap.mp3');
    try {
      await expect
        .poll(async () => (await station.integrations.icecast.stats()).mounts.find((m) => m.mount === '/rap.mp3'))
        .toMatchObject({ listeners: 1 });
      const outcome = await runner().run('listeners', VIEWER);
      expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
      expect(replyText(outcome.reply)).toMatch(/rap \| \/rap\.mp3 \| 1 \| [1-9]/);
      expect(replyText(outcome.reply)).toMatch(/jazz \| \/jazz\.ogg \| 0 \| \d/);
      expect(outcome.reply.summary).toBe('1 listener on 2 mounts');
      const rap = await runner().run('listeners rap', VIEWER);
      expect(rap.reply.summary).toBe('rap: 1 listener now');
    } finally {
      await listener.close();
    }
  }, 60_000);

  it('mounts lists both with type, bitrate and channel, and no listener addresses', async () => {
    const outcome = await runner().run('mounts', VIEWER);
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toMatch(/\/jazz\.ogg \| jazz \| application\/ogg \(Vorbis\) \| /);
    expect(shown).toMatch(/\/rap\.mp3 \| rap \| audio\/mpeg \| 64 kbit\/s \| /);
    expect(outcome.reply.summary).toBe('2 mounts on Icecast');
    expect(shown).not.toMatch(/127\.0\.0\.1(?!:)/);
    expect(shown).not.toContain(station.icecast.adminPassword);
  }, 60_000);

  it('liquidsoap shows version, uptime, outputs rap and jazz, queue rap_queue, no output start/stop on 2.1.3', async () => {
    const outcome = await runner().run('liquidsoap', VIEWER);
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('Version: Liquidsoap 2.1.3');
    expect(shown).toMatch(/Uptime: 0d \d\dh \d\dm \d\ds/);
    expect(shown).toMatch(/Outputs: .*jazz \(channel jazz\).*rap \(channel rap\)/);
    expect(shown).toContain('Queues: rap_queue (channel rap)');
    expect(shown).toContain('output start/stop: not in this version');
  }, 60_000);
});
