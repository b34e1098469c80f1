// The composition root: the only place that opens pools and databases and builds SDK clients.
// Front doors (the Slack server here, the shell in src/cli/shell.ts) call createRuntime and share its pipeline.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createAlarmHistory } from './alarms/alarm-history.js';
import { startAlarmCards, type AlarmCardsOptions } from './alarms/start-alarm-cards.js';
import { silentNotifier, type ApprovalNotifier } from './approvals/approval-notifier.js';
import { createApprovalService, type ApprovalService } from './approvals/approval-service.js';
import { createApprovalStore } from './approvals/approval-store.js';
import { shellApprovalsCount } from './approvals/shell-approvals-count.js';
import { createAuditLog } from './audit/audit-log.js';
import { buildRegistry } from './commands/index.js';
import type { Config } from './config/load-config.js';
import type { RadioConfig } from './config/radio-config.js';
import { latestMigrationVersion, migrate } from './db/migrate.js';
import { openPgDatabase } from './db/pg-database.js';
import { openPgliteDatabase } from './db/pglite-database.js';
import type { SqlDatabase } from './db/sql-client.js';
import { createHttpServer } from './http-server.js';
import type { Integrations } from './integrations/integrations.js';
import { createBackendTerminator } from './integrations/pg-backend-terminator.js';
import { createStationDatabase } from './integrations/station-database.js';
import { createOperationPoller } from './operations/operation-poller.js';
import { createOperationStore } from './operations/operation-store.js';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { createAlarmOperations } from './integrations/aws/alarm-operations.js';
import { awsClientOptions } from './integrations/aws/aws-client-options.js';
import { createCdnOperations } from './integrations/aws/cdn-operations.js';
import { createEcsOperations } from './integrations/aws/ecs-operations.js';
import { createRdsOperations } from './integrations/aws/rds-operations.js';
import { createRdsRestore } from './integrations/aws/rds-restore.js';
import { createRdsWatchers } from './integrations/aws/rds-watchers.js';
import { createS3Operations } from './integrations/aws/s3-operations.js';
import { redisClientOptions } from './integrations/redis/redis-client-options.js';
import { createStationRedis } from './integrations/redis/station-redis.js';
import { InFlight } from './in-flight.js';
import { createLogger } from './logger.js';
import type { Directory } from './pipeline/authorize.js';
import type { AnyCommand } from './pipeline/command.js';
import { createDispatcher, type Dispatch } from './pipeline/dispatcher.js';
import type { Registry } from './pipeline/registry.js';
import { WebClient } from '@slack/web-api';
import { createSlackApp, slackClientOptions } from './slack/create-slack-app.js';
import { registerAlarmButtons } from './slack/register-alarm-buttons.js';
import { registerApprovalButtons } from './slack/register-approval-buttons.js';
import { createSlackApprovalNotifier } from './slack/slack-approval-notifier.js';
import { createSlackProgressNotifier } from './slack/slack-progress-notifier.js';
import { createUsergroupDirectory } from './slack/usergroup-directory.js';

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
  let redis: Redis | undefined;
  try {
    let botDb: SqlDatabase;
    if (config.databaseUrl) {
      botDb = openPgDatabase(config.databaseUrl, 'radio-ops');
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
      opened.push((stationDb = openPgDatabase(config.radioDatabaseUrl, 'radio-ops-inspector', 3)));
    } else {
      announce('radio-ops: no RADIO_DATABASE_URL: the db commands inspect the embedded Postgres (one backend, so pg_stat_activity is nearly empty)');
    }
    const registry = buildRegistry(options.extraCommands);
    const radio = options.radio ?? config.radio;
    const cloudwatch = new CloudWatchClient(awsClientOptions(radio.region));
    // Built only with REDIS_URL; connects on first use; disconnected by `close`.
    redis = config.redisUrl ? new Redis(config.redisUrl, redisClientOptions()) : undefined;
    redis?.on('error', (err: unknown) => log.warn({ err }, 'station Redis connection error'));
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
    const directory = slackDirectory(config);
    const approvals = createApprovalService({
      store: createApprovalStore(botDb), audit: integrations.audit, registry, config: radio, directory, log,
      notifier: options.notifier ?? silentNotifier, integrations: () => integrations, operations: createOperationStore(botDb),
      shellApprovalsCount: shellApprovalsCount(radio, Boolean(config.configPath)),
    });
    integrations.approvals = approvals;
    const dispatch = createDispatcher({ registry, config: radio, integrations, directory, log });
    return { dispatch, registry, approvals, botDb, close: () => { redis?.disconnect(); return closeAll(opened); } };
  } catch (error) {
    redis?.disconnect();
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

/**
 * Every 30 s (and once now): expire overdue approval requests and mark executions whose runner stopped
 * beating as `interrupted`. Conditional updates make it safe on every replica at once.
 */
function startApprovalSweeper(approvals: ApprovalService, log: Logger): NodeJS.Timeout {
  const sweep = () => void approvals.sweep().catch((error: unknown) => log.error({ err: error }, 'approval sweep failed'));
  sweep();
  const timer = setInterval(sweep, 30_000);
  timer.unref();
  return timer;
}

export interface ServerOptions {
  log?: Logger;
  /** Extra commands (tests register a latch command here). */
  extraCommands?: AnyCommand[];
  /** Alarm cards: fetcher, clock, rate, DescribeAlarms source (tests inject fakes). */
  alarms?: AlarmCardsOptions;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting, waits for in-flight commands, closes pools. */
  stop(): Promise<void>;
}

/**
 * The Slack server on {@link createRuntime}'s pipeline: wires it to Slack and listens on `config.port`
 * (0 picks a free port). Needs `DATABASE_URL`: the server never runs on the embedded database.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for the server');
  const slackClient = new WebClient(config.slack.botToken, slackClientOptions(config));
  const runtime = await createRuntime(config, log, { extraCommands: options.extraCommands, notifier: createSlackApprovalNotifier(slackClient) });
  const { botDb } = runtime;
  const expectedVersion = await latestMigrationVersion();

  const inFlight = new InFlight();
  const slack = createSlackApp(config, runtime.dispatch, inFlight, log);
  // Alarm cards: their own Slack client rejects 429s instead of waiting, because the outbox worker owns retries.
  const cloudwatchAlarms = createAlarmOperations(new CloudWatchClient(awsClientOptions(config.radio.region)));
  const alarmCards = startAlarmCards({
    db: botDb, radio: config.radio, log,
    client: new WebClient(config.slack.botToken, { ...slackClientOptions(config), rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 }),
    alarmSource: { region: config.radio.region, listAlarms: () => cloudwatchAlarms.listAlarms() },
    ...options.alarms,
  });
  registerAlarmButtons(slack.app, runtime.dispatch, inFlight, alarmCards.buttons);
  registerApprovalButtons(slack.app, runtime.dispatch, inFlight);
  const sweeper = startApprovalSweeper(runtime.approvals, log);
  // Restores and resizes followed from the operations table under a lease; progress in the approval card's thread.
  const operations = createOperationPoller({
    store: createOperationStore(botDb), notifier: createSlackProgressNotifier(slackClient), owner: randomUUID(), log,
    watchers: createRdsWatchers(createRdsRestore(new RDSClient(awsClientOptions(config.radio.region))), config.radio.rds.instance),
  });
  operations.start(10_000);

  const server = createHttpServer({
    receiver: slack.receiver,
    sns: alarmCards.receiveSns,
    log,
    readiness: async () => {
      const { rows } = await botDb.query<{ version: string | null }>('SELECT max(version)::text AS version FROM schemaversion');
      const version = Number(rows[0]?.version ?? 0);
      return { ready: version >= expectedVersion, detail: `schema version ${version} of ${expectedVersion}` };
    },
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, resolve))
    .catch(async (error: unknown) => { operations.stop(); await alarmCards.stop(); await runtime.close(); throw error; });
  if (config.slack.appToken) await slack.app.start();
  const port = (server.address() as AddressInfo).port;
  log.info({ port, socketMode: Boolean(config.slack.appToken) }, 'radio-ops listening');

  return {
    server,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (config.slack.appToken) await slack.app.stop();
      const unfinished = await inFlight.drain();
      if (unfinished > 0) log.error({ unfinished }, 'stopping with commands still running; their audit rows show started without an outcome');
      server.closeAllConnections();
      await closed;
      clearInterval(sweeper);
      operations.stop();
      await alarmCards.stop();
      await runtime.close();
      log.info('radio-ops stopped');
    },
  };
}
