// `hls <channel>` through the real dispatcher: the channel from the station's channel list (radio_channels merged
// with station.channels; slug case-insensitive), both layers checked by the hls module over an aws-sdk-client-mock'ed
// S3 and a local HTTP edge, a neutral reply.
import { readFileSync } from 'node:fs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hlsCommand, type HlsResult } from '../../src/commands/hls.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createHlsOperations } from '../../src/integrations/hls/hls-operations.js';
import { s3PlaylistReader } from '../../src/integrations/hls/hls-origin.js';
import { hlsModule } from '../../src/integrations/hls/hls-module.js';
import type { RadioChannelRow } from '../../src/integrations/station-db/station-database.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { commandRunner, replyText, VIEWER } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';
import { playlistBody, startEdgeServer, type EdgeServer } from '../support/hls-edge-server.js';
import { integrationContext } from '../support/integration-context.js';
import { manualClock } from '../support/manual-clock.js';

const LIVE = readFileSync(new URL('../fixtures/hls/live-liquidsoap-2.1.3.m3u8', import.meta.url), 'utf8');
const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer({ playlist: LIVE, headers: { age: '1', 'x-cache': 'Hit from cloudfront' } });
});
afterAll(() => edge.close());

const RADIO_CHANNELS: RadioChannelRow[] = [{ slug: 'rap', hlsPath: '/live/rap-hls' }, { slug: 'Soul' }];

/**
 * The dispatcher with hls operations as the module builds them (GetObject on an S3 client, the edge over HTTP),
 * on a manual clock so the edge's waits take no real time; `radio_channels` (rap with an HLS path of its own,
 * soul) read through the channel list, unless `radioChannels` fails.
 */
function runner(clock = manualClock(), radioChannels = () => Promise.resolve(RADIO_CHANNELS)) {
  const yaml = {
    s3: { bucket: 'radio-audio-bucket' },
    station: { channels: ['jazz', 'rap'], hls: { edgeUrl: edge.url } },
  };
  const hls = createHlsOperations({
    readObject: s3PlaylistReader(new S3Client({ region: 'us-east-1' }), 'radio-audio-bucket'),
    bucket: 'radio-audio-bucket',
    edgeUrl: edge.url,
    playlist: 'live.m3u8',
    clock,
  });
  const channels = createChannelDirectory({
    stationDb: { radioChannels },
    channels: RadioConfig.parse(yaml).station.channels,
    log: silentLog,
  });
  return commandRunner({ hls, channels }, yaml);
}

describe('issue 14 hls: the hls command', () => {
  it("hls RAP (any case): GetObject of the channel's hls_path, the edge watched; origin fresh, edge stale", async () => {
    const clock = manualClock();
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: playlistBody(LIVE), LastModified: new Date(clock.now()) }));
    const before = edge.requests;
    const outcome = await runner(clock).run('hls RAP', VIEWER);
    expect(outcome.status, JSON.stringify(outcome.reply)).toBe('succeeded');
    expect(s3Mock.calls().map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-bucket', Key: 'live/rap-hls/live.m3u8' },
    ]);
    expect(edge.requests).toBe(before + 3);
    expect(outcome.reply.summary).toBe('HLS of rap: warn, the edge is late');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('CloudFront is caching the manifest');
    expect(shown).toContain('media sequence 35 -> 35 -> 35');
    expect(shown).toContain('Age 1 s, X-Cache Hit from cloudfront');
  });

  it('an unknown channel is refused with the list it was looked up in, and nothing is read', async () => {
    const before = edge.requests;
    const outcome = await runner().run('hls jazz');
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(outcome.reply.summary).toBe(
      'There is no channel `jazz` (from radio_channels: rap, soul). It is in station.channels but not in radio_channels.',
    );
    expect(s3Mock.calls()).toHaveLength(0);
    expect(edge.requests).toBe(before);
  });

  it("the station database down: station.channels' HLS path, and the reply says which list it used", async () => {
    const clock = manualClock();
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: playlistBody(LIVE), LastModified: new Date(clock.now()) }));
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const outcome = await runner(clock, down).run('hls rap');
    expect(outcome.status).toBe('succeeded');
    expect(s3Mock.calls()[0]?.args[0].input).toEqual({ Bucket: 'radio-audio-bucket', Key: 'hls/rap/live.m3u8' });
    expect(replyText(outcome.reply)).toContain(
      'The station database could not be read (connect ECONNREFUSED 127.0.0.1:5432): using station.channels from the configuration.',
    );
  });

  it("without station.hls it answers the module's not-configured text", async () => {
    const { context } = integrationContext({ yaml: { station: { channels: ['rap'] } } });
    const channels = createChannelDirectory({
      stationDb: { radioChannels: () => Promise.resolve(undefined) },
      channels: [],
      log: silentLog,
    });
    expect(await commandRunner({ hls: hlsModule.create(context), channels }).run('hls rap')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: hlsModule.notConfigured },
    });
  });

  it('shows an unknown layer as unknown: <why>, and the verdict as unknown when nothing is known stale', () => {
    const result: HlsResult = {
      object: 's3://radio-audio-bucket/hls/rap/live.m3u8',
      url: 'https://d111111abcdef8.cloudfront.net/hls/rap/live.m3u8',
      slug: 'rap',
      checkedAt: new Date('2025-03-14T21:20:00Z'),
      origin: { unknown: 'Not found: `s3://radio-audio-bucket/hls/rap/live.m3u8` (NoSuchKey from `s3:GetObject`).' },
      edge: {
        url: 'https://d111111abcdef8.cloudfront.net/hls/rap/live.m3u8',
        mediaSequence: 36,
        targetDuration: 1,
        gets: [],
        advanced: true,
        notAdvancedForMs: 0,
        verdict: 'fresh',
      },
      verdict: 'unknown',
    };
    const reply = hlsCommand.present(result, { channel: 'rap' });
    expect(reply.summary).toBe('HLS of rap: unknown');
    expect(replyText(reply)).toContain(
      'Origin: unknown: Not found: s3://radio-audio-bucket/hls/rap/live.m3u8 (NoSuchKey from s3:GetObject).',
    );
  });
});
