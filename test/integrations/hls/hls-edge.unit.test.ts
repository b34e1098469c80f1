// The edge check against real local HTTP servers: a playlist that advances, one that does not (stale), a hung
// edge and a dropping one (unknown within the injected deadlines). Waits between GETs run on a manual clock.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/alarms/clock.js';
import { createHlsOperations, type HlsTimeouts } from '../../../src/integrations/hls/hls-operations.js';
import { startDroppingServer, startEdgeServer, type EdgeServer } from '../../support/hls-edge-server.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';
import { manualClock } from '../../support/manual-clock.js';

const LIVE = readFileSync(new URL('../../fixtures/hls/live-liquidsoap-2.1.3.m3u8', import.meta.url), 'utf8');
const RAP = { slug: 'rap', hlsPath: 'hls/rap/' };
/** For edges that answer: generous, so a loaded machine never turns an answer into a timeout. */
const ANSWERING: HlsTimeouts = { originMs: 5_000, edgeGetMs: 5_000, edgeMs: 20_000 };
/** For edges that never answer: short, so the test ends in well under a second. */
const SHORT: HlsTimeouts = { originMs: 1_000, edgeGetMs: 300, edgeMs: 2_000 };
const playlistAt = (sequence: number, targetDuration = 1) =>
  LIVE.replace('#EXT-X-MEDIA-SEQUENCE:35', `#EXT-X-MEDIA-SEQUENCE:${sequence}`).replace(
    '#EXT-X-TARGETDURATION:1',
    `#EXT-X-TARGETDURATION:${targetDuration}`,
  );

const edgeOps = (edgeUrl: string, clock: Clock = manualClock(), timeouts = ANSWERING, signal?: AbortSignal) =>
  createHlsOperations({
    readObject: () => Promise.reject(new Error('the origin is not part of this test')),
    bucket: 'radio-audio-bucket',
    edgeUrl,
    playlist: 'live.m3u8',
    clock,
    timeouts,
    signal,
  });

let hung: HungServer;
let dropping: EdgeServer;
beforeAll(async () => {
  [hung, dropping] = await Promise.all([startHungServer(), startDroppingServer()]);
});
afterAll(async () => {
  await Promise.all([hung.close(), dropping.close()]);
});

describe('issue 14 hls: the edge check', () => {
  it('a playlist that advances between two GETs one target duration apart is fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radio-ops-edge-'));
    mkdirSync(join(dir, 'hls', 'rap'), { recursive: true });
    const file = join(dir, 'hls', 'rap', 'live.m3u8');
    writeFileSync(file, playlistAt(35));
    const clock = manualClock();
    const slept: number[] = [];
    // The encoder writes the next segment while the check waits.
    const advancing: Clock = {
      now: clock.now,
      sleep: async (ms) => {
        slept.push(ms);
        await clock.sleep(ms);
        writeFileSync(file, playlistAt(36));
      },
    };
    const edge = await startEdgeServer({ dir });
    try {
      const checked = await edgeOps(edge.url, advancing).checkEdge(RAP);
      expect(checked).toMatchObject({
        url: `${edge.url}/hls/rap/live.m3u8`,
        mediaSequence: 36,
        targetDuration: 1,
        advanced: true,
        notAdvancedForMs: 0,
        verdict: 'fresh',
      });
      expect(slept).toEqual([1_000]);
      expect(edge.requests).toBe(2);
    } finally {
      await edge.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a playlist that answers 200 but does not advance is stale: warn after exactly 1.5 target durations', async () => {
    const edge = await startEdgeServer({ playlist: LIVE });
    try {
      const checked = await edgeOps(edge.url).checkEdge(RAP);
      expect(checked).toMatchObject({ mediaSequence: 35, advanced: false, notAdvancedForMs: 1_500, verdict: 'warn' });
      expect('gets' in checked && checked.gets.map((get) => get.mediaSequence)).toEqual([35, 35, 35]);
      expect(edge.requests).toBe(3);
    } finally {
      await edge.close();
    }
  });

  it("counts the cache's Age: a copy 2 s old that does not advance for 1.5 s is critical at 3 target durations", async () => {
    const headers = { age: '2', 'cache-control': 'max-age=60', 'x-cache': 'Hit from cloudfront' };
    const edge = await startEdgeServer({ playlist: LIVE, headers });
    try {
      expect(await edgeOps(edge.url).checkEdge(RAP)).toMatchObject({
        notAdvancedForMs: 3_500,
        verdict: 'critical',
        age: 2,
        cacheControl: 'max-age=60',
        xCache: 'Hit from cloudfront',
      });
    } finally {
      await edge.close();
    }
  });

  it('a hung edge is unknown at the GET deadline, and its connection is closed', async () => {
    const closed = hung.closed;
    expect(await edgeOps(hung.url, manualClock(), SHORT).checkEdge(RAP)).toEqual({
      unknown: 'the edge did not answer a GET within 0.3 s',
    });
    // The GET's connection is closed at its deadline. Node 24's fetch closes two here (it opened a second one for
    // the same GET), Node 20's one, so the count of closes is at least one more, not exactly one.
    await expect.poll(() => hung.closed).toBeGreaterThan(closed);
  });

  it('an edge that drops the connection is unknown, saying so', async () => {
    const checked = await edgeOps(dropping.url).checkEdge(RAP);
    expect(checked).toEqual({ unknown: expect.stringMatching(/^the edge dropped the connection \(.+\)$/) });
  });

  it('the whole check has its own deadline, longer than a GET: a wait that never ends is cut there', async () => {
    const edge = await startEdgeServer({ playlist: LIVE });
    const stuck: Clock = { now: () => 0, sleep: () => new Promise<void>(() => undefined) };
    try {
      expect(
        await edgeOps(edge.url, stuck, { originMs: 1_000, edgeGetMs: 2_000, edgeMs: 3_600 }).checkEdge(RAP),
      ).toEqual({
        unknown: 'the edge check did not finish within 3.6 s',
      });
    } finally {
      await edge.close();
    }
  });

  it("a target duration longer than the check can watch is unknown at once; so are a 404 and a run's deadline", async () => {
    const long = await startEdgeServer({ playlist: playlistAt(35, 20) });
    const missing = await startEdgeServer({ dir: tmpdir() });
    try {
      expect(await edgeOps(long.url).checkEdge(RAP)).toEqual({
        unknown: "its target duration (20 s) is too long to watch within the edge check's 20 s",
      });
      expect(long.requests).toBe(1);
      expect(await edgeOps(missing.url).checkEdge({ slug: 'x', hlsPath: 'hls/none/' })).toEqual({
        unknown: 'the edge answered 404 Not Found',
      });
      const run = new AbortController();
      const checking = edgeOps(hung.url, manualClock(), SHORT, run.signal).checkEdge(RAP);
      run.abort(new Error('the command did not finish within 30 s'));
      expect(await checking).toEqual({ unknown: 'the command did not finish within 30 s' });
    } finally {
      await Promise.all([long.close(), missing.close()]);
    }
  });
});
