// Issue 13, fault 22: Ctrl-C in the shell, as a person at a terminal presses it. A real radio-ops process on
// a pseudo-terminal (util-linux `script`), or reading a pipe and sent SIGINT; the command being interrupted is
// a latch (test/support/latch-commands.ts) that runs until the test releases it, so nothing waits on a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, emptyEnv, spawnRadioOps, spawnRadioOpsInTerminal, transcript } from '../support/radio-ops-process.js';
import { startLatchServer, type LatchServer } from '../support/latch-commands.js';
import { tempDirs } from '../support/temp-dirs.js';

// Safety net only: each run starts a process and an embedded Postgres; nothing asserts on time.
const SLOW = 120_000;
const PROMPT = 'radio-ops demo (U0LOCAL)> ';
const CTRL_C = '\x03';
const CTRL_D = '\x04';

let latch: LatchServer;
let cwd: string;
let env: Record<string, string>;
const freshDir = tempDirs('radio-shell-interrupt-');
beforeAll(async () => {
  latch = await startLatchServer();
  // One data directory for the file (its tests run one after another): the embedded database is made once.
  cwd = freshDir();
  env = emptyEnv({ RADIO_TEST_LATCH: latch.address, TERM: 'xterm' });
});
afterAll(() => latch.close());

/** The text printed after the first `from` characters. */
const since = (text: string, from: number) => text.slice(from);
/** A fresh prompt after `from`: the shell is reading the next line. */
const promptAfter = (from: number, marker: string) => (text: string) => {
  const rest = since(text, from);
  const at = rest.indexOf(marker);
  return at !== -1 && rest.indexOf(PROMPT, at) !== -1;
};

/** `radio-ops shell` on a pseudo-terminal, at its first prompt. */
async function terminalShell() {
  const child = spawnRadioOpsInTerminal(['shell'], { cwd, env });
  const done = collect(child);
  const screen = transcript(child);
  await screen.until('the first prompt', (text) => text.includes(PROMPT));
  return { child, done, screen };
}

/** Writes `input` (a line running a latch command) and resolves once the latch holds it. */
async function held(child: { stdin: NodeJS.WritableStream }, input: string): Promise<void> {
  const arrived = latch.arrival();
  child.stdin.write(input);
  await arrived;
}

describe('fault 22: Ctrl-C in radio-ops shell', () => {
  it(
    'fault 22: Ctrl-C at the prompt of a terminal clears the line and gives a new prompt; Ctrl-D leaves with 0',
    async () => {
      const { child, done, screen } = await terminalShell();
      child.stdin.write('db sze');
      await screen.until('the typed text', (text) => text.includes('db sze'));
      const mark = screen.text.length;
      child.stdin.write(CTRL_C);
      await screen.until('a new prompt after ^C', promptAfter(mark, '^C'));
      child.stdin.write('help db\r');
      await screen.until('help db answered', (text) => since(text, mark).includes('db slow-queries'));
      child.stdin.write(CTRL_D);
      expect((await done).code).toBe(0);
      // What was typed before Ctrl-C was dropped, not run and not glued to the next line.
      expect(screen.text).not.toContain('There is no command');
      expect(screen.text).not.toContain('db szehelp');
    },
    SLOW,
  );

  it(
    'fault 22: Ctrl-C during a read in a terminal cancels it, says so, and the prompt works afterwards',
    async () => {
      const { child, done, screen } = await terminalShell();
      await held(child, 'test latch read\r');
      const mark = screen.text.length;
      child.stdin.write(CTRL_C);
      // Never released: the prompt comes back because the read was cancelled, not because it ended.
      await screen.until('the read cancelled and a new prompt', promptAfter(mark, 'cancelled'));
      expect(since(screen.text, mark)).toContain('Ctrl-C: cancelling `test latch read`');
      child.stdin.write('audit --command test\r');
      // The listing arrives in chunks: wait for both rows, not the first one seen.
      await screen.until('the audit rows', (text) =>
        [/cancelled\s+test latch read/, /started\s+test latch read/].every((row) => row.test(since(text, mark))),
      );
      child.stdin.write('exit\r');
      expect((await done).code).toBe(0);
    },
    SLOW,
  );

  it(
    'fault 22: Ctrl-C during a write in a terminal says it is finishing it; the prompt comes back when it has, audited',
    async () => {
      const { child, done, screen } = await terminalShell();
      await held(child, 'test latch write\r');
      const mark = screen.text.length;
      child.stdin.write(CTRL_C);
      await screen.until('the finishing notice', (text) => since(text, mark).includes('finishing'));
      expect(since(screen.text, mark)).toContain('Ctrl-C: `test latch write` is a write, so it is finishing');
      // A second Ctrl-C does not abandon it either.
      child.stdin.write(CTRL_C);
      await screen.until('the second notice', (text) => since(text, mark).split('finishing').length > 2);
      expect(since(screen.text, mark)).not.toContain(PROMPT);
      expect(latch.waiting).toBe(1);
      latch.release('done at last');
      await screen.until('its result and a new prompt', promptAfter(mark, 'latch write: done at last'));
      child.stdin.write('audit --command test\r');
      await screen.until('the audit rows', (text) => /succeeded\s+test latch write/.test(since(text, mark)));
      child.stdin.write('exit\r');
      expect((await done).code).toBe(0);
    },
    SLOW,
  );

  it(
    'fault 22: SIGINT to a shell reading a pipe is Ctrl-C: it cancels the read and the next line runs',
    async () => {
      const child = spawnRadioOps(['shell'], { cwd, env });
      const done = collect(child);
      const out = transcript(child);
      const err = transcript(child, 'stderr');
      await out.until('the first prompt', (text) => text.includes(PROMPT));
      await held(child, 'test latch read\n');
      const mark = out.text.length;
      child.kill('SIGINT');
      await out.until('a new prompt after the cancelled read', (text) => since(text, mark).includes(PROMPT));
      expect(err.text).toContain('Ctrl-C: cancelling `test latch read`');
      child.stdin.write('help db\n');
      await out.until('help db answered', (text) => since(text, mark).includes('db slow-queries'));
      child.stdin.end();
      expect((await done).code).toBe(0);
    },
    SLOW,
  );

  it(
    'fault 22: shell -c interrupted exits 130: a read is cancelled, a write finishes first and shows its result',
    async () => {
      const read = spawnRadioOps(['shell', '-c', 'test latch read'], { cwd, env });
      const readDone = collect(read);
      await held(read, '');
      read.kill('SIGINT');
      const readResult = await readDone;
      expect(readResult).toMatchObject({ code: 130, signal: null });
      expect(readResult.stderr).toContain('`test latch read` was cancelled');

      const write = spawnRadioOps(['shell', '-c', 'test latch write'], { cwd, env });
      const writeDone = collect(write);
      const err = transcript(write, 'stderr');
      await held(write, '');
      write.kill('SIGINT');
      await err.until('the finishing notice', (text) => text.includes('finishing'));
      expect(latch.waiting).toBe(1);
      latch.release('finished anyway');
      const writeResult = await writeDone;
      expect(writeResult).toMatchObject({ code: 130, signal: null });
      expect(writeResult.stdout).toContain('latch write: finished anyway');
    },
    SLOW,
  );
});
