import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREFIX_OBJECT_CAP } from '../../src/commands/s3-size.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { BUCKET_STORAGE_TYPES } from '../../src/integrations/s3/s3-bucket-metrics.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { commandRunner, replyFields, replyText } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  RadioConfig.parse({}),
);
const NOW = new Date('2025-03-14T22:00:00Z');

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const objects = (count: number, size: number) =>
  Array.from({ length: count }, (_, i) => ({ Key: `audio/rap/${i}.mp3`, Size: size }));

describe('s3 size (whole bucket, from daily metrics)', () => {
  it('asks GetMetricData for BucketSizeBytes per storage class and NumberOfObjects, and takes the latest datapoints', async () => {
    cloudwatchMock
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          {
            Id: 'size0',
            Timestamps: [new Date('2025-03-13T00:00:00Z'), new Date('2025-03-12T00:00:00Z')],
            Values: [5 * 2 ** 30, 4 * 2 ** 30],
          },
        ],
        NextToken: 'more',
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'size3', Timestamps: [new Date('2025-03-13T00:00:00Z')], Values: [2 ** 30] },
          { Id: 'objects', Timestamps: [new Date('2025-03-13T00:00:00Z')], Values: [12040] },
        ],
      });
    const outcome = await commandRunner({ s3 }).run('s3 size');
    expect(outcome.status).toBe('succeeded');
    const [first, second] = cloudwatchMock.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    const dimensions = (type: string) => [
      { Name: 'BucketName', Value: 'radio-audio-bucket' },
      { Name: 'StorageType', Value: type },
    ];
    expect(first).toEqual({
      MetricDataQueries: [
        ...BUCKET_STORAGE_TYPES.map((type, i) => ({
          Id: `size${i}`,
          Label: type,
          MetricStat: {
            Metric: { Namespace: 'AWS/S3', MetricName: 'BucketSizeBytes', Dimensions: dimensions(type) },
            Period: 86400,
            Stat: 'Average',
          },
        })),
        {
          Id: 'objects',
          Label: 'AllStorageTypes',
          MetricStat: {
            Metric: { Namespace: 'AWS/S3', MetricName: 'NumberOfObjects', Dimensions: dimensions('AllStorageTypes') },
            Period: 86400,
            Stat: 'Average',
          },
        },
      ],
      StartTime: new Date('2025-03-11T22:00:00Z'),
      EndTime: NOW,
      ScanBy: 'TimestampDescending',
    });
    expect(second).toEqual({ ...first, NextToken: 'more' });
    expect(replyFields(outcome.reply)).toEqual({
      'BucketSizeBytes (all storage classes)': '6.00 GiB (6,442,450,944 bytes)',
      NumberOfObjects: '12,040 objects',
      Datapoint: '2025-03-13 00:00:00 UTC (1d 22h ago)',
    });
    expect(replyText(outcome.reply)).toContain('StandardIAStorage | 1.00 GiB (1,073,741,824 bytes)');
  });

  it('says why there may be no datapoint', async () => {
    cloudwatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    expect(replyText((await commandRunner({ s3 }).run('s3 size')).reply)).toMatch(
      /no BucketSizeBytes datapoint .* in the last 3 days/,
    );
  });

  it('names cloudwatch:GetMetricData on AccessDenied', async () => {
    cloudwatchMock
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: {} }));
    expect((await commandRunner({ s3 }).run('s3 size')).reply.summary).toMatch(/`cloudwatch:GetMetricData`/);
  });
});

describe('s3 size <prefix> (by listing)', () => {
  it('sums Size over every page', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: objects(1000, 1024), IsTruncated: true, NextContinuationToken: 'p2' })
      .resolvesOnce({ Contents: objects(24, 1024), IsTruncated: false });
    const outcome = await commandRunner({ s3 }).run('s3 size audio/rap/');
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-bucket', Prefix: 'audio/rap/' },
      { Bucket: 'radio-audio-bucket', Prefix: 'audio/rap/', ContinuationToken: 'p2' },
    ]);
    expect(outcome.reply.summary).toBe(
      's3://radio-audio-bucket/audio/rap/: 1.00 MiB (1,048,576 bytes) in 1,024 objects.',
    );
  });

  it(`stops at ${PREFIX_OBJECT_CAP.toLocaleString('en-US')} objects and says "at least"`, async () => {
    let page = 0;
    s3Mock
      .on(ListObjectsV2Command)
      .callsFake(() => ({ Contents: objects(1000, 10), IsTruncated: true, NextContinuationToken: `p${++page}` }));
    const outcome = await commandRunner({ s3 }).run('s3 size audio/');
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(PREFIX_OBJECT_CAP / 1000);
    expect(outcome.reply.summary).toBe(
      's3://radio-audio-bucket/audio/: at least 976.56 KiB (1,000,000 bytes) in at least 100,000 objects.',
    );
    expect(replyText(outcome.reply)).toContain('Counting stopped at 100,000 objects');
  });

  it('is not "at least" when the last page ends exactly at the cap', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: objects(2, 5), IsTruncated: true, NextContinuationToken: 'p2' })
      .resolvesOnce({ Contents: objects(1, 5), IsTruncated: false });
    expect(await s3.prefixSize('audio/', 3)).toEqual({ prefix: 'audio/', bytes: 15, objects: 3, truncated: false });
  });
});
