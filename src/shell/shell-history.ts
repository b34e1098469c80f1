import { closeSync, existsSync, fchmodSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** How many lines of history the shell keeps (in memory and offered on start). */
export const HISTORY_SIZE = 500;

/** `<dataDir>/shell-history`: one typed line per line, oldest first. */
export function historyPath(dataDir: string): string {
  return join(dataDir, 'shell-history');
}

/**
 * The saved lines, newest first (as readline's `history` option takes them); `[]` when there is no
 * file yet or it can't be read: history is a convenience, never a reason to fail.
 */
export function loadHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    return [];
  }
}

/** Owner read and write only: the history holds every line typed (reasons, user ids, S3 keys). */
const OWNER_ONLY = 0o600;

/**
 * Appends one line, if the data directory exists (the shell never creates it just for history). The
 * file is created {@link OWNER_ONLY}; one that others may read (made by an older radio-ops or by hand)
 * is narrowed to that before the line is added, since its lines are as private as the new one. One that
 * can't be narrowed (another user's) gets no line: losing history beats a private line others can read.
 */
export function saveHistoryLine(path: string, line: string): void {
  if (line.trim() === '' || !existsSync(join(path, '..'))) return;
  try {
    const fd = openSync(path, 'a', OWNER_ONLY);
    try {
      if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, OWNER_ONLY);
      writeSync(fd, `${line.replace(/\n/g, ' ')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // A read-only directory, or a file we may not narrow, only loses history.
  }
}
