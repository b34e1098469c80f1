// The HLS check on a real Liquidsoap 2.1.3 writing 1 s segments into a temp dir, served by a local HTTP "edge";
// the origin is that same dir (the file's mtime stands for S3's LastModified after the sync). Real time here: the
// check waits one target duration (1 s) like a player, and a killed encoder must be seen stale after 1.5.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHlsOperations, type HlsOperations } from '../../../src/integrations/hls/hls-operations.js';
import { startEdgeServer, type EdgeServer } from '../../support/hls-edge-server.js';
import { startLiquidsoap, type LiquidsoapServer } from '../../support/liquidsoap-server.js';
import { waitFor } from '../../support/wait-for.js';

const RAP = { slug: 'rap', hlsPath: 'hls/rap/' };
let liquidsoap: LiquidsoapServer;
let edge: EdgeServer;
let hls: HlsOperations;

beforeAll(async () => {
  liquidsoap = await startLiquidsoap({
    channels: [{ output: 'rap', mount: '/rap.mp3', format: 'mp3', frequency: 440 }],
    hlsOutput: 'rap',
  });
  const root = liquidsoap.hlsRoot ?? '';
  edge = await startEdgeServer({ dir: root });
  hls = createHlsOperations({
    readObject: async (key) => {
      const [body, info] = await Promise.all([readFile(join(root, key), 'utf8'), stat(join(root, key))]);
      return { body, lastModified: info.mtime };
    },
    bucket: 'radio-audio-bucket',
    edgeUrl: edge.url,
    playlist: 'live.m3u8',
  });
  const playlist = join(root, 'hls', 'rap', 'live.m3u8');
  await waitFor(
    'the first media playlist',
    () => Promise.resolve(existsSync(playlist) && /#EXT-X-MEDIA-SEQUENCE:\d+/.test(readFileSync(playlist, 'utf8'))),
    600,
    100,
  );
}, 120_000);
afterAll(async () => {
  await edge?.close();
  await liquidsoap?.stop();
}, 30_000);

describe('issue 14 hls: a real Liquidsoap writing HLS', () => {
  it('advancing: the origin and the edge are fresh', async () => {
    const checked = await hls.check(RAP);
    expect(checked, JSON.stringify(checked)).toMatchObject({
      slug: 'rap',
      origin: { targetDuration: 1, verdict: 'fresh' },
      edge: { targetDuration: 1, advanced: true, notAdvancedForMs: 0, verdict: 'fresh' },
      verdict: 'fresh',
    });
    expect(checked).not.toHaveProperty('stale');
  }, 30_000);

  it('after kill -9 of the encoder, the playlist stops advancing and both layers are stale, the origin named', async () => {
    await liquidsoap.kill('SIGKILL');
    await hls.check(RAP); // the edge alone watches it for 1.5 target durations
    const checked = await hls.check(RAP);
    expect(checked, JSON.stringify(checked)).toMatchObject({
      origin: { verdict: expect.stringMatching(/^(warn|critical)$/) },
      edge: {
        advanced: false,
        notAdvancedForMs: expect.any(Number),
        verdict: expect.stringMatching(/^(warn|critical)$/),
      },
      stale: 'origin',
    });
    expect('notAdvancedForMs' in checked.edge && checked.edge.notAdvancedForMs).toBeGreaterThanOrEqual(1_500);
    expect('gets' in checked.edge && checked.edge.gets).toHaveLength(3);
  }, 30_000);
});
