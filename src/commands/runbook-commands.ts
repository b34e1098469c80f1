// The runbook's commands of issue 16 (logs, ECS tasks/events/rollback, ElastiCache, cost), listed here so
// src/commands/index.ts takes them with one line.
import type { AnyCommand } from '../pipeline/command.js';
import { cacheResizeCommand } from './cache-resize.js';
import { cacheStatusCommand } from './cache-status.js';
import { costCommand } from './cost.js';
import { costChecksCommand } from './cost-checks.js';
import { ecsEventsCommand } from './ecs-events.js';
import { ecsRollbackCommand } from './ecs-rollback.js';
import { ecsTasksCommand } from './ecs-tasks.js';
import { logsCommand } from './logs.js';

export const RUNBOOK_COMMANDS: AnyCommand[] = [
  ecsTasksCommand,
  ecsEventsCommand,
  ecsRollbackCommand,
  logsCommand,
  cacheStatusCommand,
  cacheResizeCommand,
  costCommand,
  costChecksCommand,
];
