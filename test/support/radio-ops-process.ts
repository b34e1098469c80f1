// Runs the CLI as a real child process from source (tsx), with exactly the environment given.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href;
const ENTRY = fileURLToPath(new URL('./radio-ops-cli.ts', import.meta.url));

/** An environment as empty as a fresh shell's: only PATH and HOME (plus what `extra` adds). */
export const emptyEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});

/** Starts `radio-ops <args>` in `cwd` with `env` as its whole environment; the caller feeds stdin. */
export function spawnRadioOps(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: options.cwd, env: options.env });
}

/**
 * Starts `radio-ops <args>` on a pseudo-terminal (util-linux `script`), so its stdin and stdout are TTYs
 * as in a person's terminal: what the caller writes to `stdin` is typed (`\x03` is Ctrl-C, `\x04` Ctrl-D,
 * `\r` Enter), and `stdout` carries the screen (stderr included). Exits with the shell's exit code.
 */
export function spawnRadioOpsInTerminal(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): ChildProcessWithoutNullStreams {
  const command = [process.execPath, '--import', TSX, ENTRY, ...args].map(shellQuote).join(' ');
  return spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], options);
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** What a child has printed on stdout (or stderr) so far, and a way to wait for what it prints next. */
export interface Transcript {
  readonly text: string;
  /** Resolves with the text once `test` holds for it; rejects, naming `what`, if the child exits first. */
  until(what: string, test: (text: string) => boolean): Promise<string>;
}

export function transcript(child: ChildProcessWithoutNullStreams, stream: 'stdout' | 'stderr' = 'stdout'): Transcript {
  let text = '';
  let exited = false;
  const waiters = new Set<() => void>();
  child[stream].on('data', (chunk: Buffer | string) => {
    text += String(chunk);
    for (const check of [...waiters]) check();
  });
  child.once('close', () => {
    exited = true;
    for (const check of [...waiters]) check();
  });
  return {
    get text() {
      return text;
    },
    until: (what, test) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (test(text)) {
            waiters.delete(check);
            resolve(text);
          } else if (exited) {
            waiters.delete(check);
            reject(new Error(`exited before ${what}; it printed:\n${text}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Runs `radio-ops <args>` to the end with stdin read from the open file `stdinFd` (e.g. `/dev/zero`). */
export function runRadioOpsWithStdin(
  args: string[],
  options: { cwd: string; env: Record<string, string>; stdinFd: number },
) {
  return collect(
    spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.stdinFd, 'pipe', 'pipe'],
    }),
  );
}

/** Runs `radio-ops <args>` to the end with stdin closed; resolves with its exit code and output. */
export function runRadioOps(args: string[], options: { cwd: string; env: Record<string, string> }) {
  const child = spawnRadioOps(args, options);
  child.stdin.end();
  return collect(child);
}

/** Everything a child writes, its exit code, and the signal that ended it (if one did), once it exits. */
export function collect(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child's stdout contains `text` (its prompt: the runtime is up and the lock held). */
export function stdoutShows(child: ChildProcessWithoutNullStreams, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(text)) {
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing "${text}"; stdout: ${seen}`)));
  });
}
