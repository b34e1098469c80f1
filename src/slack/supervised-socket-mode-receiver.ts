import { type App, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/logger';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';

/** Waits between connection attempts: doubling from `initialMs`, at most `maxMs` (milliseconds), with jitter. */
export interface ReconnectBackoff {
  initialMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s … capped at a minute: fast after a blip, gentle on Slack during an outage. */
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoff = { initialMs: 1_000, maxMs: 60_000 };

export interface SupervisedSocketModeOptions {
  /** `SLACK_APP_TOKEN` (`xapp-…`, scope `connections:write`). */
  appToken: string;
  /** Options of the Web API client that calls `apps.connections.open` (base URL, timeout, its own retries). */
  clientOptions: WebClientOptions;
  logger: BoltLogger;
  log: Logger;
  backoff?: ReconnectBackoff;
}

/**
 * Bolt's SocketModeReceiver, with reconnection owned by us. @slack/socket-mode 3 retries only the
 * failures it deems recoverable: a WebAPIRequestError (network) or WebAPIHTTPError (5xx) from
 * `apps.connections.open` during a reconnect is thrown from a timer callback as an unhandled
 * rejection, which ends the process. Here the library's own reconnect is off; every disconnect and
 * every failed attempt (any error) leads to another attempt after a backoff, forever, each logged,
 * until `stop`. `start` resolves once connected.
 * Source: https://api.slack.com/apis/socket-mode (apps.connections.open, the `hello` message)
 */
export function createSupervisedSocketModeReceiver(options: SupervisedSocketModeOptions): Receiver {
  const { log } = options;
  const backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
  const inner = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    autoReconnectEnabled: false,
    installerOptions: { clientOptions: options.clientOptions },
  });
  const { client } = inner;
  let stopping = false;
  let attempts: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function connectUntilUp(): Promise<void> {
    for (let failures = 0; !stopping;) {
      try {
        await client.start();
        if (stopping) await client.disconnect();
        else log.info({ failures }, 'Slack Socket Mode connected');
        return;
      } catch (error) {
        if (stopping) return;
        failures += 1;
        const waitMs = Math.round(
          Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1)) * (0.5 + Math.random() / 2),
        );
        log.warn({ err: error, failures, retryInMs: waitMs }, 'Slack Socket Mode could not connect; retrying');
        await pause(waitMs);
      }
    }
  }

  /** One attempt loop at a time: a failing `start` also emits `disconnected`. */
  const reconnect = () => {
    attempts ??= connectUntilUp().finally(() => (attempts = undefined));
    return attempts;
  };

  client.on('disconnected', () => {
    if (stopping || attempts) return;
    log.warn('Slack Socket Mode disconnected; reconnecting');
    void reconnect();
  });

  return {
    init: (app: App) => inner.init(app),
    start: () => {
      stopping = false;
      return reconnect();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await inner.stop();
    },
  };
}
