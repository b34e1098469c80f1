// Part of the composition root (with src/main.ts and src/compose/runtime.ts): registers the integration
// modules' factories. Only those factories build SDK clients and the station's Redis client, on first use.
import type { Logger } from 'pino';
import { createAlarmHistory } from '../alarms/alarm-history.js';
import { createAuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/load-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlDatabase } from '../db/sql-client.js';
import type { IntegrationContext } from '../integrations/integration-module.js';
import type { Integrations } from '../integrations/integrations.js';
import { MODULES, type IntegrationClients } from '../integrations/modules.js';
import { createCooldowns } from '../station/cooldowns.js';

export interface StationIntegrationsInput {
  config: Pick<Config, 'redisUrl' | 'aws' | 'icecastAdminPassword' | 'radioDatabaseWriteUrl'>;
  radio: RadioConfig;
  /** The bot's database (audit log, alarm history); may open on first query. */
  botDb: SqlDatabase;
  /** The database the `db` commands inspect; may open on first query. */
  stationDb: SqlDatabase;
  log: Logger;
  announce: (message: string) => void;
}

/**
 * Everything commands touch except approvals (which need the dispatcher's registry): the audit log and the
 * cooldowns (both in the bot's database), and the client of every integration module that is set up in this
 * process (`src/integrations/modules.ts`).
 * Building them does no I/O: SDKs are imported, clients built and databases opened on first use.
 * `close` runs the modules' cleanups (disconnecting Redis).
 */
export function buildStationIntegrations({ config, radio, botDb, stationDb, log, announce }: StationIntegrationsInput) {
  const cleanups: (() => void | Promise<void>)[] = [];
  const context: IntegrationContext = {
    radio,
    settings: config,
    log,
    stationDb,
    onClose: (cleanup) => cleanups.push(cleanup),
  };
  const clients: Partial<IntegrationClients> = {};
  for (const module of MODULES.values()) {
    const client = module.create(context);
    if (client !== undefined) Object.assign(clients, { [module.id]: client });
  }
  if (!config.redisUrl)
    announce(
      "radio-ops: no REDIS_URL: the cache and ratelimit commands answer that the station's Redis is not configured",
    );
  if (config.aws.mode === 'dry-run')
    announce(`radio-ops: AWS commands only plan (dry-run): ${config.aws.reason ?? ''}`);
  const integrations: Integrations = {
    ...clients,
    audit: createAuditLog(botDb),
    aws: config.aws,
    alarmHistory: createAlarmHistory(botDb),
    cooldowns: createCooldowns(botDb),
  };
  return { integrations, close: async () => void (await Promise.allSettled(cleanups.map((cleanup) => cleanup()))) };
}
