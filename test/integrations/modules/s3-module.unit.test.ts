import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { s3Module } from '../../../src/integrations/s3/s3-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());
const yaml = { region: 'eu-west-1', s3: { bucket: 'bucket-1' } };

describe('the s3 module', () => {
  it('builds its S3 client on the first call, in the configured region, and only once', async () => {
    const s3 = s3Module.create(integrationContext({ yaml }).context);
    expect(s3?.bucket).toBe('bucket-1');
    expect(s3Mock.calls()).toHaveLength(0);
    s3Mock.on(ListObjectsV2Command).resolves({ CommonPrefixes: [{ Prefix: 'audio/rap/' }] });
    s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 3 });
    expect(await s3?.listChannels()).toEqual(['rap']);
    await s3?.head('audio/rap/a.mp3');
    const [list, head] = s3Mock.calls();
    expect(list?.args[0].input).toEqual({ Bucket: 'bucket-1', Prefix: 'audio/', Delimiter: '/' });
    expect(head?.args[0].input).toEqual({ Bucket: 'bucket-1', Key: 'audio/rap/a.mp3' });
    expect(head?.thisValue).toBe(list?.thisValue);
    expect(await (list?.thisValue as S3Client).config.region()).toBe('eu-west-1');
  });

  it('grants listing on the bucket, object verbs under it, deletes only under s3.cleanupPrefixes and folder puts only under s3.prefixRoots', () => {
    const statements = s3Module.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope()) ?? [];
    expect(Object.fromEntries(statements.map((statement) => [statement.Sid, statement.Resource]))).toEqual({
      CloudWatchMetricsRead: ['*'],
      S3BucketList: ['arn:aws:s3:::bucket-1'],
      S3ObjectsRead: ['arn:aws:s3:::bucket-1/*'],
      S3ObjectRestore: ['arn:aws:s3:::bucket-1/*'],
      S3Cleanup: ['arn:aws:s3:::bucket-1/temp/*'],
      S3PrefixCreate: ['arn:aws:s3:::bucket-1/audio/*', 'arn:aws:s3:::bucket-1/hls/*'],
    });
  });

  it('without it, the s3 commands answer its not-configured text', async () => {
    const runner = commandRunner({});
    for (const line of [
      's3 channels',
      's3 size',
      's3 versions audio/a.mp3',
      's3 presign audio/a.mp3',
      's3 prefix create audio/electro/',
    ]) {
      expect(await runner.run(line)).toMatchObject({
        status: 'refused',
        code: 'not_configured',
        reply: { summary: s3Module.notConfigured },
      });
    }
  });
});
