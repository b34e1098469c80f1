import { z } from 'zod';
import type { RedisMemory } from '../integrations/redis/station-redis.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, messageInline, note, text } from '../pipeline/reply.js';
import { formatBytes, formatCount } from './format-bytes.js';

/** `cache memory`: the station Redis' memory, eviction policy, fragmentation, evictions and clients. */
export const cacheMemoryCommand = defineCommand({
  name: 'cache memory',
  usage: 'cache memory',
  summary: "Show the station Redis' memory use, maxmemory policy, fragmentation and evictions",
  examples: ['cache memory'],
  positional: [],
  flags: {},
  needs: ['redis'],
  args: z.object({}),
  risk: () => 'read',
  run: ({ integrations }): Promise<RedisMemory> => integrations.redis.memory(),
  present(m) {
    const share = m.maxmemory > 0 ? (m.used_memory / m.maxmemory) * 100 : undefined;
    const warnings: string[] = [];
    if (share !== undefined && share >= 90) {
      warnings.push(
        m.maxmemory_policy === 'noeviction'
          ? `Memory is ${share.toFixed(1)}% of maxmemory with noeviction: writes will fail when it is full.`
          : `Memory is ${share.toFixed(1)}% of maxmemory: ${m.maxmemory_policy} evicts keys when it is full.`,
      );
    }
    // On a small dataset the ratio is noise (a few MiB of allocator overhead); warn only when the gap is real.
    if (m.mem_fragmentation_ratio > 1.5 && m.used_memory_rss - m.used_memory > 64 * 2 ** 20)
      warnings.push(`mem_fragmentation_ratio ${m.mem_fragmentation_ratio} is high: RSS is well above what Redis uses.`);
    if (m.mem_fragmentation_ratio > 0 && m.mem_fragmentation_ratio < 1)
      warnings.push(
        `mem_fragmentation_ratio ${m.mem_fragmentation_ratio} is below 1: part of Redis may be swapped out.`,
      );
    return {
      summary: `Redis: ${m.used_memory_human} used${share === undefined ? '' : ` (${share.toFixed(1)}% of maxmemory)`}, ${m.maxmemory_policy}, ${formatCount(m.evicted_keys, 'keys')} evicted`,
      visibility: 'in_channel',
      parts: [
        fields(
          ['used_memory', formatBytes(m.used_memory)],
          ['used_memory_peak', formatBytes(m.used_memory_peak)],
          ['used_memory_rss', formatBytes(m.used_memory_rss)],
          ['maxmemory', m.maxmemory > 0 ? `${formatBytes(m.maxmemory)}, ${share?.toFixed(1)}% used` : '0 (no limit)'],
          ['maxmemory_policy', m.maxmemory_policy],
          ['mem_fragmentation_ratio', `${m.mem_fragmentation_ratio.toFixed(2)} (used_memory_rss / used_memory)`],
          ['evicted_keys', `${formatCount(m.evicted_keys, 'keys')} since start`],
          ['connected_clients', formatCount(m.connected_clients, m.connected_clients === 1 ? 'client' : 'clients')],
        ),
        ...warnings.map((warning) => text(messageInline(warning), 'warning')),
        note('From INFO memory, INFO clients and INFO stats of the node REDIS_URL points at.'),
      ],
    };
  },
});
