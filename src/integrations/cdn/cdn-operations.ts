import {
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  paginateListInvalidations,
  type CloudFrontClient,
  type CreateInvalidationCommandInput,
  type Invalidation,
} from '@aws-sdk/client-cloudfront';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { queryCacheHitRate, type CacheHitRate, type CacheHitRateWindow } from './cdn-hit-rate-query.js';
import { INVALIDATION_LIMITS, invalidationInput } from './cdn-inputs.js';

export { INVALIDATION_LIMITS } from './cdn-inputs.js';

export type { CacheHitRate, CacheHitRateWindow } from './cdn-hit-rate-query.js';

/** The distribution as `GetDistribution` answers it. */
export interface CdnDistribution {
  id: string;
  /** `Deployed`, or `InProgress` while a configuration change propagates. */
  status: string;
  enabled: boolean;
  domainName: string;
  aliases: string[];
  lastModified?: Date;
  /** `InProgressInvalidationBatches`. */
  invalidationsInProgress: number;
}

/** One invalidation batch. */
export interface CdnInvalidation {
  id: string;
  /** `InProgress` or `Completed`. */
  status: string;
  createTime?: Date;
  paths: string[];
  callerReference?: string;
}

/** The invalidations in progress and their paths, counted against CloudFront's concurrency limits. */
export interface CdnInvalidationsInProgress {
  invalidations: CdnInvalidation[];
  /** Paths ending in `*` (at most 15 may be in progress). */
  wildcardPaths: number;
  /** Other paths (at most 3,000 may be in progress). */
  filePaths: number;
  /** False when the listing stopped at its page cap or only the newest 50 were read, so there may be more. */
  complete: boolean;
}

/**
 * The configured CloudFront distribution (`cloudfront.distributionId`), and its `CacheHitRate` from
 * CloudWatch in us-east-1. Errors come back in words ({@link awsCall}).
 * API: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Operations.html
 */
export interface CdnOperations {
  distributionId: string;
  /** The exact `CreateInvalidation` input {@link invalidate} sends. Pure. */
  invalidationInput(paths: string[], callerReference: string): CreateInvalidationCommandInput;
  /**
   * `CreateInvalidation`. The same `callerReference` and paths return the existing batch instead of a new one.
   * @throws UserError `unavailable` on `TooManyInvalidationsInProgress`; `precondition` when the reference was used for other paths.
   */
  invalidate(paths: string[], callerReference: string): Promise<CdnInvalidation>;
  distribution(): Promise<CdnDistribution>;
  /** `GetInvalidation`. @throws UserError `precondition` when there is no such invalidation. */
  invalidation(id: string): Promise<CdnInvalidation>;
  /** `ListInvalidations` (newest first, 100 a page, at most 10 pages) until a page has none in progress, then `GetInvalidation` for each one's paths. */
  invalidationsInProgress(): Promise<CdnInvalidationsInProgress>;
  /** `CacheHitRate` (percent) from CloudWatch; an empty list when the distribution publishes none. */
  cacheHitRate(window: CacheHitRateWindow): Promise<CacheHitRate>;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 10;
const MAX_DETAILS = 50; // GetInvalidation calls for paths, at most, so a backlog can't set off throttling.

/** Builds {@link CdnOperations}; `cloudwatchUsEast1` must be a client in us-east-1, where CloudFront publishes metrics. */
export function createCdnOperations(
  cloudfront: CloudFrontClient,
  cloudwatchUsEast1: CloudWatchClient,
  config: RadioConfig['cloudfront'],
): CdnOperations {
  const DistributionId = config.distributionId;
  const at = (action: string, resource = DistributionId) => ({ action: `cloudfront:${action}`, resource });

  const operations: CdnOperations = {
    distributionId: DistributionId,
    invalidationInput: (paths, callerReference) => invalidationInput(DistributionId, paths, callerReference),
    async invalidate(paths, callerReference) {
      try {
        const output = await awsCall(at('CreateInvalidation'), () =>
          cloudfront.send(new CreateInvalidationCommand(operations.invalidationInput(paths, callerReference))),
        );
        return toInvalidation(output.Invalidation);
      } catch (error) {
        throw describeInvalidationError(error, callerReference);
      }
    },
    async distribution() {
      const { Distribution: found } = await awsCall(at('GetDistribution'), () =>
        cloudfront.send(new GetDistributionCommand({ Id: DistributionId })),
      );
      return {
        id: found?.Id ?? DistributionId,
        status: found?.Status ?? 'Unknown',
        enabled: found?.DistributionConfig?.Enabled ?? false,
        domainName: found?.DomainName ?? '-',
        aliases: found?.DistributionConfig?.Aliases?.Items ?? [],
        lastModified: found?.LastModifiedTime,
        invalidationsInProgress: found?.InProgressInvalidationBatches ?? 0,
      };
    },
    async invalidation(Id) {
      const output = await awsCall(at('GetInvalidation', `${DistributionId}/invalidation/${Id}`), () =>
        cloudfront.send(new GetInvalidationCommand({ DistributionId, Id })),
      );
      return toInvalidation(output.Invalidation);
    },
    async invalidationsInProgress() {
      const { ids, complete } = await awsCall(at('ListInvalidations'), async () => {
        const found: string[] = [];
        let pages = 0;
        for await (const page of paginateListInvalidations(
          { client: cloudfront },
          { DistributionId, MaxItems: PAGE_SIZE },
        )) {
          const open = (page.InvalidationList?.Items ?? []).filter((item) => item.Status === 'InProgress');
          found.push(...open.flatMap((item) => (item.Id ? [item.Id] : [])));
          // Newest first: once a whole page has finished, older batches have too.
          if (open.length === 0) return { ids: found, complete: true };
          if (++pages >= MAX_PAGES) return { ids: found, complete: page.InvalidationList?.IsTruncated !== true };
        }
        return { ids: found, complete: true };
      });
      const invalidations = await Promise.all(ids.slice(0, MAX_DETAILS).map((id) => operations.invalidation(id)));
      const paths = invalidations.flatMap((invalidation) => invalidation.paths);
      const wildcardPaths = paths.filter((path) => path.endsWith('*')).length;
      return {
        invalidations,
        wildcardPaths,
        filePaths: paths.length - wildcardPaths,
        complete: complete && ids.length <= MAX_DETAILS,
      };
    },
    cacheHitRate: (window) => queryCacheHitRate(cloudwatchUsEast1, DistributionId, window),
  };
  return operations;
}

function toInvalidation(invalidation: Invalidation | undefined): CdnInvalidation {
  return {
    id: invalidation?.Id ?? '-',
    status: invalidation?.Status ?? 'Unknown',
    createTime: invalidation?.CreateTime,
    paths: invalidation?.InvalidationBatch?.Paths?.Items ?? [],
    callerReference: invalidation?.InvalidationBatch?.CallerReference,
  };
}

function describeInvalidationError(error: unknown, callerReference: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'TooManyInvalidationsInProgress') {
    return new UserError(
      'unavailable',
      `CloudFront refused: too many invalidations are in progress on this distribution (at most ${INVALIDATION_LIMITS.wildcardPaths} wildcard paths ` +
        `and ${INVALIDATION_LIMITS.filePaths} file paths at a time). Nothing was invalidated; try again when some complete (see \`cdn status\`).`,
    );
  }
  if (error.name === 'InvalidationBatchAlreadyExists') {
    return new UserError(
      'precondition',
      `An invalidation with CallerReference \`${callerReference}\` already exists with other paths. Nothing new was invalidated.`,
    );
  }
  return error;
}
