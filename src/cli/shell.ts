import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { AnyCommand } from '../pipeline/command.js';
import { DataDirError, ensureDataDir } from '../db/data-dir.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { createFileLogger, createLogger } from '../logger.js';
import { createRuntime, type Runtime } from '../compose/runtime.js';
import { createTerminalApprovalNotifier } from '../shell/terminal-approval-notifier.js';
import { createTerminalRunbookNotifier } from '../shell/terminal-runbook-notifier.js';
import { EXIT } from '../shell/exit-code.js';
import { followRuns, SHELL_RUN_POLL_MS } from '../shell/follow-runs.js';
import { historyPath } from '../shell/shell-history.js';
import { demoRadioConfig, shellIdentity } from '../shell/shell-identity.js';
import { createShellSession } from '../shell/shell-session.js';
import { interact, writeResult, type BackgroundOutput } from './shell-loop.js';
import { stopOnSignals } from './stop-signals.js';

/** The shell's log file in the data directory. */
export const SHELL_LOG_FILE = 'radio-ops.log';

/** The streams a CLI command reads and writes; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/** What `radio-ops shell` was started with: the loaded config, its options and its streams. */
export interface ShellOptions {
  config: Config;
  /** `--user`: the Slack user id to act as; required with a YAML file. */
  user?: string;
  /** `-c`: run this one line, then exit with its code. */
  command?: string;
  io: CliIo;
  /** Default: JSON lines in `<RADIO_DATA_DIR>/radio-ops.log` at `LOG_LEVEL` (see {@link openShellLog}). */
  log?: Logger;
  /** Commands besides the registry's (tests register latch commands here). */
  extraCommands?: AnyCommand[];
}

/**
 * `radio-ops shell`: builds the same runtime as the server and answers typed lines through it.
 * Diagnostics (embedded defaults, the demo identity, refusals, failures) go to stderr in words; results
 * to stdout; the log (JSON, with stacks) to `<RADIO_DATA_DIR>/radio-ops.log`, which a failure's
 * reference points at. Ctrl-C (SIGINT) interrupts the running line: a read is cancelled, a write finishes
 * (the pipeline decides, and the shell says which); at the prompt it starts a fresh line. SIGTERM stops
 * it cleanly: no more input, the running line finishes (at most 20 s), the runtime is closed (releasing
 * the data directory), exit 143. A runbook run's progress is printed as it happens (at the prompt too, which is
 * redrawn); before the runtime closes, the runs the shell started or decided on are followed until each ended or
 * waits for a person, then the runbook worker is stopped (a running step finishes), so nothing is cut off.
 *
 * @returns the exit code: with `-c`, that line's (0 succeeded, 1 failed or refused, 2 usage error,
 *   3 waiting for approval; for a line that started or moved a runbook run: 0 it ended done, 3 it waits for a
 *   person, 1 it stopped on a failure), or 130 when it was interrupted (Ctrl-C); interactively 0; 143 when stopped
 *   by SIGTERM; 1 when the data directory can't be used (held by another process, can't be created, its
 *   database can't be opened) or when the input has a line longer than 10,000 characters.
 * @throws ShellUsageError when `--user` is missing with a YAML file or is not a user id (exit 2).
 */
export async function runShell(options: ShellOptions): Promise<number> {
  const { config, io } = options;
  const identity = shellIdentity(config.configPath, options.user, config.databaseUrl);
  const announce = (message: string) => io.stderr.write(`${message}\n`);
  if (identity.demo) {
    announce(
      `radio-ops: no RADIO_CONFIG: demo identity ${identity.userId} holding every role; /as U0BOB switches user (demo only)`,
    );
  }
  let runtime: Runtime | undefined;
  let logPath: string | undefined;
  // A runbook run's progress arrives on its own; the interactive loop swaps in a printer that keeps the prompt whole.
  const background: BackgroundOutput = { print: (text) => void io.stdout.write(`${text}\n`) };
  try {
    const shellLog = options.log ? { log: options.log } : openShellLog(config);
    logPath = shellLog.path;
    runtime = await createRuntime(config, shellLog.log, {
      radio: identity.demo ? demoRadioConfig(config.radio) : undefined,
      extraCommands: options.extraCommands,
      announce,
      notifier: createTerminalApprovalNotifier((text) => io.stdout.write(text)),
      runbookNotifier: createTerminalRunbookNotifier(
        (text) => background.print(text),
        async (id) => runtime?.runbooks?.status(id),
      ),
      runbookSource: 'shell',
      // One line opens the databases only if it needs them (`help` does not); a session opens them now.
      openDatabases: options.command === undefined ? 'start' : 'first use',
    });
  } catch (error) {
    const unusable = dataDirProblem(error);
    if (!unusable) throw error;
    announce(`radio-ops: ${unusable.message}`);
    return EXIT.failed;
  }
  const stop = stopOnSignals(announce);
  const { runbooks } = runtime;
  try {
    const session = createShellSession({
      dispatch: runtime.dispatch,
      identity,
      userName: osUserName(),
      logPath,
      notice: (text) => io.stderr.write(`${text}\n`),
    });
    if (options.command !== undefined) {
      // Ctrl-C cancels a read and lets a write finish (the pipeline decides); either way the line then ends with 130.
      stop.onInterrupt(() => session.interrupt());
      const result = await stop.finish(session.handle(options.command));
      const unusable = dataDirProblem(runtime.botDb.openError);
      if (unusable) {
        announce(`radio-ops: ${unusable.message}`);
        return EXIT.failed;
      }
      if (result) writeResult(io, result);
      // A runbook the line started (or a decision set going) is followed to its end or to a person.
      const runs =
        runbooks && !stop.signal ? await followRuns(runbooks, stop, announce, { interrupted: stop.interrupted }) : 0;
      if (stop.signal) return EXIT.terminated;
      if (stop.interrupted) return EXIT.interrupted;
      if (!result) return EXIT.failed;
      return result.exitCode === EXIT.succeeded ? (runs ?? EXIT.interrupted) : result.exitCode;
    }
    // Waits are polled, and runs an earlier shell left going are resumed, while the session lasts.
    runbooks?.startPolling(SHELL_RUN_POLL_MS);
    const code = await interact(session, io, historyPath(config.dataDir), stop, background);
    if (runbooks && !stop.signal) await followRuns(runbooks, stop, announce);
    return stop.signal ? EXIT.terminated : code;
  } finally {
    try {
      await runtime.close();
    } finally {
      stop.dispose();
      // A command still running after the grace period may hold the event loop (a socket): don't wait for it.
      if (stop.abandoned) setTimeout(() => process.exit(EXIT.terminated), 1_000).unref();
    }
  }
}

/**
 * The shell's logger: JSON lines appended to `<RADIO_DATA_DIR>/radio-ops.log` (the directory is
 * created), so the terminal shows words and a failure's reference can be looked up. `LOG_LEVEL=silent`
 * writes nothing anywhere. With `DATABASE_URL` the data directory is only a convenience, so when it
 * can't be created the log goes to stderr as before; without it the embedded database needs it anyway.
 *
 * @returns the logger and the log file's absolute path (absent when not logging to a file).
 * @throws DataDirError when the data directory can't be created and the embedded database needs it.
 */
export function openShellLog(config: Pick<Config, 'dataDir' | 'logLevel' | 'databaseUrl'>): {
  log: Logger;
  path?: string;
} {
  if (config.logLevel === 'silent') return { log: pino({ level: 'silent' }) };
  const path = join(resolve(config.dataDir), SHELL_LOG_FILE);
  try {
    ensureDataDir(config.dataDir);
    return { log: createFileLogger(config.logLevel, path), path };
  } catch (error) {
    if (!config.databaseUrl) {
      throw error instanceof DataDirError
        ? error
        : new DataDirError(
            `cannot write the log ${path} (${error instanceof Error ? error.message : String(error)}). Set RADIO_DATA_DIR to a directory you can write.`,
          );
    }
    return { log: createLogger(config.logLevel) };
  }
}

/** The data directory's problem (held by another process, can't be created or opened), when that is why the database did not open. */
function dataDirProblem(error: unknown): DataDirLockedError | DataDirError | undefined {
  return error instanceof DataDirLockedError || error instanceof DataDirError ? error : undefined;
}

/** The OS account typing, stored as `user_name` in the audit log; absent where the OS has no name for the uid. */
function osUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
