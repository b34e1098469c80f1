import { appendFileSync, existsSync, readFileSync } from 'node:fs';
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

/** Appends one line, if the data directory exists (the shell never creates it just for history). */
export function saveHistoryLine(path: string, line: string): void {
  if (line.trim() === '' || !existsSync(join(path, '..'))) return;
  try {
    appendFileSync(path, `${line.replace(/\n/g, ' ')}\n`);
  } catch {
    // A read-only directory only loses history.
  }
}
