import { App, HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { boltLogger } from '../logger.js';
import { slackClientOptions } from './slack-client-options.js';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import { registerRadioCommand } from './register-radio-command.js';
import { createSupervisedSocketModeReceiver, type ReconnectBackoff } from './supervised-socket-mode-receiver.js';

export { slackClientOptions } from './slack-client-options.js';

/** The Bolt app and, in HTTP mode, the receiver whose `requestListener` serves `POST /slack/events`. */
export interface SlackApp {
  app: App;
  receiver?: HTTPReceiver;
}

/**
 * Builds the Bolt app: HTTP mode by default, Socket Mode when `SLACK_APP_TOKEN` is set. Our HTTP server
 * owns the port and hands Slack's requests to the receiver, so health checks and signature rules stay ours.
 * In Socket Mode our receiver owns reconnection; `options.reconnectBackoff` shortens its waits (tests).
 */
export function createSlackApp(
  config: Config,
  dispatch: Dispatch,
  inFlight: InFlight,
  log: Logger,
  options: { reconnectBackoff?: ReconnectBackoff } = {},
): SlackApp {
  const logger = boltLogger(log);
  const clientOptions = slackClientOptions(config);
  const botToken = config.slack.botToken ?? '';
  // A fixed authorization: Bolt's default with a bare token calls auth.test before the first listener
  // runs, and if that call fails the user's command is silently dropped.
  const common = { authorize: async () => ({ botToken }), logger, clientOptions } as const;
  let slack: SlackApp;
  if (config.slack.appToken) {
    // Our receiver owns reconnection (backoff forever, logged): the library's exits on a network error.
    // Each attempt is one apps.connections.open call, so the Web API client does not retry on its own.
    const receiver = createSupervisedSocketModeReceiver({
      appToken: config.slack.appToken,
      logger,
      log,
      backoff: options.reconnectBackoff,
      clientOptions: { ...clientOptions, retryConfig: { retries: 0 } },
    });
    slack = { app: new App({ ...common, receiver }) };
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret ?? '',
      endpoints: ['/slack/events'],
      logger,
    });
    slack = { app: new App({ ...common, receiver }), receiver };
  }
  // Answers with a thread are posted once, never retried: a post that timed out may have landed (10 s deadline).
  const answerClient = new WebClient(botToken, { ...clientOptions, logger, retryConfig: { retries: 0 } });
  registerRadioCommand(slack.app, dispatch, inFlight, answerClient);
  // The one error boundary for listeners: the dispatcher already answered the user; this logs the rest.
  slack.app.error(async (error) => {
    log.error({ err: error.original ?? error, code: error.code }, 'Slack listener failed');
  });
  return slack;
}
