import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { cacheTarget } from '../integrations/elasticache/elasticache-inputs.js';
import type { CacheState } from '../integrations/elasticache/elasticache-operations.js';
import type { RedisMemory } from '../integrations/redis/station-redis.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, table } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { formatCount } from './format-bytes.js';

/** What `cache status` read: ElastiCache's view, and Redis' own memory (or why it was not read). */
export interface CacheStatusResult {
  cache: CacheState;
  memory: RedisMemory | { notRead: string };
}

/**
 * `cache status`: the configured cache cluster (or replication group) as ElastiCache describes it (node type,
 * status, engine, nodes) and its memory from `INFO` through the station Redis (`REDIS_URL`), when set.
 * API: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html
 */
export const cacheStatusCommand = defineCommand({
  name: 'cache status',
  usage: 'cache status',
  summary: 'Show the ElastiCache cluster: node type, status, engine, nodes and memory',
  examples: ['cache status'],
  positional: [],
  flags: {},
  needs: ['elasticache'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ config }) {
    const target = cacheTarget(config.elasticache);
    return awsReadPlan([
      target.kind === 'cluster'
        ? {
            service: 'ElastiCache',
            operation: 'DescribeCacheClusters',
            input: { CacheClusterId: target.id, ShowCacheNodeInfo: true },
          }
        : { service: 'ElastiCache', operation: 'DescribeReplicationGroups', input: { ReplicationGroupId: target.id } },
    ]);
  },
  async run({ integrations }): Promise<CacheStatusResult> {
    const cache = await integrations.elasticache.describe();
    if (!integrations.redis) return { cache, memory: { notRead: 'REDIS_URL is not set' } };
    // A Redis that does not answer must not hide what ElastiCache said.
    const memory = await integrations.redis
      .memory()
      .catch((error: unknown) => ({ notRead: error instanceof Error ? error.message : String(error) }));
    return { cache, memory };
  },
  present({ cache, memory }) {
    const engine = `${cache.Engine ?? '?'} ${cache.EngineVersion ?? '?'}`;
    const m = 'notRead' in memory ? undefined : memory;
    const share = m && m.maxmemory > 0 ? ` (${((m.used_memory / m.maxmemory) * 100).toFixed(1)}% of maxmemory)` : '';
    return {
      summary: `${cache.id}: ${cache.status}, ${cache.CacheNodeType ?? '?'}, ${engine}`,
      visibility: 'in_channel',
      parts: [
        fields(
          [cache.kind === 'cluster' ? 'CacheClusterId' : 'ReplicationGroupId', cache.id],
          ['Status', cache.status],
          [
            'CacheNodeType',
            `${cache.CacheNodeType ?? '?'}${cache.pendingCacheNodeType ? ` (-> ${cache.pendingCacheNodeType} pending)` : ''}`,
          ],
          ['Engine', engine],
          [
            'used_memory',
            m
              ? `${m.used_memory_human}${share}, ${m.maxmemory_policy}, ${formatCount(m.evicted_keys, 'keys')} evicted`
              : '-',
          ],
        ),
        ...(cache.nodes.length > 0
          ? [
              table(
                ['CacheNodeId', 'CacheNodeStatus', 'endpoint'],
                cache.nodes.map((n) => [n.CacheNodeId, n.CacheNodeStatus, n.endpoint]),
              ),
            ]
          : []),
        note(
          'notRead' in memory
            ? `Memory not read: ${memory.notRead}.`
            : 'Memory from INFO of the node REDIS_URL points at (`cache memory` shows more).',
        ),
      ],
    };
  },
});
