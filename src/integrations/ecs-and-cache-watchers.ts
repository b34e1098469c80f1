import type { Watcher } from '../operations/operation-poller.js';
import { createEcsWatchers } from './ecs/ecs-watchers.js';
import { createElastiCacheWatchers } from './elasticache/elasticache-watchers.js';
import type { Integrations } from './integrations.js';

/**
 * The operation poller's watchers of issue 16's long operations, for the modules set up in this process:
 * `ecs-service` (`ecs rollback`), `elasticache` (`cache resize`). Types only from the SDKs: nothing is imported before a poll.
 */
export function ecsAndCacheWatchers(integrations: Integrations): Record<string, Watcher> {
  return {
    ...(integrations.ecs ? createEcsWatchers(integrations.ecs) : {}),
    ...(integrations.elasticache ? createElastiCacheWatchers(integrations.elasticache) : {}),
  };
}
