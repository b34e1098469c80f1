import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { replyTable } from '../support/station-harness.js';
import { commandRunner } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  RadioConfig.parse({}),
);
const KEY = 'audio/rap/playlist.m3u8';
const at = (time: string) => new Date(`2025-03-${time}Z`);

beforeEach(() => s3Mock.reset());

describe('s3 versions', () => {
  it('pages with KeyMarker/VersionIdMarker, keeps exactly the key (not longer keys), versions and delete markers newest first', async () => {
    s3Mock
      .on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          {
            Key: KEY,
            VersionId: 'v3',
            IsLatest: false,
            LastModified: at('14T10:00:00'),
            Size: 2048,
            StorageClass: 'STANDARD',
          },
        ],
        DeleteMarkers: [{ Key: KEY, VersionId: 'd1', IsLatest: true, LastModified: at('14T21:00:00') }],
        IsTruncated: true,
        NextKeyMarker: KEY,
        NextVersionIdMarker: 'v3',
      })
      .resolvesOnce({
        Versions: [
          { Key: KEY, VersionId: 'v2', IsLatest: false, LastModified: at('13T10:00:00'), Size: 1024 },
          { Key: `${KEY}.bak`, VersionId: 'b1', IsLatest: true, LastModified: at('14T23:00:00'), Size: 9 },
        ],
        IsTruncated: true,
        NextKeyMarker: `${KEY}.bak`,
        NextVersionIdMarker: 'b1',
      });
    const outcome = await commandRunner({ s3 }).run(`s3 versions ${KEY}`);
    expect(s3Mock.commandCalls(ListObjectVersionsCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-bucket', Prefix: KEY },
      { Bucket: 'radio-audio-bucket', Prefix: KEY, KeyMarker: KEY, VersionIdMarker: 'v3' },
    ]);
    expect(replyTable(outcome.reply).rows.map((row) => row.slice(1))).toEqual([
      ['delete marker', 'd1', 'yes', '-'],
      ['version', 'v3', 'no', '2.00 KiB (2,048 bytes)'],
      ['version', 'v2', 'no', '1.00 KiB (1,024 bytes)'],
    ]);
    expect(outcome.reply.summary).toBe(
      `s3://radio-audio-bucket/${KEY}: 2 version(s), 1 delete marker(s); currently deleted`,
    );
  });

  it('says when a key has no versions, and names s3:ListBucketVersions on AccessDenied', async () => {
    s3Mock
      .on(ListObjectVersionsCommand)
      .resolvesOnce({ IsTruncated: false })
      .rejectsOnce(Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: {} }));
    const { run } = commandRunner({ s3 });
    expect((await run('s3 versions audio/none.mp3')).reply.summary).toBe(
      'No versions of s3://radio-audio-bucket/audio/none.mp3',
    );
    expect((await run('s3 versions audio/none.mp3')).reply.summary).toMatch(
      /`s3:ListBucketVersions` on `radio-audio-bucket\/audio\/none.mp3`/,
    );
  });
});
