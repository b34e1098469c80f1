// cache resize through the two-person approval on real Postgres: the approved run sends ModifyCacheCluster
// with ApplyImmediately and records the cache to follow until available.
import {
  DescribeCacheClustersCommand,
  ElastiCacheClient,
  ModifyCacheClusterCommand,
} from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createElastiCacheOperations } from '../../src/integrations/elasticache/elasticache-operations.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { approvalConfig, approvalSetup } from '../support/approvals-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const COMMAND = 'cache resize';
const db = openWorkerDatabase('radio-ops-cache-resize-test');
afterAll(async () => {
  await db.query(
    `UPDATE operations SET status = 'done', finished_at = clock_timestamp()
    WHERE status = 'polling' AND approval_id IN (SELECT id FROM approval_requests WHERE command = $1)`,
    [COMMAND],
  );
  await db.close();
});
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
    const s = approvalSetup(db, {
      integrations: { elasticache, aws: { mode: 'live' } },
      operations: createOperationStore(db),
    });
    const requested = await s.send('cache resize cache.t4g.medium', 'U0ALICE');
    if (requested.status !== 'pending')
      throw new Error(`expected pending, got ${requested.status}: ${requested.reply.summary}`);
    expect(mock.commandCalls(ModifyCacheClusterCommand)).toHaveLength(0);
    const approved = await s.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(approved.status === 'succeeded' && (approved.result as ApproveResult).record.status).toBe('succeeded');
    expect(mock.commandCalls(ModifyCacheClusterCommand).map((call) => call.args[0].input)).toEqual([
      { CacheClusterId: 'radio-cache', CacheNodeType: 'cache.t4g.medium', ApplyImmediately: true },
    ]);
    const { rows } = await db.query('SELECT kind, target FROM operations WHERE approval_id = $1', [
      requested.approvalId,
    ]);
    expect(rows).toEqual([{ kind: 'elasticache', target: 'radio-cache' }]);
  });
});
