import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { invalidationInput } from './cdn-inputs.js';
import type { CdnOperations } from './cdn-operations.js';

/** CloudFront is global and publishes its metrics only in us-east-1, so both clients are built there. */
async function loadCdn(cloudfrontConfig: RadioConfig['cloudfront']): Promise<CdnOperations> {
  const [{ CloudFrontClient }, { CloudWatchClient }, { createCdnOperations }] = await Promise.all([
    import('@aws-sdk/client-cloudfront'),
    import('@aws-sdk/client-cloudwatch'),
    import('./cdn-operations.js'),
  ]);
  return createCdnOperations(
    new CloudFrontClient(awsClientOptions('us-east-1')),
    new CloudWatchClient(awsClientOptions('us-east-1')),
    cloudfrontConfig,
  );
}

/**
 * The CloudFront distribution `cloudfront.distributionId` (`cdn status`, `cdn invalidate`, `cdn invalidation`)
 * and its `CacheHitRate` from CloudWatch in us-east-1 (`cdn hit-rate`).
 * API: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Operations.html
 */
export const cdnModule = defineIntegration({
  id: 'cdn',
  notConfigured: "The station's CloudFront access is not set up in this process.",
  create({ radio }): CdnOperations {
    const load = once(() => loadCdn(radio.cloudfront));
    const { distributionId } = radio.cloudfront;
    return {
      distributionId,
      invalidationInput: (paths, callerReference) => invalidationInput(distributionId, paths, callerReference),
      ...deferred(load, ['invalidate', 'distribution', 'invalidation', 'invalidationsInProgress', 'cacheHitRate']),
    };
  },
  iamStatements: (radio, { arn }) => [
    // invalidate, cdn status, cdn invalidation (CloudFront ARNs have no region)
    {
      Sid: 'CloudFrontDistribution',
      Effect: 'Allow',
      Action: [
        'cloudfront:CreateInvalidation',
        'cloudfront:GetDistribution',
        'cloudfront:GetInvalidation',
        'cloudfront:ListInvalidations',
      ],
      Resource: [arn('cloudfront', `distribution/${radio.cloudfront.distributionId}`, '')],
    },
    // cdn hit-rate (no resource-level permissions; s3 size declares the same statement)
    { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
  ],
  sdkPackages: { 'client-cloudfront': 'cloudfront', 'client-cloudwatch': 'cloudwatch' },
});
