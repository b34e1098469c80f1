import type { Config } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../main.js';

/**
 * `radio-ops start`: runs until SIGTERM or SIGINT, then stops accepting, lets in-flight commands
 * finish, closes pools and resolves with exit code 0.
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
  return 0;
}
