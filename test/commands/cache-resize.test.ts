// cache resize through the two-person approval on real Postgres: the approved run sends ModifyCacheCluster
// with ApplyImmediately and records the cache to follow until available.
import {
  DescribeCacheClustersCommand,
  ElastiCacheClient,
  ModifyCacheClusterCommand,
} from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createElastiCacheOperations } from '../../src/integrations/elasticache/elasticache-operations.js';
import { approvalConfig } from '../support/approvals-fixture.js';
import { approvedLongOperation } from '../support/approved-long-operation.js';

const { setup, followed } = approvedLongOperation('cache resize', 'radio-ops-cache-resize-test');
const mock = mockClient(ElastiCacheClient);
const elasticache = createElastiCacheOperations(
  new ElastiCacheClient({ region: 'us-east-1' }),
  approvalConfig().elasticache,
);

describe('cache resize, approved', () => {
  it('sends ModifyCacheCluster with ApplyImmediately once a second person approves, and follows the cache', async () => {
    mock.on(DescribeCacheClustersCommand).resolves({
      CacheClusters: [
        { CacheClusterId: 'radio-cache', CacheClusterStatus: 'available', CacheNodeType: 'cache.t4g.small' },
      ],
    });
    mock.on(ModifyCacheClusterCommand).resolves({ CacheCluster: { CacheClusterStatus: 'modifying' } });
    const s = setup({ elasticache });
    const id = await s.ask('cache resize cache.t4g.medium');
    expect(mock.commandCalls(ModifyCacheClusterCommand)).toHaveLength(0);
    expect((await s.approve(id))?.status).toBe('succeeded');
    expect(mock.commandCalls(ModifyCacheClusterCommand).map((call) => call.args[0].input)).toEqual([
      { CacheClusterId: 'radio-cache', CacheNodeType: 'cache.t4g.medium', ApplyImmediately: true },
    ]);
    expect(await followed(id)).toEqual([{ kind: 'elasticache', target: 'radio-cache' }]);
  });
});
