import type { AnyCommand } from '../pipeline/command.js';
import { Registry } from '../pipeline/registry.js';
import { approveCommand, cancelCommand, rejectCommand } from './approval-decisions.js';
import { approvalCommand, approvalsCommand } from './approvals-list.js';
import { auditCommand } from './audit.js';
import { dbConnectionsCommand } from './db-connections.js';
import { dbKillIdleCommand } from './db-kill-idle.js';
import { dbTerminateCommand } from './db-terminate.js';
import { dbIdleCommand } from './db-idle.js';
import { dbSizeCommand } from './db-size.js';
import { dbSlowQueriesCommand } from './db-slow-queries.js';
import { helpCommand } from './help.js';

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
];

/** Builds the registry; throws at start on a duplicate or malformed name. */
export function buildRegistry(extra: AnyCommand[] = []): Registry {
  const registry: Registry = new Registry([...COMMANDS, ...extra, helpCommand(() => registry)]);
  return registry;
}
