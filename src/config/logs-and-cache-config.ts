import { z } from 'zod';

/**
 * A CloudWatch Logs group name: 1 to 512 of `a-z A-Z 0-9 _ - / . #`.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
 */
const LogGroupName = z.string().regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name like /ecs/n8n-main');

/** `logs.groups`: the only groups `logs` reads; each also answers to its last path segment (`n8n-main`). */
export const LogsConfig = z
  .strictObject({ groups: z.array(LogGroupName).min(1).default(['/ecs/n8n-main', '/ecs/n8n-worker']) })
  .prefault({});

/** An ElastiCache node type (`cache.t4g.small`). Source: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html */
const CacheNodeType = z.string().regex(/^cache\.[a-z0-9-]+\.[a-z0-9]+$/, 'a node type like cache.t4g.small');

/**
 * `elasticache`: the station's cache. `cacheClusterId` (`radio-cache`, `ModifyCacheCluster`) unless
 * `replicationGroupId` names a Redis replication group (then `ModifyReplicationGroup`, and `cache status`
 * reads its first member cluster). `allowedNodeTypes` is what `cache resize` may set.
 */
export const ElastiCacheConfig = z
  .strictObject({
    cacheClusterId: z.string().min(1).default('radio-cache'),
    replicationGroupId: z.string().min(1).optional(),
    allowedNodeTypes: z
      .array(CacheNodeType)
      .min(1)
      .default(['cache.t4g.micro', 'cache.t4g.small', 'cache.t4g.medium', 'cache.r7g.large']),
  })
  .prefault({});
