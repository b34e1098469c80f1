import { paginateGetMetricData, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws/aws-errors.js';
import { cacheHitRateInput, type CacheHitRate, type CacheHitRateWindow } from './cdn-hit-rate-input.js';

export {
  cacheHitRateInput,
  cacheHitRateWindow,
  type CacheHitRate,
  type CacheHitRateWindow,
} from './cdn-hit-rate-input.js';

/**
 * Reads `CacheHitRate` over every page of `GetMetricData`. The metric exists only with CloudFront's
 * additional metrics turned on, so an empty `points` list is an ordinary answer, not an error.
 * `cloudwatch` must be in us-east-1. Source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/viewing-cloudfront-metrics.html
 */
export async function queryCacheHitRate(
  cloudwatch: CloudWatchClient,
  distributionId: string,
  window: CacheHitRateWindow,
): Promise<CacheHitRate> {
  const points: CacheHitRate['points'] = [];
  await awsCall(
    { action: 'cloudwatch:GetMetricData', resource: `AWS/CloudFront CacheHitRate DistributionId=${distributionId}` },
    async () => {
      for await (const page of paginateGetMetricData(
        { client: cloudwatch },
        cacheHitRateInput(distributionId, window),
      )) {
        for (const result of page.MetricDataResults ?? []) {
          const values = result.Values ?? [];
          (result.Timestamps ?? []).forEach((timestamp, index) => {
            const percent = values[index];
            if (percent !== undefined) points.push({ timestamp, percent });
          });
        }
      }
    },
  );
  points.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  return { distributionId, ...window, points };
}
