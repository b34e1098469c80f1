import { pino, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

/** The process logger: JSON lines on stderr (stdout belongs to command output in the CLI). */
export function createLogger(level: string): Logger {
  return pino({ level, redact: ['*.token', '*.signingSecret', 'headers["x-slack-signature"]'] }, pino.destination(2));
}

const BOLT_LEVELS: Record<string, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/** Bolt's logger interface on top of pino, so Bolt's own messages land in the same stream. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  return {
    debug: (...messages) => child.debug(messages.map(String).join(' ')),
    info: (...messages) => child.info(messages.map(String).join(' ')),
    warn: (...messages) => child.warn(messages.map(String).join(' ')),
    error: (...messages) => child.error(messages.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => BOLT_LEVELS[log.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
