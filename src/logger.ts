import { pino, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

const REDACT = ['*.token', '*.signingSecret', 'headers["x-slack-signature"]'];

/** The process logger: JSON lines on stderr (stdout belongs to command output in the CLI). */
export function createLogger(level: string): Logger {
  return pino({ level, redact: REDACT }, pino.destination(2));
}

/**
 * The same JSON lines appended to a file (the shell's `<RADIO_DATA_DIR>/radio-ops.log`), so a terminal
 * shows words and the stacks stay findable. Written synchronously: a short-lived CLI loses nothing at
 * exit. The file is created readable by its owner only. Its directory must exist.
 *
 * @throws the `open` error (EACCES, ENOENT…) at once, not later on a stream.
 */
export function createFileLogger(level: string, path: string): Logger {
  return pino(
    { level, redact: REDACT },
    pino.destination({ dest: path, sync: true, append: true, mkdir: false, mode: 0o600 }),
  );
}

const BOLT_LEVELS: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

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
