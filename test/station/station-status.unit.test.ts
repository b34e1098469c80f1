// The status probe over fakes of our own interfaces: every source asked at once, each under its own deadline (a
// source that never answers, even one that ignores its signal, is `unknown: <why>` at its deadline), optional
// sources not configured, and the verdict line. Fake timers: deadlines pass without real waiting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelHls } from '../../src/integrations/hls/hls-operations.js';
import type { IcecastMount, IcecastStats } from '../../src/integrations/icecast/icecast-operations.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { settleWithin } from '../../src/station/settle-within.js';
import {
  probeStationStatus,
  STATUS_DEADLINES,
  statusDeadlinesWithin,
  type StatusSources,
} from '../../src/station/station-status.js';
import { silentLog } from '../support/fakes.js';

afterEach(() => vi.useRealTimers());

const CHANNELS = [
  { slug: 'rap', mount: '/rap.mp3', output: 'rap', hlsPath: 'hls/rap/' },
  { slug: 'jazz', mount: '/jazz.ogg', output: 'jazz', hlsPath: 'hls/jazz/' },
];
const directory = (radioChannels = () => Promise.resolve(undefined)) =>
  createChannelDirectory({ stationDb: { radioChannels }, channels: CHANNELS, log: silentLog });

const mount = (path: string, extra: Partial<IcecastMount> = {}): IcecastMount => ({
  mount: path,
  listeners: 0,
  listenerPeak: 0,
  ...extra,
});
const stats = (...mounts: IcecastMount[]): IcecastStats => ({
  serverId: 'Icecast 2.4.4',
  api: '2.4',
  endpoint: '/admin/stats',
  mounts,
});
const hlsOf = (slug: string, judged: Pick<ChannelHls, 'verdict' | 'stale'>): ChannelHls => ({
  slug,
  checkedAt: new Date(0),
  origin: { unknown: 'not read in this test' },
  edge: { unknown: 'not read in this test' },
  ...judged,
});
const never = () => new Promise<never>(() => undefined);

describe('issue 14 status probe', () => {
  it('asks Icecast, Liquidsoap and every HLS check at once: HLS starts while Icecast has not answered', async () => {
    let answerIcecast: (value: IcecastStats) => void = () => undefined;
    const checked: string[] = [];
    const sources: StatusSources = {
      channels: directory(),
      icecast: { stats: () => new Promise((resolve) => (answerIcecast = resolve)) },
      liquidsoap: { address: '127.0.0.1:1234', uptime: async () => ({ text: '0d 00h 01m 00s', seconds: 60 }) },
      hls: {
        check: async (channel) => {
          checked.push(channel.slug);
          return hlsOf(channel.slug, { verdict: 'fresh' });
        },
      },
    };
    const probe = probeStationStatus(sources);
    await vi.waitFor(() => expect(checked).toEqual(['rap', 'jazz']));
    answerIcecast(stats(mount('/rap.mp3'), mount('/jazz.ogg')));
    const status = await probe;
    expect(status.verdict).toEqual({ severity: 'ok', sentence: 'All 2 channels on air', problems: [] });
  });

  it('a source that never answers (and ignores its signal) is unknown: <why> at its own deadline; the rest answers', async () => {
    vi.useFakeTimers();
    const sources: StatusSources = {
      channels: directory(),
      icecast: { stats: async () => stats(mount('/rap.mp3')) },
      liquidsoap: { address: '10.0.0.5:1234', uptime: never },
      hls: { check: async (channel) => hlsOf(channel.slug, { verdict: 'fresh' }) },
    };
    const probe = probeStationStatus(sources);
    await vi.advanceTimersByTimeAsync(STATUS_DEADLINES.liquidsoapMs);
    const status = await probe;
    expect(status.encoder).toEqual({ unknown: 'Liquidsoap at 10.0.0.5:1234 did not answer within 8 s' });
    expect(status.channels.map((c) => c.source)).toEqual([{ onAir: true, mount: mount('/rap.mp3') }, { onAir: false }]);
    expect(status.verdict).toMatchObject({
      severity: 'critical',
      sentence: 'jazz is off air; the encoder (Liquidsoap) could not be asked',
    });
  });

  it('without Liquidsoap and HLS configured: not configured, and the verdict does not count them', async () => {
    const status = await probeStationStatus({
      channels: directory(),
      icecast: { stats: async () => stats(mount('/rap.mp3'), mount('/jazz.ogg')) },
    });
    expect(status.encoder).toEqual({ notConfigured: 'not configured (station.liquidsoap)' });
    expect(status.channels.map((c) => c.hls)).toEqual([
      { notConfigured: 'not configured (station.hls)' },
      { notConfigured: 'not configured (station.hls)' },
    ]);
    expect(status.verdict.sentence).toBe('All 2 channels on air');
  });

  it('a channel with `hls: false` is not HLS-checked: "not used", and the verdict does not count it', async () => {
    const checked: string[] = [];
    const status = await probeStationStatus({
      channels: createChannelDirectory({
        stationDb: { radioChannels: () => Promise.resolve(undefined) },
        channels: [CHANNELS[0]!, { ...CHANNELS[1]!, hls: false }],
        log: silentLog,
      }),
      icecast: { stats: async () => stats(mount('/rap.mp3'), mount('/jazz.ogg')) },
      hls: {
        check: async (channel) => {
          checked.push(channel.slug);
          return hlsOf(channel.slug, { verdict: 'fresh' });
        },
      },
    });
    expect(checked).toEqual(['rap']);
    expect(status.channels.find((c) => c.channel.slug === 'jazz')?.hls).toEqual({
      notConfigured: 'not used (hls: false in station.channels)',
    });
    expect(status.verdict).toMatchObject({ severity: 'ok', sentence: 'All 2 channels on air' });
  });

  it('names the stale HLS layer, critical at 3 target durations; a failed Icecast leaves on air unknown', async () => {
    const status = await probeStationStatus({
      channels: directory(),
      icecast: {
        stats: () =>
          Promise.reject(
            new Error("Icecast at http://icecast:8000 can't be reached (ECONNREFUSED); nothing was sent."),
          ),
      },
      hls: {
        check: async (channel) =>
          channel.slug === 'rap'
            ? hlsOf('rap', { verdict: 'warn', stale: 'edge' })
            : hlsOf('jazz', { verdict: 'critical', stale: 'origin' }),
      },
    });
    expect(status.channels[0]?.source).toEqual({
      unknown: "Icecast at http://icecast:8000 can't be reached (ECONNREFUSED); nothing was sent.",
    });
    expect(status.verdict).toMatchObject({
      severity: 'critical',
      sentence:
        "On air unknown: Icecast could not be read; rap's HLS edge is late; jazz's HLS origin is stale (critical)",
    });
  });

  it('the station database down: the YAML channels, and the verdict says the list is not the latest', async () => {
    const status = await probeStationStatus({
      channels: directory(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))),
      icecast: { stats: async () => stats(mount('/rap.mp3'), mount('/jazz.ogg')) },
    });
    expect(status.list.stale?.why).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(status.verdict).toMatchObject({
      severity: 'ok',
      sentence: 'All 2 channels on air; the channel list is not the latest (see the note)',
    });
  });
});

describe('settleWithin', () => {
  it("hands the work a signal that aborts at the deadline, and answers then even if the work doesn't stop", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const settled = settleWithin(
      (signal) => {
        seen = signal;
        return never();
      },
      6000,
      'Icecast did not answer within 6 s',
    );
    await vi.advanceTimersByTimeAsync(6000);
    expect(await settled).toEqual({ unknown: 'Icecast did not answer within 6 s' });
    expect(seen?.aborted).toBe(true);
  });

  it("a rejection is unknown: <its message>; the caller's signal ends it too", async () => {
    expect(await settleWithin(() => Promise.reject(new Error('boom')), 1000, 'late')).toEqual({ unknown: 'boom' });
    const run = new AbortController();
    const settled = settleWithin(never, 60_000, 'late', run.signal);
    run.abort(new Error('the command was cut off at its deadline (30 s)'));
    expect(await settled).toEqual({ unknown: 'the command was cut off at its deadline (30 s)' });
  });
});

describe('statusDeadlinesWithin', () => {
  it("keeps each source's deadline 1 s inside the command's, never below 0.5 s", () => {
    expect(statusDeadlinesWithin(30_000)).toEqual(STATUS_DEADLINES);
    expect(statusDeadlinesWithin(10_000)).toEqual({
      channelsMs: 5000,
      icecastMs: 6000,
      liquidsoapMs: 8000,
      hlsMs: 9000,
    });
    expect(statusDeadlinesWithin(1000).hlsMs).toBe(500);
  });
});
