import { awsClientOptions } from '../aws/aws-client-options.js';
import { abortableClient } from '../aws/abortable-client.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { RadioConfig } from '../../config/radio-config.js';
import type { ElastiCacheOperations } from './elasticache-operations.js';

async function loadElastiCache(radio: RadioConfig) {
  const [{ ElastiCacheClient }, { createElastiCacheOperations }] = await Promise.all([
    import('@aws-sdk/client-elasticache'),
    import('./elasticache-operations.js'),
  ]);
  const client = new ElastiCacheClient(awsClientOptions(radio.region));
  return (signal: AbortSignal | undefined) =>
    createElastiCacheOperations(abortableClient(client, signal), radio.elasticache);
}

/**
 * The station's ElastiCache cluster `elasticache.cacheClusterId` (or replication group `replicationGroupId`):
 * `cache status`, `cache resize` and the resize's follow-up. API: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/
 */
export const elasticacheModule = defineIntegration({
  id: 'elasticache',
  notConfigured: "The station's ElastiCache access is not set up in this process.",
  create({ radio }): ElastiCacheOperations {
    const operations = once(() => loadElastiCache(radio));
    const view = (signal?: AbortSignal): ElastiCacheOperations =>
      deferred(
        once(async () => (await operations())(signal)),
        ['describe', 'resize'],
      );
    return withRunView(view(), view);
  },
  iamStatements: (radio, { arn }) => {
    const { cacheClusterId, replicationGroupId } = radio.elasticache;
    return [
      // cache status: the cluster, or a replication group's member clusters (named <group>-001, -002, …)
      {
        Sid: 'ElastiCacheClusterRead',
        Effect: 'Allow',
        Action: ['elasticache:DescribeCacheClusters'],
        Resource: [arn('elasticache', `cluster:${replicationGroupId ? `${replicationGroupId}-*` : cacheClusterId}`)],
      },
      // cache resize of the cluster
      {
        Sid: 'ElastiCacheClusterResize',
        Effect: 'Allow',
        Action: ['elasticache:ModifyCacheCluster'],
        Resource: [arn('elasticache', `cluster:${cacheClusterId}`)],
      },
      // cache status and resize of a replication group. Without one configured these are never called, yet the
      // code holds them: granted on the group of the cluster's name (what the console names a single-node Redis).
      {
        Sid: 'ElastiCacheReplicationGroup',
        Effect: 'Allow',
        Action: ['elasticache:DescribeReplicationGroups', 'elasticache:ModifyReplicationGroup'],
        Resource: [arn('elasticache', `replicationgroup:${replicationGroupId ?? cacheClusterId}`)],
      },
    ];
  },
  sdkPackages: { 'client-elasticache': 'elasticache' },
});
