import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { replyTable } from '../support/station-harness.js';
import { commandRunner, replyText } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const config = RadioConfig.parse({
  s3: { bucket: 'radio-audio-test' },
  station: { channels: ['rap', 'jazz', 'news'] },
});
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  config,
);
const radio = { s3: { bucket: 'radio-audio-test' }, station: { channels: ['rap', 'jazz', 'news'] } };

beforeEach(() => s3Mock.reset());

describe('s3 channels', () => {
  it('lists CommonPrefixes under audio/ over every page, against station.channels', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({
        CommonPrefixes: [{ Prefix: 'audio/jazz/' }, { Prefix: 'audio/lofi/' }],
        IsTruncated: true,
        NextContinuationToken: 'token-2',
      })
      .resolvesOnce({ CommonPrefixes: [{ Prefix: 'audio/rap/' }], IsTruncated: false });
    const outcome = await commandRunner({ s3 }, radio).run('s3 channels');
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-test', Prefix: 'audio/', Delimiter: '/' },
      { Bucket: 'radio-audio-test', Prefix: 'audio/', Delimiter: '/', ContinuationToken: 'token-2' },
    ]);
    expect(replyTable(outcome.reply).rows).toEqual([
      ['jazz', 'audio/jazz/', 'yes'],
      ['lofi', 'audio/lofi/', 'no'],
      ['rap', 'audio/rap/', 'yes'],
    ]);
    expect(replyText(outcome.reply)).toContain('In station.channels but without a prefix: news.');
  });

  it('names s3:ListBucket and the bucket on AccessDenied, and the bucket when it does not exist', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .rejectsOnce(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: {} }))
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'NoSuchBucket', $metadata: {} }));
    const { run } = commandRunner({ s3 }, radio);
    expect((await run('s3 channels')).reply.summary).toMatch(/AWS refused `s3:ListBucket` on `radio-audio-test`/);
    expect((await run('s3 channels')).reply.summary).toMatch(/Not found: `radio-audio-test` \(NoSuchBucket/);
  });

  it('--dry-run shows the ListObjectsV2 input and sends nothing', async () => {
    const outcome = await commandRunner({ s3 }, radio).run('s3 channels --dry-run');
    expect(replyText(outcome.reply)).toContain(
      'S3 ListObjectsV2\n{\n  "Bucket": "radio-audio-test",\n  "Prefix": "audio/",\n  "Delimiter": "/"\n}',
    );
    expect(s3Mock.calls()).toHaveLength(0);
  });
});
