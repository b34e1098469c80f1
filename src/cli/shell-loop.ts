import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { EXIT } from '../shell/exit-code.js';
import { LineLengthGuard, MAX_LINE_LENGTH } from '../shell/line-length-guard.js';
import { HISTORY_SIZE, loadHistory, saveHistoryLine } from '../shell/shell-history.js';
import type { ShellLineResult, ShellSession } from '../shell/shell-session.js';
import type { CliIo } from './shell.js';
import type { StopSignals } from './stop-signals.js';

/** Where lines that arrive on their own (a runbook run's progress) are printed; the loop swaps in its own. */
export interface BackgroundOutput {
  print(text: string): void;
}

/**
 * The read-eval-print loop: one line at a time, in order, until `exit`, `quit` or end of input (Ctrl-D),
 * all exit 0; SIGTERM (143); or a line longer than {@link MAX_LINE_LENGTH} in piped input (1).
 *
 * Ctrl-C never ends it, as in bash. At a terminal readline reads it as a key (raw mode), elsewhere it
 * arrives as SIGINT; both mean the same: while a line runs, the session interrupts it (a read is
 * cancelled, a write finishes, and it says which); at the prompt, what was typed is dropped and a fresh
 * prompt is shown. Lines printed through `background` meanwhile (on stdout) don't garble the prompt: at the
 * prompt, the line being typed is cleared, the text printed above it, and the prompt and what was typed redrawn.
 */
export async function interact(
  session: ShellSession,
  io: CliIo,
  history: string,
  stop: StopSignals,
  background: BackgroundOutput = { print: (text) => void io.stdout.write(`${text}\n`) },
): Promise<number> {
  const terminal = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  // Piped input goes through a guard, so a stream without newlines ends the shell instead of crashing readline.
  const guard = terminal ? undefined : new LineLengthGuard(MAX_LINE_LENGTH, () => io.stdin.unpipe(guard));
  const rl = createInterface({
    input: guard ? io.stdin.pipe(guard) : io.stdin,
    output: io.stdout,
    terminal,
    history: loadHistory(history),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  const interrupt = () => {
    if (session.interrupt()) return;
    if (terminal) discardTypedLine(rl, io.stdout);
    else {
      io.stdout.write('\n');
      rl.prompt();
    }
  };
  let atPrompt = false;
  const printDirectly = background.print;
  background.print = (text) => {
    if (!atPrompt) return printDirectly(text);
    if (terminal) {
      clearLine(io.stdout, 0);
      cursorTo(io.stdout, 0);
    } else io.stdout.write('\n');
    io.stdout.write(`${text}\n`);
    // Redraws the prompt and what was typed so far, the cursor where it was.
    rl.prompt(true);
  };
  // With a 'SIGINT' listener readline no longer closes itself at Ctrl-C.
  rl.on('SIGINT', interrupt);
  stop.onInterrupt(interrupt);
  stop.onStop(() => rl.close());
  try {
    io.stdout.write(
      'radio-ops shell: the same commands as /radio in Slack (try `help`). `exit`, `quit` or Ctrl-D to leave.\n',
    );
    rl.setPrompt(session.prompt());
    rl.prompt();
    atPrompt = true;
    for await (const line of rl) {
      atPrompt = false;
      if (stop.signal) break;
      const result = await stop.finish(session.handle(line));
      if (result) writeResult(io, result);
      if (stop.signal || result?.quit) break;
      saveHistoryLine(history, line);
      rl.setPrompt(session.prompt());
      rl.prompt();
      atPrompt = true;
    }
  } finally {
    atPrompt = false;
    background.print = printDirectly;
    rl.close();
    if (guard) {
      // readline paused the guard, not stdin: stop reading it, as readline does for its own input.
      io.stdin.unpipe(guard);
      io.stdin.pause();
    }
  }
  if (terminal) io.stdout.write('\n');
  if (guard?.overflowed) {
    io.stderr.write(
      `radio-ops: stopped reading input: a line is longer than ${MAX_LINE_LENGTH} characters (is stdin a text stream?).\n`,
    );
    return EXIT.failed;
  }
  return stop.signal ? EXIT.terminated : EXIT.succeeded;
}

/** Prints one line's result: results on stdout, refusals and failures on stderr. */
export function writeResult(io: CliIo, result: ShellLineResult): void {
  if (result.stdout !== undefined) io.stdout.write(`${result.stdout}\n`);
  if (result.stderr !== undefined) io.stderr.write(`${result.stderr}\n`);
}

/**
 * Ctrl-C at the prompt, as bash does it: what was typed stays on screen followed by `^C`, and a fresh,
 * empty prompt follows on the next line; nothing is run or added to the history. Uses only readline's
 * documented keys (Ctrl-E: to the end of the line; Ctrl-U: delete to its start, which redraws the prompt).
 */
function discardTypedLine(rl: Interface, output: NodeJS.WritableStream): void {
  rl.write(null, { ctrl: true, name: 'e' });
  output.write('^C\n');
  rl.write(null, { ctrl: true, name: 'u' });
}
