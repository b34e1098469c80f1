import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { createLogger } from '../logger.js';
import { createRuntime } from '../main.js';
import { createTerminalApprovalNotifier } from '../shell/terminal-approval-notifier.js';
import { EXIT } from '../shell/exit-code.js';
import { HISTORY_SIZE, historyPath, loadHistory, saveHistoryLine } from '../shell/shell-history.js';
import { demoRadioConfig, shellIdentity } from '../shell/shell-identity.js';
import { createShellSession, type ShellLineResult, type ShellSession } from '../shell/shell-session.js';

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
  /** Default: JSON lines on stderr at `LOG_LEVEL`. */
  log?: Logger;
}

/**
 * `radio-ops shell`: builds the same runtime as the server and answers typed lines through it.
 * Diagnostics (embedded defaults, the demo identity, refusals, failures) go to stderr; results to stdout.
 *
 * @returns the exit code: with `-c`, that line's (0 succeeded, 1 failed or refused, 2 usage error,
 *   3 waiting for approval); interactively 0; 1 when the data directory is held by another process.
 * @throws ShellUsageError when `--user` is missing with a YAML file or is not a user id (exit 2).
 */
export async function runShell(options: ShellOptions): Promise<number> {
  const { config, io } = options;
  const identity = shellIdentity(config.configPath, options.user);
  const announce = (message: string) => io.stderr.write(`${message}\n`);
  if (identity.demo) {
    announce(`radio-ops: no RADIO_CONFIG: demo identity ${identity.userId} holding every role; /as U0BOB switches user (demo only)`);
  }
  let runtime;
  try {
    runtime = await createRuntime(config, options.log ?? createLogger(config.logLevel), {
      radio: identity.demo ? demoRadioConfig(config.radio) : undefined,
      announce,
      notifier: createTerminalApprovalNotifier((text) => io.stdout.write(text)),
    });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    announce(`radio-ops: ${error.message}`);
    return EXIT.failed;
  }
  try {
    const session = createShellSession({ dispatch: runtime.dispatch, identity, userName: osUserName() });
    if (options.command !== undefined) {
      const result = await session.handle(options.command);
      write(io, result);
      return result.exitCode;
    }
    await interact(session, io, historyPath(config.dataDir));
    return EXIT.succeeded;
  } finally {
    await runtime.close();
  }
}

/** The read-eval-print loop: one line at a time, in order, until `exit`, `quit` or end of input (Ctrl-D). */
async function interact(session: ShellSession, io: CliIo, history: string): Promise<void> {
  const terminal = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const rl = createInterface({
    input: io.stdin, output: io.stdout, terminal, history: loadHistory(history), historySize: HISTORY_SIZE, removeHistoryDuplicates: true,
  });
  // Ctrl-C leaves too (readline would otherwise only pause).
  rl.on('SIGINT', () => rl.close());
  io.stdout.write('radio-ops shell: the same commands as /radio in Slack (try `help`). `exit`, `quit` or Ctrl-D to leave.\n');
  rl.setPrompt(session.prompt());
  rl.prompt();
  for await (const line of rl) {
    const result = await session.handle(line);
    write(io, result);
    if (result.quit) break;
    saveHistoryLine(history, line);
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
  rl.close();
  if (terminal) io.stdout.write('\n');
}

function write(io: CliIo, result: ShellLineResult): void {
  if (result.stdout !== undefined) io.stdout.write(`${result.stdout}\n`);
  if (result.stderr !== undefined) io.stderr.write(`${result.stderr}\n`);
}

/** The OS account typing, stored as `user_name` in the audit log; absent where the OS has no name for the uid. */
function osUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
