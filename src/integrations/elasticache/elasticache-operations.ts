import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ModifyCacheClusterCommand,
  ModifyReplicationGroupCommand,
  type CacheCluster,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { cacheTarget } from './elasticache-inputs.js';

/** The configured cache as ElastiCache describes it, in its own names. */
export interface CacheState {
  /** The replication group's or the cluster's id. */
  id: string;
  kind: 'replication-group' | 'cluster';
  /** `CacheClusterStatus` or the replication group's `Status`: `available`, `modifying`, … */
  status: string;
  CacheNodeType?: string;
  /** `PendingModifiedValues.CacheNodeType` of a cluster: a resize not applied yet. */
  pendingCacheNodeType?: string;
  Engine?: string;
  EngineVersion?: string;
  /** Nodes of the cluster (of the group's first member). */
  nodes: { CacheNodeId: string; CacheNodeStatus: string; endpoint: string }[];
}

/** ElastiCache for `cache status`, `cache resize` and the resize's follow-up. API: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/ */
export interface ElastiCacheOperations {
  /** `DescribeReplicationGroups` (when configured) and `DescribeCacheClusters` with `ShowCacheNodeInfo`. */
  describe(): Promise<CacheState>;
  /** `ModifyReplicationGroup` or `ModifyCacheCluster` (`ApplyImmediately`) to `CacheNodeType`; the state it answers. */
  resize(CacheNodeType: string): Promise<CacheState>;
}

export function createElastiCacheOperations(
  elasticache: ElastiCacheClient,
  config: RadioConfig['elasticache'],
): ElastiCacheOperations {
  const target = cacheTarget(config);

  async function cluster(CacheClusterId: string): Promise<CacheCluster> {
    const output = await awsCall({ action: 'elasticache:DescribeCacheClusters', resource: CacheClusterId }, () =>
      elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId, ShowCacheNodeInfo: true })),
    );
    const found = output.CacheClusters?.[0];
    if (!found) throw new UserError('precondition', `ElastiCache has no cache cluster \`${CacheClusterId}\`.`);
    return found;
  }

  const fromCluster = (c: CacheCluster) => ({
    CacheNodeType: c.CacheNodeType,
    pendingCacheNodeType: c.PendingModifiedValues?.CacheNodeType,
    Engine: c.Engine,
    EngineVersion: c.EngineVersion,
    nodes: (c.CacheNodes ?? []).map((node) => ({
      CacheNodeId: node.CacheNodeId ?? '-',
      CacheNodeStatus: node.CacheNodeStatus ?? '-',
      endpoint: node.Endpoint?.Address ? `${node.Endpoint.Address}:${node.Endpoint.Port ?? ''}` : '-',
    })),
  });

  return {
    async describe() {
      if (target.kind === 'cluster') {
        const c = await cluster(target.id);
        return { id: target.id, kind: target.kind, status: c.CacheClusterStatus ?? 'unknown', ...fromCluster(c) };
      }
      const output = await awsCall({ action: 'elasticache:DescribeReplicationGroups', resource: target.id }, () =>
        elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: target.id })),
      );
      const group = output.ReplicationGroups?.[0];
      if (!group) throw new UserError('precondition', `ElastiCache has no replication group \`${target.id}\`.`);
      const member = group.MemberClusters?.[0];
      const first: Partial<ReturnType<typeof fromCluster>> = member ? fromCluster(await cluster(member)) : {};
      return {
        ...first,
        id: target.id,
        kind: target.kind,
        status: group.Status ?? 'unknown',
        CacheNodeType: group.CacheNodeType ?? first.CacheNodeType,
        pendingCacheNodeType: undefined,
        nodes: first.nodes ?? [],
      };
    },
    async resize(CacheNodeType) {
      if (target.kind === 'cluster') {
        const output = await awsCall({ action: 'elasticache:ModifyCacheCluster', resource: target.id }, () =>
          elasticache.send(
            new ModifyCacheClusterCommand({ CacheClusterId: target.id, CacheNodeType, ApplyImmediately: true }),
          ),
        );
        const c = output.CacheCluster ?? {};
        return { id: target.id, kind: target.kind, status: c.CacheClusterStatus ?? 'unknown', ...fromCluster(c) };
      }
      const output = await awsCall({ action: 'elasticache:ModifyReplicationGroup', resource: target.id }, () =>
        elasticache.send(
          new ModifyReplicationGroupCommand({ ReplicationGroupId: target.id, CacheNodeType, ApplyImmediately: true }),
        ),
      );
      const group = output.ReplicationGroup ?? {};
      return {
        id: target.id,
        kind: target.kind,
        status: group.Status ?? 'unknown',
        CacheNodeType: group.CacheNodeType,
        nodes: [],
      };
    },
  };
}
