// The test station end to end: a real Liquidsoap 2.1.3 streaming rap (MP3) and jazz (Ogg Vorbis) to a real
// Icecast 2.4.4 and writing rap's HLS, the setup phase 2's status, np, skip and watcher tests build on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIQUIDSOAP_TIMEOUTS } from '../../../src/integrations/liquidsoap/liquidsoap-exchange.js';
import {
  createLiquidsoapOperations,
  type LiquidsoapOperations,
} from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { startIcecastServer, type IcecastServer } from '../../support/icecast-server.js';
import { startLiquidsoap, type LiquidsoapServer } from '../../support/liquidsoap-server.js';

let icecast: IcecastServer;
let liquidsoap: LiquidsoapServer;
let ops: LiquidsoapOperations;
beforeAll(async () => {
  icecast = await startIcecastServer();
  liquidsoap = await startLiquidsoap({
    icecast: { host: '127.0.0.1', port: icecast.port, sourcePassword: icecast.sourcePassword },
    hlsOutput: 'rap',
  });
  ops = createLiquidsoapOperations({
    host: liquidsoap.host,
    port: liquidsoap.port,
    pushAllowList: [],
    timeouts: DEFAULT_LIQUIDSOAP_TIMEOUTS,
  });
}, 120_000);
afterAll(async () => {
  await liquidsoap?.stop();
  await icecast?.stop();
}, 30_000);

interface JsonSource {
  listenurl: string;
  server_type?: string;
  title?: unknown;
}

/** Icecast's mounts from `/status-json.xsl` (`source` is absent, one object, or an array, by count). */
async function mounts(): Promise<Map<string, JsonSource>> {
  const response = await fetch(`${icecast.url}/status-json.xsl`, { signal: AbortSignal.timeout(5_000) });
  const { icestats } = (await response.json()) as { icestats: { source?: JsonSource | JsonSource[] } };
  const sources = icestats.source === undefined ? [] : [icestats.source].flat();
  return new Map(sources.map((source) => [new URL(source.listenurl).pathname, source]));
}

const POLL = { timeout: 20_000, interval: 200 };
const titleOf = async (mount: string) => String((await mounts()).get(mount)?.title ?? '');

describe('Liquidsoap streaming to Icecast', () => {
  it('puts rap on /rap.mp3 as MP3 and jazz on /jazz.ogg as Ogg Vorbis', async () => {
    await expect.poll(async () => [...(await mounts()).keys()].sort(), POLL).toEqual(['/jazz.ogg', '/rap.mp3']);
    const now = await mounts();
    expect(now.get('/rap.mp3')?.server_type).toBe('audio/mpeg');
    expect(now.get('/jazz.ogg')?.server_type).toBe('application/ogg');
  }, 60_000);

  it("a skip's new title reaches each mount: `artist - title` on MP3, the Vorbis title on Ogg", async () => {
    // MP3 sources send ICY metadata (`song`: Liquidsoap joins artist and title); Ogg carries Vorbis comments,
    // which Icecast shows as they are, the artist in a field of its own.
    await expect.poll(() => titleOf('/rap.mp3'), POLL).toMatch(/^radio-ops test - rap tone \d+$/);
    await expect.poll(() => titleOf('/jazz.ogg'), POLL).toMatch(/^jazz tone \d+$/);
    const [rap, jazz] = [await titleOf('/rap.mp3'), await titleOf('/jazz.ogg')];
    await ops.skip('rap');
    await ops.skip('jazz');
    await expect.poll(() => titleOf('/rap.mp3'), POLL).not.toBe(rap);
    await expect.poll(() => titleOf('/jazz.ogg'), POLL).not.toBe(jazz);
  }, 90_000);

  it("writes rap's HLS with 1 s segments, and its media sequence advances", async () => {
    const playlist = join(liquidsoap.hlsRoot ?? '', 'hls', 'rap', 'live.m3u8');
    const sequence = () => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(readFileSync(playlist, 'utf8'))?.[1] ?? -1);
    await expect.poll(sequence, POLL).toBeGreaterThanOrEqual(0);
    expect(readFileSync(playlist, 'utf8')).toMatch(/#EXT-X-TARGETDURATION:1\r\n/); // CRLF, as Liquidsoap writes it
    const first = sequence();
    await expect.poll(sequence, POLL).toBeGreaterThan(first);
  }, 60_000);
});
