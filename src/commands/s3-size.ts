import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { bucketMetricsInput } from '../integrations/s3/s3-inputs.js';
import type { BucketMetrics, PrefixSize } from '../integrations/s3/s3-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { codeSpan, fields, note, rich, table, text, type Reply } from '../pipeline/reply.js';
import { formatBytes, formatCount } from './format-bytes.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

/** Objects listed at most for a prefix (100 `ListObjectsV2` pages); beyond it the answer is "at least". */
export const PREFIX_OBJECT_CAP = 100_000;

type S3SizeResult =
  | { kind: 'bucket'; metrics: BucketMetrics; at: Date }
  | { kind: 'prefix'; bucket: string; size: PrefixSize; cap: number };

/** `s3 size [prefix]`: the bucket from its daily CloudWatch metrics, or a prefix by listing (capped). */
export const s3SizeCommand = defineCommand({
  name: 's3 size',
  usage: 's3 size [prefix]',
  summary: "Show the audio bucket's size (daily metrics), or a prefix's by listing",
  examples: ['s3 size', 's3 size audio/rap/'],
  positional: ['prefix'],
  flags: {},
  needs: ['s3'],
  args: z.object({ prefix: z.string().min(1).max(1024).optional() }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ args, config }) =>
    args.prefix
      ? awsReadPlan([
          { service: 'S3', operation: 'ListObjectsV2', input: { Bucket: config.s3.bucket, Prefix: args.prefix } },
        ])
      : awsReadPlan([
          {
            service: 'CloudWatch',
            operation: 'GetMetricData',
            input: bucketMetricsInput(config.s3.bucket, new Date()),
          },
        ]),
  async run({ args, integrations }): Promise<S3SizeResult> {
    const s3 = integrations.s3;
    if (args.prefix)
      return {
        kind: 'prefix',
        bucket: s3.bucket,
        size: await s3.prefixSize(args.prefix, PREFIX_OBJECT_CAP),
        cap: PREFIX_OBJECT_CAP,
      };
    const at = new Date();
    return { kind: 'bucket', metrics: await s3.bucketMetrics(at), at };
  },
  present: (result) => (result.kind === 'prefix' ? presentPrefix(result) : presentBucket(result.metrics, result.at)),
});

function presentPrefix({ bucket, size, cap }: { bucket: string; size: PrefixSize; cap: number }): Reply {
  const where = `s3://${bucket}/${size.prefix}`;
  const atLeast = size.truncated ? 'at least ' : '';
  const line = `${where}: ${atLeast}${formatBytes(size.bytes)} in ${atLeast}${formatCount(size.objects, 'objects')}.`;
  return {
    summary: line,
    visibility: 'in_channel',
    parts: [
      text(line),
      note(
        size.truncated
          ? rich`Counting stopped at ${formatCount(cap, 'objects')}; there are more. For the whole bucket, ${codeSpan('s3 size')} reads the daily metrics.`
          : 'Current versions only, by listing (noncurrent versions and incomplete uploads not counted).',
      ),
    ],
  };
}

function presentBucket(metrics: BucketMetrics, at: Date): Reply {
  const where = `s3://${metrics.bucket}`;
  if (metrics.BucketSizeBytes.length === 0) {
    return {
      summary: `No size metrics for ${where}`,
      visibility: 'in_channel',
      parts: [
        text(
          `CloudWatch has no BucketSizeBytes datapoint for ${where} in the last 3 days: S3 reports once a day, so a new bucket has none yet; or the bucket is in another region than the one configured.`,
        ),
      ],
    };
  }
  const newest = metrics.BucketSizeBytes.reduce((a, b) => (a.Timestamp > b.Timestamp ? a : b)).Timestamp;
  const objects = metrics.NumberOfObjects;
  return {
    summary: `${where}: ${formatBytes(metrics.totalBytes)}${objects ? ` in ${formatCount(objects.count, 'objects')}` : ''}`,
    visibility: 'in_channel',
    parts: [
      fields(
        ['BucketSizeBytes (all storage classes)', formatBytes(metrics.totalBytes)],
        ['NumberOfObjects', objects ? formatCount(objects.count, 'objects') : 'no datapoint'],
        ['Datapoint', utcWithAge(newest, at)],
      ),
      ...(metrics.BucketSizeBytes.length > 1
        ? [
            table(
              ['StorageType', 'BucketSizeBytes'],
              metrics.BucketSizeBytes.map((s) => [s.StorageType, formatBytes(s.bytes)]),
            ),
          ]
        : []),
      note("From S3's daily storage metrics in CloudWatch: one datapoint a day, a day or two behind."),
    ],
  };
}
