import type { AnyCommand } from '../pipeline/command.js';
import { Registry } from '../pipeline/registry.js';
import { approveCommand, cancelCommand, rejectCommand } from './approval-decisions.js';
import { approvalCommand, approvalsCommand } from './approvals-list.js';
import { alarmsCommand } from './alarms.js';
import { alarmsHistoryCommand } from './alarms-history.js';
import { auditCommand } from './audit.js';
import { cacheMemoryCommand } from './cache-memory.js';
import { cdnHitRateCommand } from './cdn-hit-rate.js';
import { cdnInvalidateCommand } from './cdn-invalidate.js';
import { cdnInvalidationCommand } from './cdn-invalidation.js';
import { cdnStatusCommand } from './cdn-status.js';
import { channelAddCommand } from './channel-add.js';
import { dbConnectionsCommand } from './db-connections.js';
import { dbKillIdleCommand } from './db-kill-idle.js';
import { dbResizeCommand } from './db-resize.js';
import { dbTerminateCommand } from './db-terminate.js';
import { dbIdleCommand } from './db-idle.js';
import { dbSizeCommand } from './db-size.js';
import { dbSlowQueriesCommand } from './db-slow-queries.js';
import { dbSnapshotsCommand } from './db-snapshots.js';
import { dbStatusCommand } from './db-status.js';
import { drRebuildHostCommand } from './dr-rebuild-host.js';
import { drRestoreDbCommand } from './dr-restore-db.js';
import { ecsRedeployCommand } from './ecs-redeploy.js';
import { ecsScaleCommand } from './ecs-scale.js';
import { ecsStatusCommand } from './ecs-status.js';
import { cacheResizeCommand } from './cache-resize.js';
import { cacheStatusCommand } from './cache-status.js';
import { costCommand } from './cost.js';
import { costChecksCommand } from './cost-checks.js';
import { ecsEventsCommand } from './ecs-events.js';
import { ecsRollbackCommand } from './ecs-rollback.js';
import { ecsTasksCommand } from './ecs-tasks.js';
import { logsCommand } from './logs.js';
import { helpCommand } from './help.js';
import { hlsCommand } from './hls.js';
import { liquidsoapCommand } from './liquidsoap.js';
import { liquidsoapCreateChannelCommand } from './liquidsoap-create-channel.js';
import { listenersCommand } from './listeners.js';
import { mountsCommand } from './mounts.js';
import { npCommand } from './np.js';
import { killSourceCommand } from './kill-source.js';
import { metaCommand } from './meta.js';
import { outputStartCommand, outputStopCommand } from './output-start-stop.js';
import { pushCommand } from './push.js';
import { hostLogsCommand } from './host-logs.js';
import { hostResizeCommand } from './host-resize.js';
import { hostRestartCommand } from './host-restart.js';
import { hostStatusCommand } from './host-status.js';
import { ratelimitClearCommand } from './ratelimit-clear.js';
import { ratelimitShowCommand } from './ratelimit-show.js';
import { s3ChannelsCommand } from './s3-channels.js';
import { s3CleanupCommand } from './s3-cleanup.js';
import { s3PrefixCreateCommand } from './s3-prefix-create.js';
import { s3PresignCommand } from './s3-presign.js';
import { s3RestoreCommand } from './s3-restore.js';
import { s3SizeCommand } from './s3-size.js';
import { s3VersionsCommand } from './s3-versions.js';
import { statusCommand } from './status.js';
import { skipCommand } from './skip.js';

/** Every command radio-ops knows: one line each, no directory scanning. */
const COMMANDS: AnyCommand[] = [
  approvalCommand,
  approvalsCommand,
  approveCommand,
  cancelCommand,
  rejectCommand,
  auditCommand,
  dbConnectionsCommand,
  dbKillIdleCommand,
  dbTerminateCommand,
  dbIdleCommand,
  dbSizeCommand,
  dbSlowQueriesCommand,
  dbStatusCommand,
  dbSnapshotsCommand,
  dbResizeCommand,
  drRestoreDbCommand,
  channelAddCommand,
  s3ChannelsCommand,
  s3SizeCommand,
  s3PresignCommand,
  s3VersionsCommand,
  s3RestoreCommand,
  s3CleanupCommand,
  s3PrefixCreateCommand,
  alarmsCommand,
  alarmsHistoryCommand,
  cacheMemoryCommand,
  ratelimitShowCommand,
  ratelimitClearCommand,
  ecsStatusCommand,
  ecsScaleCommand,
  ecsRedeployCommand,
  cdnInvalidateCommand,
  cdnStatusCommand,
  cdnInvalidationCommand,
  cdnHitRateCommand,
  hlsCommand,
  statusCommand,
  npCommand,
  listenersCommand,
  mountsCommand,
  liquidsoapCommand,
  skipCommand,
  metaCommand,
  pushCommand,
  killSourceCommand,
  outputStopCommand,
  outputStartCommand,
  ecsTasksCommand,
  ecsEventsCommand,
  ecsRollbackCommand,
  logsCommand,
  cacheStatusCommand,
  cacheResizeCommand,
  costCommand,
  costChecksCommand,
  liquidsoapCreateChannelCommand,
  hostStatusCommand,
  hostLogsCommand,
  hostRestartCommand,
  hostResizeCommand,
  drRebuildHostCommand,
];

/** Builds the registry; throws at start on a duplicate or malformed name. */
export function buildRegistry(extra: AnyCommand[] = []): Registry {
  const registry: Registry = new Registry([...COMMANDS, ...extra, helpCommand(() => registry)]);
  return registry;
}
