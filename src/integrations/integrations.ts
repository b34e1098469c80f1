import type { AlarmHistory } from '../alarms/alarm-history.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { BackendTerminator } from './pg-backend-terminator.js';
import type { AlarmOperations } from './aws/alarm-operations.js';
import type { AwsAccess } from './aws/aws-access.js';
import type { CdnOperations } from './aws/cdn-operations.js';
import type { EcsOperations } from './aws/ecs-operations.js';
import type { RdsOperations } from './aws/rds-operations.js';
import type { S3Operations } from './aws/s3-operations.js';
import type { StationRedis } from './redis/station-redis.js';
import type { StationDatabase } from './station-database.js';

/**
 * Everything a command may touch, built in the composition root (`src/main.ts`) and handed in.
 * Tests pass fakes or clients on real local services; nothing is imported globally.
 */
export interface Integrations {
  stationDb: StationDatabase;
  audit: AuditLog;
  /** Terminates station-database backends (`db kill-idle`, `db terminate`). */
  terminator?: BackendTerminator;
  /** Whether AWS commands may call AWS; absent means they only plan. */
  aws?: AwsAccess;
  /** The configured ECS services (`ecs`); absent: `ecs status`, `scale`, `redeploy` answer not_configured. */
  ecs?: EcsOperations;
  /** The configured CloudFront distribution (`cloudfront`) and its CloudWatch metrics in us-east-1. */
  cdn?: CdnOperations;
  /** The station's RDS instance (`rds.instance`); absent: `db status`/`db snapshots` answer not_configured. */
  rds?: RdsOperations;
  /** The station's audio bucket (`s3.bucket`) and its CloudWatch storage metrics. */
  s3?: S3Operations;
  /** CloudWatch alarms in the configured region. */
  alarms?: AlarmOperations;
  /** Alarm transitions recorded from SNS (`alarm_events`), for `alarms history`. */
  alarmHistory?: AlarmHistory;
  /** The station's Redis (`REDIS_URL`); absent when that is not set. */
  redis?: StationRedis;
}
