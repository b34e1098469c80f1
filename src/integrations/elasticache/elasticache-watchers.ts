import type { Observation, Watcher } from '../../operations/operation-poller.js';
import type { CacheState, ElastiCacheOperations } from './elasticache-operations.js';

/**
 * Statuses that end a resize as failed (or mean it can't finish). Sources:
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html
 */
const FAILED = new Set(['incompatible-network', 'restore-failed', 'create-failed', 'deleting', 'deleted']);

/**
 * One look at the cache after `cache resize`: done when `available` with no node type pending (a cluster shows
 * the resize under `PendingModifiedValues` until it is applied; a replication group is `modifying` from the
 * moment ModifyReplicationGroup answers), failed for the statuses above.
 */
export function observeCache(
  state: Pick<CacheState, 'status' | 'CacheNodeType' | 'pendingCacheNodeType'>,
): Observation {
  if (FAILED.has(state.status)) return { state: state.status, done: false, failed: true };
  if (state.status !== 'available') return { state: state.status, done: false };
  if (state.pendingCacheNodeType)
    return { state: `available, CacheNodeType ${state.pendingCacheNodeType} pending`, done: false };
  return { state: 'available', done: true, detail: `CacheNodeType ${state.CacheNodeType ?? '?'}` };
}

/** `elasticache` (`cache resize`): {@link observeCache} of the configured cache (the target names it for people). */
export function createElastiCacheWatchers(elasticache: ElastiCacheOperations): Record<'elasticache', Watcher> {
  return { elasticache: async () => observeCache(await elasticache.describe()) };
}
