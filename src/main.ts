// The composition root (with src/compose/): the only place that opens pools and databases and registers the
// integration modules' factories (which build the SDK clients). The Slack server starts here; the shell
// (src/cli/shell.ts) calls createRuntime for the same pipeline.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { startAlarmCards, type AlarmCardsOptions } from './alarms/start-alarm-cards.js';
import { checkPlaybooks } from './alarms/check-playbooks.js';
import { ON_AIR_PLAYBOOKS } from './alarms/default-playbooks.js';
import { systemClock, type Clock } from './alarms/clock.js';
import { createQueuedApprovalNotifier } from './approvals/queued-approval-notifier.js';
import type { ApprovalService } from './approvals/approval-service.js';
import { buildRunbookRegistry } from './runbooks/runbook-registry.js';
import type { RunRow } from './runbooks/run-rows.js';
import type { Config } from './config/load-config.js';
import { latestMigrationVersion } from './db/migrate.js';
import { sharedDatabaseWarning } from './config/shared-database-warning.js';
import { createHttpServer } from './http-server.js';
import { runWithDeadline } from './pipeline/run-with-deadline.js';
import { createOperationPoller } from './operations/operation-poller.js';
import { createOperationStore } from './operations/operation-store.js';
import { createHostWatchers, onAirReaders } from './integrations/host/host-watchers.js';
import { createRdsWatchers } from './integrations/rds/rds-watchers.js';
import { ecsAndCacheWatchers } from './integrations/ecs-and-cache-watchers.js';
import { InFlight } from './in-flight.js';
import { createLogger } from './logger.js';
import type { AnyCommand } from './pipeline/command.js';
import { WebClient } from '@slack/web-api';
import { createSlackApp, slackClientOptions } from './slack/create-slack-app.js';
import { registerAlarmButtons } from './slack/register-alarm-buttons.js';
import { registerApprovalButtons } from './slack/register-approval-buttons.js';
import { registerRunbookButtons } from './slack/register-runbook-buttons.js';
import { registerUnknownInteractivity } from './slack/register-unknown-interactivity.js';
import { createSlackApprovalNotifier } from './slack/slack-approval-notifier.js';
import { createSlackProgressNotifier } from './slack/slack-progress-notifier.js';

import { createRuntime } from './compose/runtime.js';
import { startOnAirWatcher } from './station/start-on-air-watcher.js';

export { createRuntime, type Runtime, type RuntimeOptions } from './compose/runtime.js';

/**
 * Every 30 s (and once now): expire overdue approval requests and mark executions whose runner stopped
 * beating as `interrupted`. Conditional updates make it safe on every replica at once.
 */
function startApprovalSweeper(approvals: ApprovalService, log: Logger): NodeJS.Timeout {
  const sweep = () =>
    void approvals.sweep().catch((error: unknown) => log.error({ err: error }, 'approval sweep failed'));
  sweep();
  const timer = setInterval(sweep, 30_000);
  timer.unref();
  return timer;
}

/**
 * How long SIGTERM waits for running commands (6 s) and then for pools to close (1.5 s): inside
 * `docker stop`'s default 10 s before SIGKILL, so unfinished work is audited `interrupted`, not cut off.
 */
const DRAIN_MS = 6_000;
const CLOSE_MS = 1_500;

export interface ServerOptions {
  /** How long `stop` waits for running commands before auditing them `interrupted` (default 6 s). */
  drainMs?: number;
  log?: Logger;
  /** Extra commands (tests register a latch command here). */
  extraCommands?: AnyCommand[];
  /** Alarm cards: fetcher, clock, rate, DescribeAlarms source (tests inject fakes). */
  alarms?: AlarmCardsOptions;
  /** Approval cards' queue: the clock its rate limiter and Retry-After waits run on (tests: a manual one). */
  approvalCards?: { clock?: Clock };
  /** The on-air watcher: the clock its checks run on. */
  onAir?: { clock?: Clock };
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
  // Cards (alarm and approval) get a client that rejects 429s instead of waiting inside the call: their
  // queues own retries, so a rate-limited card never holds up a decision or a run (issue 12, fault 10).
  const cardClient = new WebClient(config.slack.botToken, {
    ...slackClientOptions(config),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
  const approvalCards = createQueuedApprovalNotifier({
    inner: createSlackApprovalNotifier(cardClient),
    clock: options.approvalCards?.clock ?? systemClock,
    log,
  });
  // Before anything opens: a runbook step or a playbook button that would not parse stops the start (issue 13,
  // fault 17; issue 17). Playbooks are checked against the registry with the runbooks: a button may start one.
  const withRunbooks = buildRunbookRegistry(
    config.radio,
    options.extraCommands,
    (message) => log.warn(message),
    `${config.configPath ?? 'the configuration'}: runbooks`,
  );
  const { registry } = withRunbooks;
  const playbooks = checkPlaybooks(
    config.radio.alarms.playbooks,
    registry,
    config.radio,
    `${config.configPath ?? 'the default playbooks'}: alarms.playbooks`,
    {
      // The on-air cards' buttons, after the configured playbooks; a command this build lacks is left out.
      builtIn: ON_AIR_PLAYBOOKS,
      leftOut: (command) => log.warn({ command }, 'on-air card button left out: no such command in this build'),
    },
  );
  // Runbook progress cards share the approval cards' client and queue discipline (one rate limiter per channel).
  const runbookCards = createQueuedApprovalNotifier<RunRow>({
    inner: createSlackApprovalNotifier<RunRow>(cardClient),
    clock: options.approvalCards?.clock ?? systemClock,
    log,
  });
  const runtime = await createRuntime(config, log, {
    registry,
    runbooks: withRunbooks,
    runbookNotifier: runbookCards,
    notifier: approvalCards,
    openDatabases: 'start',
  });
  const { botDb } = runtime;
  const expectedVersion = await latestMigrationVersion();
  const shared = sharedDatabaseWarning(config.databaseUrl, config.radioDatabaseUrl);
  if (shared) log.warn({ databaseUrlIsStation: true }, `radio-ops: ${shared}`);

  const inFlight = new InFlight();
  const slack = createSlackApp(config, runtime.dispatch, inFlight, log);
  const { alarms, rds, host } = runtime.integrations;
  // Alarm cards: the card client (429s rejected, not waited on), because the outbox worker owns retries.
  const alarmCards = startAlarmCards({
    db: botDb,
    radio: config.radio,
    playbooks,
    log,
    client: cardClient,
    ...(alarms ? { alarmSource: { region: config.radio.region, listAlarms: () => alarms.listAlarms() } } : {}),
    ...options.alarms,
  });
  // The station's on-air watcher posts its cards through the alarm cards (when alarms.channel and station.icecast are set).
  const onAir = startOnAirWatcher({
    db: botDb,
    cards: alarmCards,
    radio: config.radio,
    integrations: runtime.integrations,
    log,
    ...(options.onAir?.clock ? { clock: options.onAir.clock } : {}),
  });
  registerAlarmButtons(slack.app, runtime.dispatch, inFlight, alarmCards.buttons);
  registerApprovalButtons(slack.app, runtime.dispatch, inFlight);
  registerRunbookButtons(slack.app, runtime.dispatch, inFlight);
  // Last: it answers only what the listeners above don't (stale buttons, foreign modals).
  registerUnknownInteractivity(slack.app, runtime.executor, inFlight);
  const sweeper = startApprovalSweeper(runtime.approvals, log);
  // Restores and resizes followed from the operations table under a lease; progress in the approval card's thread.
  const operations = createOperationPoller({
    store: createOperationStore(botDb),
    notifier: createSlackProgressNotifier(slackClient),
    owner: randomUUID(),
    log,
    executor: runtime.executor,
    watchers: {
      ...(rds ? createRdsWatchers(rds, config.radio.rds.instance) : {}),
      ...ecsAndCacheWatchers(runtime.integrations),
      ...(host ? createHostWatchers(host, onAirReaders(runtime.integrations)) : {}),
    },
  });
  operations.start(10_000);
  // Runbook runs under a lease: waits polled, runs of a replica that stopped taken over.
  runtime.runbooks?.startPolling(5_000);

  const server = createHttpServer({
    slack: slack.receiver && { receiver: slack.receiver, signingSecret: config.slack.signingSecret ?? '' },
    sns: alarmCards.receiveSns,
    log,
    readiness: async () => {
      const { rows } = await botDb.query<{ version: string | null }>(
        'SELECT max(version)::text AS version FROM schemaversion',
      );
      const version = Number(rows[0]?.version ?? 0);
      const detail = `schema version ${version} of ${expectedVersion}${shared ? `; warning: ${shared}` : ''}`;
      return { ready: version >= expectedVersion, detail };
    },
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, resolve)).catch(
    async (error: unknown) => {
      clearInterval(sweeper);
      operations.stop();
      await onAir?.stop();
      void runtime.runbooks?.stop(); // no new claims; runtime.close() waits for the step in flight
      await alarmCards.stop();
      await runtime.close();
      throw error;
    },
  );
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
      const unfinished = await inFlight.drain(options.drainMs ?? DRAIN_MS);
      if (unfinished > 0) {
        // They may be waiting on something that never answers: close their chains rather than wait forever.
        const interrupted = await runtime.executor.interruptRunning('the server stopped before it finished (SIGTERM)');
        log.error({ unfinished, interrupted }, 'stopping with commands still running; audited as interrupted');
      }
      server.closeAllConnections();
      await closed;
      clearInterval(sweeper);
      operations.stop();
      void runtime.runbooks?.stop(); // no new claims; runtime.close() waits for the step in flight
      approvalCards.stop();
      runbookCards.stop();
      // A pool waits for its checked-out clients, which a hung call may hold: closing gets a deadline too.
      // The watcher first: stopping aborts its check, and its lease release needs the pool runtime.close ends.
      await runWithDeadline(
        async () => {
          await onAir?.stop();
          await Promise.all([alarmCards.stop(), runtime.close()]);
        },
        { deadlineMs: CLOSE_MS },
      );
      log.info('radio-ops stopped');
    },
  };
}
