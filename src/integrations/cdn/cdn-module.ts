import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { abortableClient } from '../aws/abortable-client.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import { invalidationInput } from './cdn-inputs.js';
import type { CdnOperations } from './cdn-operations.js';

/** CloudFront is global and publishes its metrics only in us-east-1, so both clients are built there. */
async function loadCdn() {
  const [{ CloudFrontClient }, { CloudWatchClient }, { createCdnOperations }] = await Promise.all([
    import('@aws-sdk/client-cloudfront'),
    import('@aws-sdk/client-cloudwatch'),
    import('./cdn-operations.js'),
  ]);
  const cloudfront = new CloudFrontClient(awsClientOptions('us-east-1'));
  const cloudwatch = new CloudWatchClient(awsClientOptions('us-east-1'));
  /** The operations on both clients, every call carrying `signal` when given. */
  return (config: RadioConfig['cloudfront'], signal: AbortSignal | undefined): CdnOperations =>
    createCdnOperations(abortableClient(cloudfront, signal), abortableClient(cloudwatch, signal), config);
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
    const operations = once(loadCdn);
    const { distributionId } = radio.cloudfront;
    // One run's view: the same clients, every call carrying the run's signal (aborted at its deadline).
    const view = (signal?: AbortSignal): CdnOperations => ({
      distributionId,
      invalidationInput: (paths, callerReference) => invalidationInput(distributionId, paths, callerReference),
      ...deferred(
        once(async () => (await operations())(radio.cloudfront, signal)),
        ['invalidate', 'distribution', 'invalidation', 'invalidationsInProgress', 'cacheHitRate'],
      ),
    });
    return withRunView(view(), view);
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
