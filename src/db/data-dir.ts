import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The shell's data directory can't be used (can't be created, or its embedded database can't be
 * opened). The message is written for the person at the terminal: what, where, and what to do.
 */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

/**
 * Creates `dir` and any missing parents (like `mkdir -p`), failing fast.
 *
 * Not `mkdirSync(dir, { recursive: true })`: on Node 20 and 24 alike that never returns for a path like
 * `/proc/nope`, where `mkdir` answers ENOENT although the parent exists (it retries the parent,
 * gets EEXIST, retries the child, forever). Here each level is tried once.
 *
 * @throws DataDirError naming the directory and the system's reason (`ENOENT`, `EACCES`, `ENOTDIR`…).
 */
export function ensureDataDir(dir: string): void {
  try {
    makeDirectory(resolve(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = error instanceof Error ? error.message.replace(/,.*$/, '') : String(error);
    throw new DataDirError(
      `cannot create data directory ${dir} (${code && !reason.startsWith(code) ? `${code}: ` : ''}${reason}). Set RADIO_DATA_DIR to a directory you can write.`,
    );
  }
}

function makeDirectory(path: string, retryAfterParent = true): void {
  try {
    mkdirSync(path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (statSync(path).isDirectory()) return;
      throw Object.assign(new Error(`ENOTDIR: ${path} exists and is not a directory`), { code: 'ENOTDIR' });
    }
    if (code !== 'ENOENT' || !retryAfterParent) throw error;
  }
  const parent = dirname(path);
  if (parent === path)
    throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${path}'`), { code: 'ENOENT' });
  makeDirectory(parent);
  // The parent exists now: a second ENOENT is the answer, not a reason to go round again.
  makeDirectory(path, false);
}
