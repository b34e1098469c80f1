import { readFileSync } from 'node:fs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { hlsModule } from '../../../src/integrations/hls/hls-module.js';
import { integrationsForRun } from '../../../src/integrations/run-view.js';
import { MODULES } from '../../../src/integrations/modules.js';
import { memoryAuditLog } from '../../support/fakes.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';
import { playlistBody } from '../../support/hls-edge-server.js';

const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());
const LIVE = readFileSync(new URL('../../fixtures/hls/live-liquidsoap-2.1.3.m3u8', import.meta.url), 'utf8');
const station = { hls: { edgeUrl: 'https://d111111abcdef8.cloudfront.net' } };
const yaml = { region: 'eu-west-1', s3: { bucket: 'bucket-1' }, station };

describe('issue 14 hls: the hls module', () => {
  it('is registered, and not configured without station.hls', () => {
    expect(MODULES.get('hls')).toBe(hlsModule);
    expect(hlsModule.create(integrationContext().context)).toBeUndefined();
    expect(hlsModule.notConfigured).toMatch(/station\.hls/);
  });

  it('reads <hlsPath><playlist> of s3.bucket with GetObject, in the configured region, on the first check only', async () => {
    const hls = hlsModule.create(integrationContext({ yaml }).context);
    expect(s3Mock.calls()).toHaveLength(0);
    s3Mock.on(GetObjectCommand).resolves({ Body: playlistBody(LIVE), LastModified: new Date() });
    const origin = await hls?.checkOrigin({ slug: 'rap', hlsPath: 'hls/rap/' });
    expect(origin).toMatchObject({ object: 's3://bucket-1/hls/rap/live.m3u8', mediaSequence: 35, targetDuration: 1 });
    const [get] = s3Mock.calls();
    expect(get?.args[0].input).toEqual({ Bucket: 'bucket-1', Key: 'hls/rap/live.m3u8' });
    expect(await (get?.thisValue as S3Client).config.region()).toBe('eu-west-1');
    expect(hls?.edgeUrlOf({ slug: 'rap', hlsPath: 'hls/rap/' })).toBe(
      'https://d111111abcdef8.cloudfront.net/hls/rap/live.m3u8',
    );
  });

  it('in AWS dry-run mode it calls no AWS: the origin is unknown and says why', async () => {
    const { context } = integrationContext({ yaml });
    const hls = hlsModule.create({
      ...context,
      settings: {
        aws: {
          mode: 'dry-run',
          reason: 'no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live).',
        },
      },
    });
    // The reason's own parentheses are not nested inside another pair, nor followed by `.:`.
    expect(await hls?.checkOrigin({ slug: 'rap', hlsPath: 'hls/rap/' })).toEqual({
      unknown:
        'S3 was not asked: AWS is in dry-run mode; no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live)',
    });
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it("a run's view carries the run's signal: check(channel) without one of its own (the hls command) still ends with the run", async () => {
    const hls = hlsModule.create(integrationContext({ yaml }).context);
    if (!hls) throw new Error('the hls module was not configured');
    s3Mock.on(GetObjectCommand).resolves({ Body: playlistBody(LIVE), LastModified: new Date() });
    const run = new AbortController();
    run.abort(new Error("the run's deadline passed"));
    const forRun = integrationsForRun({ audit: memoryAuditLog(), hls }, run.signal).hls;
    const checked = await forRun?.check({ slug: 'rap', hlsPath: 'hls/rap/' });
    // The S3 client's send(command, { abortSignal }): the mock records both arguments.
    const sent = (s3Mock.calls()[0]?.args as unknown[] | undefined)?.[1] as { abortSignal?: AbortSignal } | undefined;
    expect(sent?.abortSignal?.aborted).toBe(true);
    // The edge GET is never made: the run had already ended.
    expect(checked?.edge).toEqual({ unknown: expect.stringMatching(/deadline|abort/i) as unknown });
  });

  it('grants s3:GetObject on the HLS prefix only', () => {
    const statements = hlsModule.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope()) ?? [];
    expect(statements).toEqual([
      {
        Sid: 'S3HlsPlaylistsRead',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::bucket-1/hls/*'],
      },
    ]);
  });
});
