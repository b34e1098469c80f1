import type { Config } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../main.js';

/**
 * `radio-ops start`: runs until SIGTERM or SIGINT, then stops accepting, lets in-flight commands
 * finish (at most 6 s; the rest are audited `interrupted`), closes pools and exits 0 within
 * `docker stop`'s 10 s, even when a call never answers.
 */
export async function runServer(config: Config): Promise<number> {
  const log = createLogger(config.logLevel);
  const running = await startServer(config, { log });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.stop();
  // A call that never answers keeps its socket (and so the event loop) alive: exit anyway, shortly after
  // everything that could be closed was. Unref'd, so a clean stop exits as soon as the loop is empty.
  setTimeout(() => process.exit(0), 500).unref();
  return 0;
}
