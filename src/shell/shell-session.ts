import type { Dispatch } from '../pipeline/dispatcher.js';
import type { Reply } from '../pipeline/reply.js';
import { Interrupt, type InterruptEffect } from '../pipeline/interrupt.js';
import { renderTerminal } from '../render/terminal.js';
import { showControls } from '../render/visible-controls.js';
import { EXIT, exitCodeFor } from './exit-code.js';
import { MAX_LINE_LENGTH } from './line-length-guard.js';
import { SLACK_USER_ID, type ShellIdentity } from './shell-identity.js';

/** What one line produced: text for each stream (no trailing newline) and its exit code. */
export interface ShellLineResult {
  /** Results: a succeeded command's reply, or a request waiting for approval. */
  stdout?: string;
  /** Refusals, failures and the shell's own notices. */
  stderr?: string;
  /** As {@link exitCodeFor}; 0 for a blank line or a shell directive that worked. */
  exitCode: number;
  /** `exit` or `quit` was typed. */
  quit?: boolean;
}

/** One person's shell: who they are now, and how a line they type is answered. */
export interface ShellSession {
  readonly userId: string;
  /** The prompt; in the demo it says so, and who you are. */
  prompt(): string;
  handle(line: string): Promise<ShellLineResult>;
  /**
   * Ctrl-C: interrupts the line running now, if any (the pipeline cancels a read and lets a write finish),
   * and says at once which it does (`notice`). Returns false when no line is running (the prompt's turn).
   */
  interrupt(): boolean;
}

const AS = /^\/as(?:\s+(.+))?$/i;
const QUIT = /^(exit|quit)$/i;

/**
 * A front door that only translates: a typed line goes to the same dispatcher as Slack (source
 * `shell`, the OS user as `userName`), and its reply is rendered for a terminal. The shell's own
 * words are `exit`/`quit` and `/as <user>` (demo only: with a YAML file who you are is fixed).
 * A leading `/radio` is accepted; the pipeline drops it. A line longer than {@link MAX_LINE_LENGTH}
 * is refused (exit 2) without being dispatched. A failure with a reference is followed by
 * `(details: <logPath>, reference <id>)`, so the reference leads somewhere.
 */
export function createShellSession(options: {
  dispatch: Dispatch;
  identity: ShellIdentity;
  userName?: string;
  /** Where the shell's log goes: a failure's reference is followed by this path, where its details are. */
  logPath?: string;
  /** Shows a notice at once, while the line is still running (stderr): "still running…". */
  notice?: (text: string) => void;
}): ShellSession {
  const { dispatch, identity, userName, logPath, notice } = options;
  let userId = identity.userId;
  let running: { interrupt: Interrupt; text: string } | undefined;

  function switchUser(target: string | undefined): ShellLineResult {
    if (!identity.demo) {
      return {
        stderr: `/as is refused: with RADIO_CONFIG you are ${userId} (--user) and the file's roles apply.`,
        exitCode: EXIT.failed,
      };
    }
    if (target === undefined)
      return { stderr: `You are ${userId} (demo: every user holds every role).`, exitCode: EXIT.succeeded };
    if (!SLACK_USER_ID.test(target))
      return { stderr: `/as takes a Slack user id like U0BOB, not "${showControls(target)}".`, exitCode: EXIT.usage };
    userId = target;
    return {
      stderr: `Now acting as ${userId} (demo: every user holds every role, so one person can try the two-person flow).`,
      exitCode: EXIT.succeeded,
    };
  }

  return {
    get userId() {
      return userId;
    },
    prompt: () => (identity.demo ? `radio-ops demo (${userId})> ` : `radio-ops (${userId})> `),
    interrupt() {
      if (!running) return false;
      const effect = running.interrupt.press();
      if (effect) notice?.(interruptNotice(effect, running.text));
      return true;
    },
    async handle(line) {
      if (line.length > MAX_LINE_LENGTH) {
        return {
          stderr: `A line longer than ${MAX_LINE_LENGTH} characters is refused (this one has ${line.length}). Nothing was run.`,
          exitCode: EXIT.usage,
        };
      }
      const text = line.trim();
      if (text === '') return { exitCode: EXIT.succeeded };
      if (QUIT.test(text)) return { exitCode: EXIT.succeeded, quit: true };
      const as = AS.exec(text);
      if (as) return switchUser(as[1]?.trim());
      const onStillRunning = notice && (() => notice(`still running: ${showControls(text.slice(0, 80))}…`));
      const interrupt = new Interrupt();
      running = { interrupt, text };
      const onProgress = notice && progressPrinter(notice);
      const outcome = await dispatch({
        source: 'shell',
        userId,
        userName,
        text,
        onStillRunning,
        onProgress,
        interrupt,
      }).finally(() => (running = undefined));
      const details =
        outcome.status === 'failed' && outcome.reference !== undefined && logPath !== undefined
          ? `\n(details: ${logPath}, reference ${outcome.reference})`
          : '';
      const rendered = renderTerminal(outcome.reply) + details;
      const exitCode = exitCodeFor(outcome);
      const isResult = exitCode === EXIT.succeeded || exitCode === EXIT.pending;
      return isResult ? { stdout: rendered, exitCode } : { stderr: rendered, exitCode };
    },
  };
}

/**
 * Shows a run's progress (`logs --follow`) as it comes: each update is the whole reply so far (Slack edits
 * one message with it), so a terminal gets only the lines it has not printed yet for this line.
 */
function progressPrinter(notice: (text: string) => void): (reply: Reply) => void {
  const printed = new Set<string>();
  return (reply) => {
    const fresh = renderTerminal(reply)
      .split('\n')
      .filter((line) => !printed.has(line));
    for (const line of fresh) printed.add(line);
    if (fresh.length > 0) notice(fresh.join('\n'));
  };
}

/** What Ctrl-C does to the running line, in words: cancelled (nothing changes), or finishing, and why. */
function interruptNotice({ effect, command, risk }: InterruptEffect, text: string): string {
  const name = `\`${command ?? text.slice(0, 80)}\``;
  if (effect === 'cancelling')
    return `Ctrl-C: cancelling ${name} (${risk === 'read' ? 'it only reads' : 'it has not started'}, so nothing changes).`;
  return `Ctrl-C: ${name} is ${risk === 'destructive' ? 'a destructive request' : 'a write'}, so it is finishing: stopped half-way, nobody would know whether it happened. Its outcome follows when it ends (at the latest at its deadline).`;
}
