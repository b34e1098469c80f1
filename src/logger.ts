import { pino, type Logger, type LoggerOptions } from 'pino';
// Type-only: importing Bolt's values would load all of Bolt (~0.7 s) in every CLI command, `help` included.
import type { LogLevel, Logger as BoltLogger } from '@slack/bolt';
import { serializeError } from './serialize-error.js';

const REDACT = ['*.token', '*.signingSecret', '*.icecastAdminPassword', 'headers["x-slack-signature"]'];

/**
 * What every radio-ops logger is built with, whatever it writes to: secrets redacted by path, and
 * errors (`{ err }`, the one key errors are logged under) through {@link serializeError}, which redacts
 * the passwords Redis errors carry (issue 13, fault 19).
 */
export function logOptions(level: string): LoggerOptions {
  return { level, redact: REDACT, serializers: { err: serializeError } };
}

/** The process logger: JSON lines on stderr (stdout belongs to command output in the CLI). */
export function createLogger(level: string): Logger {
  return pino(logOptions(level), pino.destination(2));
}

/**
 * The same JSON lines appended to a file (the shell's `<RADIO_DATA_DIR>/radio-ops.log`), so a terminal
 * shows words and the stacks stay findable. Written synchronously: a short-lived CLI loses nothing at
 * exit. The file is created readable by its owner only. Its directory must exist.
 *
 * @throws the `open` error (EACCES, ENOENT…) at once, not later on a stream.
 */
export function createFileLogger(level: string, path: string): Logger {
  return pino(logOptions(level), pino.destination({ dest: path, sync: true, append: true, mkdir: false, mode: 0o600 }));
}

/** Bolt's `LogLevel` values are these strings (Source: @slack/logger's `LogLevel` enum). */
const BOLT_LEVELS: Record<string, LogLevel> = {
  debug: 'debug' as LogLevel,
  info: 'info' as LogLevel,
  warn: 'warn' as LogLevel,
  error: 'error' as LogLevel,
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
    getLevel: () => BOLT_LEVELS[log.level] ?? ('info' as LogLevel),
    setName: () => undefined,
  };
}
