import type { AlarmHistory } from '../alarms/alarm-history.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Cooldowns } from '../station/cooldowns.js';
import type { AwsAccess } from './aws/aws-access.js';
import type { IntegrationClients, ModuleId } from './modules.js';

/**
 * Everything a command may touch, built in the composition root (`src/compose/`) and handed in: the
 * clients of the configured integration modules (`src/integrations/modules.ts`; absent when not set
 * up here), plus the audit log and what the pipeline itself provides. Tests pass fakes or clients on
 * real local services; nothing is imported globally.
 */
export interface Integrations extends Partial<IntegrationClients> {
  audit: AuditLog;
  /** Whether AWS commands may call AWS; absent means they only plan. */
  aws?: AwsAccess;
  /** Alarm transitions recorded from SNS (`alarm_events`), for `alarms history`. */
  alarmHistory?: AlarmHistory;
  /**
   * Cooldowns shared by every replica (the bot's database): `skip` claims `skip:<channel>`. Absent, the commands
   * that need one refuse (`not_configured`) rather than run without it.
   */
  cooldowns?: Cooldowns;
}

/** The integrations a command receives when it declares `needs`: those modules' clients, never undefined. */
export type IntegrationsWith<Needs extends readonly ModuleId[]> = Integrations &
  Pick<IntegrationClients, Needs[number]>;
