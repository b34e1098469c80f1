import type { RadioConfig } from '../config/radio-config.js';
import { logGroupNamed } from '../integrations/logs/logs-inputs.js';
import type { ModuleId } from '../integrations/modules.js';
import type { ResourceTarget } from './command-targets.js';

type LogsCacheCostModuleId = Extract<ModuleId, 'logs' | 'elasticache' | 'cost'>;

/**
 * What issue 16's modules act on, as alarm dimensions (see `MODULE_TARGETS` in command-targets.ts): `logs`
 * the named group (or every configured one), as AWS/Logs names it (`LogGroupName`); `elasticache` the cache cluster (`CacheClusterId`).
 * Dimensions: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 */
export const LOGS_CACHE_COST_TARGETS: Record<
  LogsCacheCostModuleId,
  (radio: RadioConfig, args: Record<string, unknown>) => ResourceTarget[]
> = {
  logs: (radio, args) => [
    {
      dimension: 'LogGroupName',
      values: typeof args.group === 'string' ? [logGroupNamed(radio.logs, args.group)] : radio.logs.groups,
      setting: 'logs.groups',
    },
  ],
  // AWS/ElastiCache metrics name a cluster (a replication group's members are <group>-001, …).
  elasticache: (radio) => [
    {
      dimension: 'CacheClusterId',
      values: [radio.elasticache.cacheClusterId],
      setting: 'elasticache.cacheClusterId',
    },
  ],
  // Cost Explorer is account-wide; `cost checks` reads s3.bucket's configuration only.
  cost: (radio) => [{ dimension: 'BucketName', values: [radio.s3.bucket], setting: 's3.bucket' }],
};
