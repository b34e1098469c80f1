import type { CreateInvalidationCommandInput } from '@aws-sdk/client-cloudfront';

/** CloudFront's concurrency limits on invalidations in progress, per distribution. Source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/InvalidationLimits.html */
export const INVALIDATION_LIMITS = { wildcardPaths: 15, filePaths: 3000 } as const;

/** The exact `CreateInvalidation` input for `paths` on `DistributionId`. Pure. */
export function invalidationInput(
  DistributionId: string,
  paths: string[],
  CallerReference: string,
): CreateInvalidationCommandInput {
  return { DistributionId, InvalidationBatch: { CallerReference, Paths: { Quantity: paths.length, Items: paths } } };
}
