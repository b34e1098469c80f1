import type { Integrations } from '../integrations/integrations.js';
import { MODULES, type ModuleId } from '../integrations/modules.js';
import type { AnyCommand } from './command.js';
import { UserError } from './user-error.js';

/**
 * Refuses a command whose `needs` name a module not set up in this process, with that module's own
 * words, so `plan` and `run` can rely on their clients being there.
 *
 * @throws UserError `not_configured` with the first missing module's `notConfigured` text.
 */
export function checkNeeds(command: AnyCommand, integrations: Integrations): void {
  const needs: readonly string[] = command.needs ?? [];
  for (const module of MODULES.values()) {
    if (needs.includes(module.id) && integrations[module.id] === undefined)
      throw new UserError('not_configured', module.notConfigured);
  }
}

/**
 * What each module is called when a deadline passes while waiting on it: every module has a name in words (a
 * module id such as `channelWriter` means nothing to the person waiting).
 */
const DEPENDENCY_NAMES: Record<ModuleId, string> = {
  ecs: 'ECS',
  cdn: 'CloudFront',
  alarms: 'CloudWatch',
  rds: 'RDS',
  s3: 'S3',
  redis: "the station's Redis",
  stationDb: 'the station database',
  terminator: 'the station database',
  channels: 'the station database',
  channelWriter: 'the station database for writes, RADIO_DATABASE_WRITE_URL',
  icecast: 'Icecast',
  liquidsoap: 'Liquidsoap',
  hls: 'S3 or CloudFront',
  logs: 'CloudWatch Logs',
  elasticache: 'ElastiCache',
  cost: 'Cost Explorer, S3, CloudWatch or RDS',
  host: 'EC2, Systems Manager or CloudWatch',
};

/** The dependencies a command waits on, in words (`ECS`, `the station database`), for a deadline's answer. */
export function dependencyNames(command: AnyCommand): string[] {
  const needs: readonly string[] = command.needs ?? [];
  return [...new Set(needs.map((id) => DEPENDENCY_NAMES[id as ModuleId] ?? id))];
}
