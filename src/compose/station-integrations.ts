// Part of the composition root (with src/main.ts and src/compose/runtime.ts): the only place that
// builds AWS SDK clients and the station's Redis client.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAlarmHistory } from '../alarms/alarm-history.js';
import { createAuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/load-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlDatabase } from '../db/sql-client.js';
import { createAlarmOperations } from '../integrations/aws/alarm-operations.js';
import { awsClientOptions } from '../integrations/aws/aws-client-options.js';
import { createCdnOperations } from '../integrations/aws/cdn-operations.js';
import { createEcsOperations } from '../integrations/aws/ecs-operations.js';
import { createRdsOperations } from '../integrations/aws/rds-operations.js';
import { createS3Operations } from '../integrations/aws/s3-operations.js';
import type { Integrations } from '../integrations/integrations.js';
import { createBackendTerminator } from '../integrations/pg-backend-terminator.js';
import { redisClientOptions } from '../integrations/redis/redis-client-options.js';
import { createStationRedis } from '../integrations/redis/station-redis.js';
import { createStationDatabase } from '../integrations/station-database.js';

export interface StationIntegrationsInput {
  config: Config;
  radio: RadioConfig;
  botDb: SqlDatabase;
  stationDb: SqlDatabase;
  log: Logger;
  announce: (message: string) => void;
}

/**
 * Everything commands touch except approvals (which need the dispatcher's registry): the audit log,
 * the station database, AWS (clients are lazy: no network until a command calls), and the station's
 * Redis when `REDIS_URL` is set. `close` disconnects Redis.
 */
export function buildStationIntegrations({ config, radio, botDb, stationDb, log, announce }: StationIntegrationsInput) {
  const cloudwatch = new CloudWatchClient(awsClientOptions(radio.region));
  // Built only with REDIS_URL; connects on first use; disconnected by `close`.
  const redis = config.redisUrl ? new Redis(config.redisUrl, redisClientOptions()) : undefined;
  redis?.on('error', (err: unknown) => log.warn({ err }, 'station Redis connection error'));
  if (!redis) announce('radio-ops: no REDIS_URL: the cache and ratelimit commands answer that the station\'s Redis is not configured');
  if (config.aws.mode === 'dry-run') announce(`radio-ops: AWS commands only plan (dry-run): ${config.aws.reason ?? ''}`);
  const integrations: Integrations = {
    stationDb: createStationDatabase(stationDb), audit: createAuditLog(botDb), aws: config.aws,
    rds: createRdsOperations(new RDSClient(awsClientOptions(radio.region)), radio),
    s3: createS3Operations(new S3Client(awsClientOptions(radio.region)), cloudwatch, radio),
    alarms: createAlarmOperations(cloudwatch),
    ecs: createEcsOperations(new ECSClient(awsClientOptions(radio.region)), new ApplicationAutoScalingClient(awsClientOptions(radio.region)), radio.ecs),
    // CloudFront is global and publishes its metrics only in us-east-1.
    cdn: createCdnOperations(new CloudFrontClient(awsClientOptions('us-east-1')), new CloudWatchClient(awsClientOptions('us-east-1')), radio.cloudfront),
    redis: redis && createStationRedis(redis, radio),
    alarmHistory: createAlarmHistory(botDb),
    terminator: createBackendTerminator(stationDb),
  };
  return { integrations, close: () => redis?.disconnect() };
}
