// Part of the composition root (with src/main.ts): builds the pipeline that every front door (the Slack
// server, the shell) shares, over databases that open on first use (or at start, for the server).
import type { Logger } from 'pino';
import { silentNotifier, type ApprovalNotifier } from '../approvals/approval-notifier.js';
import { createApprovalService, type ApprovalService } from '../approvals/approval-service.js';
import { createApprovalStore } from '../approvals/approval-store.js';
import { shellApprovalsCount } from '../approvals/shell-approvals-count.js';
import { buildRegistry } from '../commands/index.js';
import type { Config } from '../config/load-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { KeptConnectionTiming } from '../db/kept-database.js';
import { lazyDatabase, type LazyDatabase } from '../db/lazy-database.js';
import type { SqlDatabase } from '../db/sql-client.js';
import type { Integrations } from '../integrations/integrations.js';
import { createOperationStore } from '../operations/operation-store.js';
import type { Directory } from '../pipeline/authorize.js';
import type { AnyCommand } from '../pipeline/command.js';
import { createDispatcher, type Dispatch } from '../pipeline/dispatcher.js';
import { Capacity } from '../pipeline/capacity.js';
import { createExecutor, type Executor } from '../pipeline/execute.js';
import type { Registry } from '../pipeline/registry.js';
import { slackClientOptions } from '../slack/slack-client-options.js';
import type { RunbookEngine } from '../runbooks/runbook-engine.js';
import type { RunbookNotifier } from '../runbooks/run-reporting.js';
import { attachRunbookEngine, buildRunbookRegistry, type RunbookRegistry } from '../runbooks/runbook-registry.js';
import { buildStationIntegrations } from './station-integrations.js';

/** How a front door tailors {@link createRuntime}; everything else comes from `Config`. */
export interface RuntimeOptions {
  /** Extra commands (tests register a latch command here). */
  extraCommands?: AnyCommand[];
  /** The registry, when the caller built it already (the server checks playbooks against it first). */
  registry?: Registry;
  /**
   * The registry with the runbook commands, when the caller built it already (the server); without it and
   * without `registry`, it is built here from the built-in and the YAML's runbooks.
   */
  runbooks?: RunbookRegistry;
  /** Where runbook progress cards go (the server: Slack, behind the rate-limited queue); default: nowhere. */
  runbookNotifier?: RunbookNotifier;
  /**
   * Only runs started from this `source` are advanced here (the shell: `shell`), so a shell on the server's
   * database never takes a Slack run whose card only the server can update; default: every run.
   */
  runbookSource?: string;
  /** Roles and resources to use instead of `config.radio` (the shell's demo identity). */
  radio?: RadioConfig;
  /** Called once per embedded default in use, with a line for stderr; default: a pino warning. */
  announce?: (message: string) => void;
  /** Where approval cards go (Slack messages, or the terminal); default: nowhere. */
  notifier?: ApprovalNotifier;
  /**
   * `start` (default): open and migrate the bot database before returning (the server, whose readiness
   * depends on it; the interactive shell). `first use`: on the first query (`shell -c help` never opens it).
   */
  openDatabases?: 'start' | 'first use';
  /** Health-check interval and timeouts of the kept station connection (tests shorten them). */
  stationConnection?: KeptConnectionTiming;
}

/** What every front door runs on: one dispatcher over one set of databases and integrations. */
export interface Runtime {
  dispatch: Dispatch;
  registry: Registry;
  /** Two-person approvals; the server sweeps them (expiry, interrupted executions). */
  approvals: ApprovalService;
  /** The one execution function; the operation poller runs follow-up writes through it. */
  executor: Executor;
  /** Runs runbooks (absent when the caller's registry has no runbook commands); the server polls it. */
  runbooks?: RunbookEngine;
  /** The integration modules' clients the dispatcher hands commands (the server's alarm reconcile and operation poller use them too). */
  integrations: Integrations;
  /** The bot's own database (audit log): `pg` with `DATABASE_URL`, else the embedded PGlite; opened on first use. */
  botDb: LazyDatabase;
  /**
   * Stops the runbook worker (a running step finishes), then closes every pool and the embedded database
   * (releasing its lock), and the modules' clients.
   */
  close(): Promise<void>;
}

/**
 * Builds the pipeline the server and the shell share. The bot database is a `pg` pool on
 * `DATABASE_URL`, else an embedded PGlite in `RADIO_DATA_DIR`, migrated when opened; the station
 * database is one kept connection to `RADIO_DATABASE_URL` (which defaults to `DATABASE_URL`; with neither, the same PGlite).
 * Slack groups are read with `SLACK_BOT_TOKEN`; without it anyone whose role comes from a group is denied.
 * Nothing here imports a database driver or an SDK until it is used.
 *
 * @throws (with `openDatabases: 'start'`) DataDirLockedError when another process holds the data directory;
 *   the driver's error when a database can't be reached or migrated (everything opened so far is closed first).
 */
export async function createRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const announce = options.announce ?? ((message: string) => log.warn(message));
  const botDb = lazyDatabase(() => openBotDatabase(config));
  if (!config.databaseUrl)
    announce(
      `radio-ops: no DATABASE_URL: using an embedded Postgres in ${config.dataDir} (demo only; not for production)`,
    );
  const stationUrl = config.radioDatabaseUrl;
  // One kept connection, not a pool: when the station is out of connection slots (the incident `db kill-idle`
  // is for), a new connection is refused, so the db commands take turns on the one the bot already holds.
  const stationDb = stationUrl
    ? lazyDatabase(async () =>
        (await import('../db/kept-database.js')).openKeptDatabase({
          connectionString: stationUrl,
          applicationName: 'radio-ops-inspector',
          label: 'The station database (RADIO_DATABASE_URL)',
          log,
          ...options.stationConnection,
        }),
      )
    : botDb;
  if (!stationUrl)
    announce(
      'radio-ops: no RADIO_DATABASE_URL: the db commands inspect the embedded Postgres (one backend, so pg_stat_activity is nearly empty)',
    );
  const radio = options.radio ?? config.radio;
  const withRunbooks =
    options.runbooks ?? (options.registry ? undefined : buildRunbookRegistry(radio, options.extraCommands, announce));
  const registry = options.registry ?? withRunbooks?.registry ?? buildRegistry(options.extraCommands);
  const station = buildStationIntegrations({ config, radio, botDb, stationDb, log, announce });
  const close = async () => {
    // The runbook worker first: a step it runs finishes and is audited before the database closes under it.
    await runbooks?.stop();
    await station.close();
    await Promise.allSettled([...new Set([botDb, stationDb])].map((db) => db.close()));
  };
  const { integrations } = station;
  const directory = slackDirectory(config);
  // Built in order, nothing patched afterwards: integrations, the one execution function, the approval
  // gate that runs approved requests through it, and the dispatcher that holds the gate.
  const executor = createExecutor({
    audit: integrations.audit,
    log,
    deadlineMs: radio.deadlines.command,
    stillRunningAfterMs: radio.deadlines.stillRunning,
    capacity: new Capacity(radio.concurrency.commands, radio.concurrency.reserved),
  });
  const approvals = createApprovalService({
    store: createApprovalStore(botDb),
    audit: integrations.audit,
    registry,
    config: radio,
    directory,
    log,
    executor,
    notifier: options.notifier ?? silentNotifier,
    integrations,
    operations: createOperationStore(botDb),
    shellApprovalsCount: shellApprovalsCount(radio, Boolean(config.configPath)),
  });
  const dispatch = createDispatcher({ registry, config: radio, integrations, directory, log, executor, approvals });
  const runbooks =
    withRunbooks &&
    attachRunbookEngine(withRunbooks, botDb, {
      ...(options.runbookSource ? { onlySource: options.runbookSource } : {}),
      config: radio,
      integrations,
      directory,
      executor,
      log,
      notifier: options.runbookNotifier ?? {
        post: async () => undefined,
        update: async () => undefined,
        thread: async () => undefined,
      },
    });
  if ((options.openDatabases ?? 'start') === 'start')
    // The station connection opens in the background (and keeps trying): a station that is down must not stop the bot.
    await Promise.all([botDb.open(), stationDb.open()]).catch(async (error: unknown) => {
      await close();
      throw error;
    });
  return { dispatch, registry, approvals, executor, runbooks, integrations, botDb, close };
}

/** Opens and migrates the bot database; a database that can't be migrated is closed again. */
async function openBotDatabase(config: Config): Promise<SqlDatabase> {
  const { migrate } = await import('../db/migrate.js');
  if (config.databaseUrl) {
    const { openPgDatabase } = await import('../db/pg-database.js');
    const db = openPgDatabase(config.databaseUrl, 'radio-ops', 5, { label: 'The bot database (DATABASE_URL)' });
    await migrate(db).catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
    return db;
  }
  const { openPgliteDatabase } = await import('../db/pglite-database.js');
  const embedded = await openPgliteDatabase(config.dataDir);
  await migrate(embedded, embedded.exec).catch(async (error: unknown) => {
    await embedded.close();
    throw error;
  });
  return embedded;
}

/** Slack user-group membership; without a bot token nobody's group can be read, so group roles deny. */
function slackDirectory(config: Config): Directory {
  const token = config.slack.botToken;
  if (!token)
    return {
      groupMembers: () => Promise.reject(new Error('SLACK_BOT_TOKEN is not set: Slack user groups cannot be read')),
    };
  let directory: Promise<Directory> | undefined;
  const load = async () => {
    const [{ WebClient }, { createUsergroupDirectory }] = await Promise.all([
      import('@slack/web-api'),
      import('../slack/usergroup-directory.js'),
    ]);
    return createUsergroupDirectory(new WebClient(token, slackClientOptions(config)));
  };
  return { groupMembers: async (groupId) => (await (directory ??= load())).groupMembers(groupId) };
}
