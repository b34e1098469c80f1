// IcecastOperations against a real Icecast 2.4.4 of this file's own (test/support/icecast-server.ts), with test
// sources and listeners instead of Liquidsoap. Each test uses its own mounts, so the order does not matter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIcecastOperations } from '../../../src/integrations/icecast/create-icecast-operations.js';
import type { IcecastOperations } from '../../../src/integrations/icecast/icecast-operations.js';
import { startTestListener, startTestSource, waitForMount } from '../../support/icecast-clients.js';
import { startIcecastServer, type IcecastServer } from '../../support/icecast-server.js';

let server: IcecastServer;
let admin: IcecastOperations;
let publicOnly: IcecastOperations;
beforeAll(async () => {
  server = await startIcecastServer();
  admin = createIcecastOperations({
    url: server.url,
    adminUser: server.adminUser,
    adminPassword: server.adminPassword,
  });
  publicOnly = createIcecastOperations({ url: server.url, adminUser: server.adminUser });
});
afterAll(() => server?.stop());

const mountOf = async (operations: IcecastOperations, mount: string) =>
  (await operations.stats()).mounts.find((m) => m.mount === mount);
const mountNames = async (operations: IcecastOperations) => (await operations.stats()).mounts.map((m) => m.mount);
const POLL = { timeout: 10_000, interval: 25 };

describe('a real Icecast 2.4.4', () => {
  it('lists 0, 1 and 2 mounts, from /admin/stats and from the public status-json.xsl', async () => {
    const stats = await admin.stats();
    expect(stats).toMatchObject({ serverId: 'Icecast 2.4.4', api: '2.4', endpoint: '/admin/stats', mounts: [] });
    expect(await publicOnly.stats()).toMatchObject({ endpoint: '/status-json.xsl', mounts: [] });

    const rap = await startTestSource(server, '/count-rap.mp3');
    expect(await mountOf(admin, '/count-rap.mp3')).toMatchObject({ contentType: 'audio/mpeg', listeners: 0 });
    expect(await mountNames(publicOnly)).toEqual(['/count-rap.mp3']); // one: an object, not an array

    const jazz = await startTestSource(server, '/count-jazz.ogg', { kind: 'ogg' });
    expect(await mountOf(admin, '/count-jazz.ogg')).toMatchObject({
      contentType: 'application/ogg',
      subtype: 'Vorbis',
    });
    expect(await mountNames(publicOnly)).toEqual(['/count-jazz.ogg', '/count-rap.mp3']);
    expect(await mountNames(admin)).toEqual(['/count-jazz.ogg', '/count-rap.mp3']);

    await Promise.all([rap.close(), jazz.close()]);
    await waitForMount(server, '/count-rap.mp3', false);
    await waitForMount(server, '/count-jazz.ogg', false);
  });

  it('counts a listener: listeners and listenerPeak rise while it listens, listeners fall when it leaves', async () => {
    const source = await startTestSource(server, '/listen.mp3');
    expect(await mountOf(admin, '/listen.mp3')).toMatchObject({ listeners: 0, listenerPeak: 0 });
    const listener = await startTestListener(server, '/listen.mp3');
    await expect.poll(async () => (await mountOf(admin, '/listen.mp3'))?.listeners, POLL).toBe(1);
    expect(await mountOf(publicOnly, '/listen.mp3')).toMatchObject({ listeners: 1, listenerPeak: 1 });
    await expect.poll(() => listener.received, POLL).toBeGreaterThan(0);
    await listener.close();
    await expect.poll(async () => (await mountOf(admin, '/listen.mp3'))?.listeners, POLL).toBe(0);
    expect((await mountOf(admin, '/listen.mp3'))?.listenerPeak).toBe(1);
    await source.close();
  });

  it.each([
    ['/meta.mp3', 'mp3', ['-', '123', 'true', 'Café – Night Shift']],
    ['/meta.ogg', 'ogg', ['123', 'Café – Night Shift']],
  ] as const)(
    'updateMetadata changes the title of %s that stats returns, as text even where 2.4 writes bad JSON',
    async (mount, kind, songs) => {
      const source = await startTestSource(server, mount, { kind });
      for (const song of songs) {
        await admin.updateMetadata(mount, song);
        // MP3 metadata is ISO-8859-1 unless the mount says otherwise: Icecast writes the en dash as an entity.
        const title = kind === 'mp3' ? song.replace('–', '&#8211;') : song;
        // Icecast applies it with the source's next chunk: wait for it, then read it the public way too.
        await expect.poll(async () => (await mountOf(admin, mount))?.title, POLL).toBe(title);
        expect((await mountOf(publicOnly, mount))?.title).toBe(title);
      }
      await source.close();
    },
  );

  it('refuses metadata on a mount that is not MP3 or Ogg Vorbis (an AAC source), and changes nothing', async () => {
    const source = await startTestSource(server, '/aac.aac', { contentType: 'audio/aac' });
    await expect(admin.updateMetadata('/aac.aac', 'x')).rejects.toMatchObject({
      code: 'precondition',
      message: '`/aac.aac` streams audio/aac: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.',
    });
    expect((await mountOf(admin, '/aac.aac'))?.title).toBeUndefined();
    await source.close();
  });

  it('killSource disconnects the source and its listener; a reconnecting source gets a new streamStart', async () => {
    const source = await startTestSource(server, '/kill.mp3');
    const listener = await startTestListener(server, '/kill.mp3');
    const before = (await mountOf(admin, '/kill.mp3'))?.streamStart;
    expect(before).toBeInstanceOf(Date);
    await admin.killSource('/kill.mp3');
    await Promise.all([source.closed, listener.closed]);
    await waitForMount(server, '/kill.mp3', false);
    expect(await mountOf(admin, '/kill.mp3')).toBeUndefined();
    await expect(admin.killSource('/kill.mp3')).rejects.toMatchObject({ code: 'precondition' });

    // stream_start has whole seconds; a loaded run once read the same second after a reconnect in the next one
    // (the source is accepted a moment after it connects): reconnect two seconds on, as a reconnecting Liquidsoap would.
    await expect
      .poll(() => Math.floor(Date.now() / 1000), POLL)
      .toBeGreaterThanOrEqual((before?.getTime() ?? 0) / 1000 + 2);
    const again = await startTestSource(server, '/kill.mp3');
    expect((await mountOf(admin, '/kill.mp3'))?.streamStart?.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    await again.close();
  });

  it('with a wrong admin password reads the public status and says why; an action fails saying so', async () => {
    const source = await startTestSource(server, '/wrong.mp3');
    const wrong = createIcecastOperations({ url: server.url, adminUser: 'admin', adminPassword: 'not-the-password' });
    const stats = await wrong.stats();
    expect(stats.endpoint).toBe('/status-json.xsl');
    expect(stats.mounts.map((m) => m.mount)).toContain('/wrong.mp3');
    expect(stats.note).toMatch(/refused the admin user `admin`/);
    await expect(wrong.killSource('/wrong.mp3')).rejects.toMatchObject({ code: 'unavailable' });
    expect(await mountOf(admin, '/wrong.mp3')).toBeDefined();
    await source.close();
  });
});
