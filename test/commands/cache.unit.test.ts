import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ModifyCacheClusterCommand,
  ModifyReplicationGroupCommand,
  type CacheCluster,
} from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { observeCache } from '../../src/integrations/elasticache/elasticache-watchers.js';
import type { StationRedis } from '../../src/integrations/redis/station-redis.js';
import { awsError, shown } from '../support/aws-command-harness.js';
import { runbookHarness } from '../support/runbook-harness.js';

function cluster(extra: Partial<CacheCluster> = {}): CacheCluster {
  return {
    CacheClusterId: 'radio-cache',
    CacheClusterStatus: 'available',
    CacheNodeType: 'cache.t4g.small',
    Engine: 'redis',
    EngineVersion: '7.1.0',
    NumCacheNodes: 1,
    CacheNodes: [
      {
        CacheNodeId: '0001',
        CacheNodeStatus: 'available',
        Endpoint: { Address: 'radio-cache.abc123.0001.use1.cache.amazonaws.com', Port: 6379 },
      },
    ],
    ...extra,
  };
}

/** The station Redis as `cache memory` sees it: only `memory` is used by `cache status`. */
const redis = {
  memory: async () => ({
    used_memory: 300 * 2 ** 20,
    used_memory_human: '300.00M',
    used_memory_peak: 400 * 2 ** 20,
    used_memory_rss: 320 * 2 ** 20,
    maxmemory: 1024 * 2 ** 20,
    maxmemory_policy: 'allkeys-lru',
    mem_fragmentation_ratio: 1.07,
    evicted_keys: 0,
    connected_clients: 12,
  }),
} as unknown as StationRedis;

const describes = (h: ReturnType<typeof runbookHarness>) =>
  h.mocks.elasticache.commandCalls(DescribeCacheClustersCommand).map((call) => call.args[0].input);

describe('cache status', () => {
  it('shows node type, status, engine and nodes from DescribeCacheClusters, and memory from Redis INFO', async () => {
    const h = runbookHarness({ integrations: { redis } });
    h.mocks.elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    const outcome = await h.run('cache status');
    expect(describes(h)).toEqual([{ CacheClusterId: 'radio-cache', ShowCacheNodeInfo: true }]);
    expect(outcome.reply.summary).toBe('radio-cache: available, cache.t4g.small, redis 7.1.0');
    const text = shown(outcome.reply);
    expect(text).toMatch(/CacheNodeType\s+cache\.t4g\.small/);
    expect(text).toMatch(/0001\s+available\s+radio-cache\.abc123\.0001\.use1\.cache\.amazonaws\.com:6379/);
    expect(text).toMatch(/used_memory\s+300\.00M \(29\.3% of maxmemory\), allkeys-lru, 0 keys evicted/);
  });

  it('reads a configured replication group and its first member; without REDIS_URL it says memory was not read', async () => {
    const h = runbookHarness({ radio: { elasticache: { replicationGroupId: 'radio-rg' } } });
    h.mocks.elasticache.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [
        {
          ReplicationGroupId: 'radio-rg',
          Status: 'modifying',
          CacheNodeType: 'cache.t4g.small',
          MemberClusters: ['radio-rg-001', 'radio-rg-002'],
        },
      ],
    });
    h.mocks.elasticache
      .on(DescribeCacheClustersCommand)
      .resolves({ CacheClusters: [cluster({ CacheClusterId: 'radio-rg-001' })] });
    const outcome = await h.run('cache status');
    expect(h.mocks.elasticache.commandCalls(DescribeReplicationGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { ReplicationGroupId: 'radio-rg' },
    ]);
    expect(describes(h)).toEqual([{ CacheClusterId: 'radio-rg-001', ShowCacheNodeInfo: true }]);
    expect(outcome.reply.summary).toBe('radio-rg: modifying, cache.t4g.small, redis 7.1.0');
    expect(shown(outcome.reply)).toContain('Memory not read: REDIS_URL is not set');
  });

  it('answers AccessDenied in words', async () => {
    const h = runbookHarness();
    h.mocks.elasticache.on(DescribeCacheClustersCommand).rejects(awsError('AccessDenied'));
    const outcome = await h.run('cache status');
    expect(outcome).toMatchObject({ code: 'iam_denied' });
    expect(outcome.reply.summary).toMatch(/refused `elasticache:DescribeCacheClusters` on `radio-cache`/);
  });
});

describe('cache resize', () => {
  it('--dry-run shows both node types and the exact ModifyCacheCluster; nothing is sent', async () => {
    const h = runbookHarness();
    h.mocks.elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    const text = shown((await h.run('cache resize cache.t4g.medium --dry-run')).reply);
    expect(text).toMatch(/CacheNodeType\s+cache\.t4g\.small -> cache\.t4g\.medium/);
    expect(text).toMatch(
      /ModifyCacheCluster[\s\S]*"CacheClusterId": "radio-cache"[\s\S]*"CacheNodeType": "cache.t4g.medium"[\s\S]*"ApplyImmediately": true/,
    );
    expect(h.mocks.elasticache.commandCalls(ModifyCacheClusterCommand)).toHaveLength(0);
  });

  it('uses ModifyReplicationGroup when a replication group is configured', async () => {
    const h = runbookHarness({ radio: { elasticache: { replicationGroupId: 'radio-rg' } } });
    h.mocks.elasticache.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [
        {
          ReplicationGroupId: 'radio-rg',
          Status: 'available',
          CacheNodeType: 'cache.t4g.small',
          MemberClusters: ['radio-rg-001'],
        },
      ],
    });
    h.mocks.elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    const text = shown((await h.run('cache resize cache.r7g.large --dry-run')).reply);
    expect(text).toMatch(
      /ModifyReplicationGroup[\s\S]*"ReplicationGroupId": "radio-rg"[\s\S]*"CacheNodeType": "cache.r7g.large"/,
    );
    expect(h.mocks.elasticache.commandCalls(ModifyReplicationGroupCommand)).toHaveLength(0);
  });

  it('refuses a node type not in elasticache.allowedNodeTypes, and the one it already has', async () => {
    const h = runbookHarness();
    h.mocks.elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    const outside = await h.run('cache resize cache.r7g.16xlarge --dry-run');
    expect(outside).toMatchObject({ code: 'precondition' });
    expect(outside.reply.summary).toMatch(/`cache.r7g.16xlarge` is not in elasticache.allowedNodeTypes/);
    expect((await h.run('cache resize cache.t4g.small --dry-run')).reply.summary).toMatch(/already cache.t4g.small/);
  });
});

describe('the elasticache watcher', () => {
  it('is done when available with no node type pending, fails on a failed status, and goes on while modifying', () => {
    expect(observeCache({ status: 'modifying' })).toEqual({ state: 'modifying', done: false });
    expect(observeCache({ status: 'available', pendingCacheNodeType: 'cache.t4g.medium' })).toMatchObject({
      done: false,
    });
    expect(observeCache({ status: 'available', CacheNodeType: 'cache.t4g.medium' })).toEqual({
      state: 'available',
      done: true,
      detail: 'CacheNodeType cache.t4g.medium',
    });
    expect(observeCache({ status: 'incompatible-network' })).toMatchObject({ failed: true });
  });
});
