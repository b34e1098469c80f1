import type { RadioConfig } from '../../config/radio-config.js';
import type { PlannedCall } from '../../pipeline/command.js';

/** What `cache` acts on: the replication group when one is configured, else the cache cluster. */
export function cacheTarget(config: RadioConfig['elasticache']): { kind: 'replication-group' | 'cluster'; id: string } {
  return config.replicationGroupId
    ? { kind: 'replication-group', id: config.replicationGroupId }
    : { kind: 'cluster', id: config.cacheClusterId };
}

/**
 * The exact resize call: `ModifyReplicationGroup` for a replication group, else `ModifyCacheCluster`, both with
 * `ApplyImmediately` (otherwise ElastiCache waits for the maintenance window).
 * Sources: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyCacheCluster.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyReplicationGroup.html
 */
export function resizeCall(config: RadioConfig['elasticache'], CacheNodeType: string): PlannedCall {
  const target = cacheTarget(config);
  return target.kind === 'replication-group'
    ? {
        service: 'ElastiCache',
        operation: 'ModifyReplicationGroup',
        input: { ReplicationGroupId: target.id, CacheNodeType, ApplyImmediately: true },
      }
    : {
        service: 'ElastiCache',
        operation: 'ModifyCacheCluster',
        input: { CacheClusterId: target.id, CacheNodeType, ApplyImmediately: true },
      };
}
