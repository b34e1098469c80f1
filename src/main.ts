import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createAuditLog } from './audit/audit-log.js';
import { buildRegistry } from './commands/index.js';
import type { Config } from './config/load-config.js';
import { latestMigrationVersion, migrate } from './db/migrate.js';
import { openPgDatabase } from './db/pg-database.js';
import { createHttpServer } from './http-server.js';
import { createStationDatabase } from './integrations/station-database.js';
import { InFlight } from './in-flight.js';
import { createLogger } from './logger.js';
import type { AnyCommand } from './pipeline/command.js';
import { createDispatcher, type Dispatch } from './pipeline/dispatcher.js';
import { WebClient } from '@slack/web-api';
import { createSlackApp, slackClientOptions } from './slack/create-slack-app.js';
import { createUsergroupDirectory } from './slack/usergroup-directory.js';

export interface ServerOptions {
  log?: Logger;
  /** Extra commands (tests register a latch command here). */
  extraCommands?: AnyCommand[];
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting, waits for in-flight commands, closes pools. */
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that opens pools and builds SDK clients. Migrates the bot's
 * database, wires the pipeline to Slack, and listens on `config.port` (0 picks a free port).
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for the server');
  const botDb = openPgDatabase(config.databaseUrl, 'radio-ops');
  const stationDb = openPgDatabase(config.radioDatabaseUrl ?? config.databaseUrl, 'radio-ops-inspector', 3);
  await migrate(botDb);
  const expectedVersion = await latestMigrationVersion();

  const inFlight = new InFlight();
  // The Slack app needs the dispatcher and the dispatcher needs the app's Web API client (for groups).
  let dispatch: Dispatch = async () => { throw new Error('dispatcher not ready'); };
  const slack = createSlackApp(config, (request) => dispatch(request), inFlight, log);
  dispatch = createDispatcher({
    registry: buildRegistry(options.extraCommands),
    config: config.radio,
    integrations: { stationDb: createStationDatabase(stationDb), audit: createAuditLog(botDb) },
    directory: createUsergroupDirectory(new WebClient(config.slack.botToken, slackClientOptions(config))),
    log,
  });

  const server = createHttpServer({
    receiver: slack.receiver,
    log,
    readiness: async () => {
      const { rows } = await botDb.query<{ version: string | null }>('SELECT max(version)::text AS version FROM schemaversion');
      const version = Number(rows[0]?.version ?? 0);
      return { ready: version >= expectedVersion, detail: `schema version ${version} of ${expectedVersion}` };
    },
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, resolve));
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
      await inFlight.drain();
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([botDb.close(), stationDb.close()]);
      log.info('radio-ops stopped');
    },
  };
}
