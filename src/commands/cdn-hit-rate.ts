import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { cacheHitRateInput, cacheHitRateWindow } from '../integrations/cdn/cdn-hit-rate-input.js';
import type { CacheHitRate } from '../integrations/cdn/cdn-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, table, text } from '../pipeline/reply.js';
import { durationArgument } from './duration-argument.js';
import { utcWithAge } from './utc-with-age.js';

const DAY = 86_400_000;
const Args = z.object({
  /** Milliseconds back from now. */
  since: durationArgument('24h').refine(
    (ms) => ms >= 5 * 60_000 && ms <= 63 * DAY,
    'between 5m and 63d (CloudWatch keeps 5-minute data for 63 days)',
  ),
});

const ROWS_SHOWN = 12;
const percent = (value: number) => `${value.toFixed(1)} %`;

/**
 * `cdn hit-rate [--since 24h]`: CloudFront's `CacheHitRate` from CloudWatch in us-east-1. The metric
 * exists only with the distribution's additional metrics enabled, so no data is answered as such.
 * Source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/viewing-cloudfront-metrics.html
 */
export const cdnHitRateCommand = defineCommand({
  name: 'cdn hit-rate',
  usage: 'cdn hit-rate [--since 24h]',
  summary: "Show the CloudFront distribution's cache hit rate",
  examples: ['cdn hit-rate', 'cdn hit-rate --since 7d'],
  positional: [],
  flags: { since: 'string' },
  needs: ['cdn'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }) {
    const { distributionId } = integrations.cdn;
    const input = cacheHitRateInput(distributionId, cacheHitRateWindow(new Date(), args.since));
    return {
      current: [],
      calls: [{ service: 'CloudWatch (us-east-1)', operation: 'GetMetricData', input }],
      warnings: [],
      state: undefined,
    };
  },
  async run({ args, integrations }): Promise<CacheHitRate & { readAt: Date }> {
    const readAt = new Date();
    return { ...(await integrations.cdn.cacheHitRate(cacheHitRateWindow(readAt, args.since))), readAt };
  },
  present(rate, args) {
    const span = formatDuration(args.since);
    if (rate.points.length === 0) {
      return {
        summary: `No CacheHitRate data for ${rate.distributionId} in the last ${span}`,
        visibility: 'in_channel',
        parts: [
          text(
            `No data: CloudWatch has no CacheHitRate for ${rate.distributionId} in the last ${span}. CloudFront additional metrics may not be enabled for this distribution.`,
          ),
          note(
            'CacheHitRate is published (in us-east-1) only when the distribution has additional metrics turned on, which AWS charges for.',
          ),
        ],
      };
    }
    const values = rate.points.map((point) => point.percent);
    const lowest = rate.points.reduce((a, b) => (b.percent < a.percent ? b : a));
    const highest = rate.points.reduce((a, b) => (b.percent > a.percent ? b : a));
    const latest = rate.points.at(-1) ?? lowest;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const period = formatDuration(rate.periodSeconds * 1000);
    return {
      summary: `CloudFront cache hit rate, last ${span}: ${percent(mean)} on average`,
      visibility: 'in_channel',
      parts: [
        fields(
          ['Distribution', rate.distributionId],
          ['Window', `last ${span}, ${rate.points.length} periods of ${period}`],
          ['Average', `${percent(mean)} (mean of the ${period} averages)`],
          ['Latest', `${percent(latest.percent)} at ${utcWithAge(latest.timestamp, rate.readAt)}`],
          ['Lowest', `${percent(lowest.percent)} at ${utcWithAge(lowest.timestamp, rate.readAt)}`],
          ['Highest', `${percent(highest.percent)} at ${utcWithAge(highest.timestamp, rate.readAt)}`],
        ),
        table(
          [`period start (${period})`, 'hit rate'],
          rate.points
            .slice(-ROWS_SHOWN)
            .map((point) => [utcWithAge(point.timestamp, rate.readAt), percent(point.percent)]),
        ),
        note(
          `The ${Math.min(ROWS_SHOWN, rate.points.length)} most recent periods; CacheHitRate is the share of cacheable requests served from the cache.`,
        ),
      ],
    };
  },
});
