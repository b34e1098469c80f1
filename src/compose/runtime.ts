// Part of the composition root (with src/main.ts): opens the databases and builds the pipeline that
// every front door (the Slack server, the shell) shares.
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { silentNotifier, type ApprovalNotifier } from '../approvals/approval-notifier.js';
import { createApprovalService, type ApprovalService } from '../approvals/approval-service.js';
import { createApprovalStore } from '../approvals/approval-store.js';
import { shellApprovalsCount } from '../approvals/shell-approvals-count.js';
import { buildRegistry } from '../commands/index.js';
import type { Config } from '../config/load-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import { migrate } from '../db/migrate.js';
import { openPgDatabase } from '../db/pg-database.js';
import { openPgliteDatabase } from '../db/pglite-database.js';
import type { SqlDatabase } from '../db/sql-client.js';
import { createOperationStore } from '../operations/operation-store.js';
import type { Directory } from '../pipeline/authorize.js';
import type { AnyCommand } from '../pipeline/command.js';
import { createDispatcher, type Dispatch } from '../pipeline/dispatcher.js';
import { createExecutor, type Executor } from '../pipeline/execute.js';
import type { Registry } from '../pipeline/registry.js';
import { slackClientOptions } from '../slack/create-slack-app.js';
import { createUsergroupDirectory } from '../slack/usergroup-directory.js';
import { buildStationIntegrations } from './station-integrations.js';

/** How a front door tailors {@link createRuntime}; everything else comes from `Config`. */
export interface RuntimeOptions {
  /** Extra commands (tests register a latch command here). */
  extraCommands?: AnyCommand[];
  /** Roles and resources to use instead of `config.radio` (the shell's demo identity). */
  radio?: RadioConfig;
  /** Called once per embedded default in use, with a line for stderr; default: a pino warning. */
  announce?: (message: string) => void;
  /** Where approval cards go (Slack messages, or the terminal); default: nowhere. */
  notifier?: ApprovalNotifier;
}

/** What every front door runs on: one dispatcher over one set of databases and integrations. */
export interface Runtime {
  dispatch: Dispatch;
  registry: Registry;
  /** Two-person approvals; the server sweeps them (expiry, interrupted executions). */
  approvals: ApprovalService;
  /** The one execution function; the operation poller runs follow-up writes through it. */
  executor: Executor;
  /** The bot's own database (audit log): `pg` with `DATABASE_URL`, else the embedded PGlite. */
  botDb: SqlDatabase;
  /** Closes every pool and the embedded database (releasing its lock). */
  close(): Promise<void>;
}

/**
 * Builds the pipeline the server and the shell share. Opens the bot database (a `pg` pool on
 * `DATABASE_URL`, else an embedded PGlite in `RADIO_DATA_DIR`) and migrates it; opens the station
 * database (`RADIO_DATABASE_URL`, which defaults to `DATABASE_URL`; with neither, the same PGlite);
 * reads Slack groups with `SLACK_BOT_TOKEN`, and without it denies anyone whose role comes from a group.
 *
 * @throws DataDirLockedError when another process holds the data directory; the driver's error when
 *   a database can't be reached or migrated (everything opened so far is closed first).
 */
export async function createRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const announce = options.announce ?? ((message: string) => log.warn(message));
  const opened: SqlDatabase[] = [];
  let closeStation: () => void = () => undefined;
  try {
    let botDb: SqlDatabase;
    if (config.databaseUrl) {
      botDb = openPgDatabase(config.databaseUrl, 'radio-ops', 5, { label: 'The bot database (DATABASE_URL)' });
      opened.push(botDb);
      await migrate(botDb);
    } else {
      const embedded = await openPgliteDatabase(config.dataDir);
      opened.push((botDb = embedded));
      announce(`radio-ops: no DATABASE_URL: using an embedded Postgres in ${config.dataDir} (demo only; not for production)`);
      await migrate(embedded, embedded.exec);
    }
    let stationDb = botDb;
    if (config.radioDatabaseUrl) {
      opened.push((stationDb = openPgDatabase(config.radioDatabaseUrl, 'radio-ops-inspector', 3, { label: 'The station database (RADIO_DATABASE_URL)' })));
    } else {
      announce('radio-ops: no RADIO_DATABASE_URL: the db commands inspect the embedded Postgres (one backend, so pg_stat_activity is nearly empty)');
    }
    const registry = buildRegistry(options.extraCommands);
    const radio = options.radio ?? config.radio;
    const station = buildStationIntegrations({ config, radio, botDb, stationDb, log, announce });
    closeStation = station.close;
    const { integrations } = station;
    const directory = slackDirectory(config);
    // Built in order, nothing patched afterwards: integrations, the one execution function, the approval
    // gate that runs approved requests through it, and the dispatcher that holds the gate.
    const executor = createExecutor({ audit: integrations.audit, log });
    const approvals = createApprovalService({
      store: createApprovalStore(botDb), audit: integrations.audit, registry, config: radio, directory, log, executor,
      notifier: options.notifier ?? silentNotifier, integrations, operations: createOperationStore(botDb),
      shellApprovalsCount: shellApprovalsCount(radio, Boolean(config.configPath)),
    });
    const dispatch = createDispatcher({ registry, config: radio, integrations, directory, log, executor, approvals });
    return { dispatch, registry, approvals, executor, botDb, close: () => { closeStation(); return closeAll(opened); } };
  } catch (error) {
    closeStation();
    await closeAll(opened);
    throw error;
  }
}

async function closeAll(databases: SqlDatabase[]): Promise<void> {
  await Promise.allSettled(databases.map((db) => db.close()));
}

/** Slack user-group membership; without a bot token nobody's group can be read, so group roles deny. */
function slackDirectory(config: Config): Directory {
  if (config.slack.botToken) return createUsergroupDirectory(new WebClient(config.slack.botToken, slackClientOptions(config)));
  return { groupMembers: () => Promise.reject(new Error('SLACK_BOT_TOKEN is not set: Slack user groups cannot be read')) };
}
