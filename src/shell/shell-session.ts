import type { Dispatch } from '../pipeline/dispatcher.js';
import { renderTerminal } from '../render/terminal.js';
import { EXIT, exitCodeFor } from './exit-code.js';
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
}

const AS = /^\/as(?:\s+(.+))?$/i;
const QUIT = /^(exit|quit)$/i;

/**
 * A front door that only translates: a typed line goes to the same dispatcher as Slack (source
 * `shell`, the OS user as `userName`), and its reply is rendered for a terminal. The shell's own
 * words are `exit`/`quit` and `/as <user>` (demo only: with a YAML file who you are is fixed).
 * A leading `/radio` is accepted; the pipeline drops it.
 */
export function createShellSession(options: { dispatch: Dispatch; identity: ShellIdentity; userName?: string }): ShellSession {
  const { dispatch, identity, userName } = options;
  let userId = identity.userId;

  function switchUser(target: string | undefined): ShellLineResult {
    if (!identity.demo) {
      return { stderr: `/as is refused: with RADIO_CONFIG you are ${userId} (--user) and the file's roles apply.`, exitCode: EXIT.failed };
    }
    if (target === undefined) return { stderr: `You are ${userId} (demo: every user holds every role).`, exitCode: EXIT.succeeded };
    if (!SLACK_USER_ID.test(target)) return { stderr: `/as takes a Slack user id like U0BOB, not "${target}".`, exitCode: EXIT.usage };
    userId = target;
    return { stderr: `Now acting as ${userId} (demo: every user holds every role, so one person can try the two-person flow).`, exitCode: EXIT.succeeded };
  }

  return {
    get userId() {
      return userId;
    },
    prompt: () => (identity.demo ? `radio-ops demo (${userId})> ` : `radio-ops (${userId})> `),
    async handle(line) {
      const text = line.trim();
      if (text === '') return { exitCode: EXIT.succeeded };
      if (QUIT.test(text)) return { exitCode: EXIT.succeeded, quit: true };
      const as = AS.exec(text);
      if (as) return switchUser(as[1]?.trim());
      const outcome = await dispatch({ source: 'shell', userId, userName, text });
      const rendered = renderTerminal(outcome.reply);
      const exitCode = exitCodeFor(outcome);
      const isResult = exitCode === EXIT.succeeded || exitCode === EXIT.pending;
      return isResult ? { stdout: rendered, exitCode } : { stderr: rendered, exitCode };
    },
  };
}
