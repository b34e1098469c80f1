// The origin check: S3 GetObject (aws-sdk-client-mock, exact input) judged by LastModified against an injected
// clock; its failures as unknown: <why>; and which layer is stale when the origin is fresh but the edge is not.
import { readFileSync } from 'node:fs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsClientOptions } from '../../../src/integrations/aws/aws-client-options.js';
import { createHlsOperations } from '../../../src/integrations/hls/hls-operations.js';
import { s3PlaylistReader } from '../../../src/integrations/hls/hls-origin.js';
import { awsError } from '../../support/aws-command-harness.js';
import { playlistBody, startEdgeServer } from '../../support/hls-edge-server.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';
import { manualClock } from '../../support/manual-clock.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/hls/${name}`, import.meta.url), 'utf8');
const LIVE = fixture('live-liquidsoap-2.1.3.m3u8');
const RAP = { slug: 'rap', hlsPath: 'hls/rap/' };
const BUCKET = 'radio-audio-bucket';
const s3 = new S3Client({ region: 'us-east-1' });
const s3Mock = mockClient(s3);
afterEach(() => s3Mock.reset());

let hung: HungServer;
beforeAll(async () => {
  hung = await startHungServer();
});
afterAll(() => hung.close());

function originOps(clock = manualClock(), edgeUrl = 'http://127.0.0.1:9') {
  return createHlsOperations({
    readObject: s3PlaylistReader(s3, BUCKET),
    bucket: BUCKET,
    edgeUrl,
    playlist: 'live.m3u8',
    clock,
    timeouts: { originMs: 5_000, edgeGetMs: 5_000, edgeMs: 20_000 },
  });
}

describe('issue 14 hls: the origin check', () => {
  it('GetObject of <hlsPath><playlist>: fresh below 1.5 target durations since LastModified, warn at 1.5, critical at 3', async () => {
    const clock = manualClock();
    const lastModified = new Date(clock.now() - 1_000);
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: playlistBody(LIVE), LastModified: lastModified }));
    const hls = originOps(clock);
    expect(await hls.checkOrigin(RAP)).toEqual({
      object: 's3://radio-audio-bucket/hls/rap/live.m3u8',
      lastModified,
      mediaSequence: 35,
      targetDuration: 1,
      notAdvancedForMs: 1_000,
      endList: false,
      verdict: 'fresh',
    });
    expect(s3Mock.calls()[0]?.args[0].input).toEqual({ Bucket: BUCKET, Key: 'hls/rap/live.m3u8' });
    clock.advance(500);
    expect(await hls.checkOrigin(RAP)).toMatchObject({ notAdvancedForMs: 1_500, verdict: 'warn' });
    clock.advance(1_500);
    expect(await hls.checkOrigin(RAP)).toMatchObject({ notAdvancedForMs: 3_000, verdict: 'critical' });
  });

  it('a missing key, a refused action, a master playlist: unknown, in words', async () => {
    const hls = originOps();
    s3Mock.on(GetObjectCommand).rejectsOnce(awsError('NoSuchKey')).rejectsOnce(awsError('AccessDenied'));
    expect(await hls.checkOrigin(RAP)).toEqual({
      unknown: 'Not found: `s3://radio-audio-bucket/hls/rap/live.m3u8` (NoSuchKey from `s3:GetObject`).',
    });
    expect(await hls.checkOrigin(RAP)).toEqual({
      unknown: expect.stringMatching(/^AWS refused `s3:GetObject` on `s3:\/\/radio-audio-bucket\/hls\/rap\/live.m3u8`/),
    });
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: playlistBody(fixture('index-liquidsoap-2.1.3.m3u8')), LastModified: new Date() });
    expect(await hls.checkOrigin(RAP)).toEqual({
      unknown: 'this is a master playlist (#EXT-X-STREAM-INF), not the media playlist',
    });
  });

  it('a hung S3 is unknown at the origin deadline, and the request is aborted', async () => {
    const options = awsClientOptions('us-east-1');
    const client = new S3Client({
      ...options,
      endpoint: hung.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' },
    });
    const hls = createHlsOperations({
      readObject: s3PlaylistReader(client, BUCKET),
      bucket: BUCKET,
      edgeUrl: 'http://127.0.0.1:9',
      playlist: 'live.m3u8',
      timeouts: { originMs: 300, edgeGetMs: 300, edgeMs: 2_000 },
    });
    const closed = hung.closed;
    expect(await hls.checkOrigin(RAP)).toEqual({ unknown: 'S3 did not answer within 0.3 s' });
    await expect.poll(() => hung.closed).toBe(closed + 1);
    client.destroy();
  });

  it('origin fresh but the edge stale: the edge is the stale layer (CloudFront caching)', async () => {
    const clock = manualClock();
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: playlistBody(LIVE), LastModified: new Date(clock.now()) }));
    const edge = await startEdgeServer({ playlist: LIVE });
    try {
      const checked = await originOps(clock, edge.url).check(RAP);
      expect(checked).toMatchObject({
        slug: 'rap',
        origin: { verdict: 'fresh' },
        edge: { advanced: false, verdict: 'warn' },
        verdict: 'warn',
        stale: 'edge',
      });
    } finally {
      await edge.close();
    }
  });
});
