import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file's name inside the data directory; it holds the owner's pid in decimal. */
export const LOCK_FILE = 'radio-ops.lock';

/** Thrown when another live process holds the data directory; `pid` is that process. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `${dataDir} is in use by another radio-ops process (pid ${pid}). Stop that process, or set RADIO_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** A held lock; `release` is idempotent and only removes the file while it still names this process. */
export interface DataDirLock {
  path: string;
  release(): void;
}

/**
 * Takes `<dataDir>/radio-ops.lock` for this process: the file is created with `O_EXCL` (`wx`), so of
 * two processes starting together exactly one wins. A lock whose pid is no longer running (a process
 * that was killed) is taken over. The lock is released on `release()` and, as a safety net, when the
 * process exits normally. `dataDir` must exist.
 *
 * Limit: taking over a stale lock is two steps (unlink, create). Two processes taking over the same
 * stale lock at the same instant are told apart by reading the file back, which narrows but does not
 * close that window; acceptable for a local demo database.
 *
 * @throws DataDirLockedError naming the pid that holds the directory.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(path);
      if (holder !== undefined && (holder === process.pid || isRunning(holder)))
        throw new DataDirLockedError(dataDir, holder);
      removeIfHeldBy(path, holder);
      continue;
    }
    const owner = readPid(path);
    if (owner !== process.pid) throw new DataDirLockedError(dataDir, owner ?? -1);
    return hold(path);
  }
  throw new Error(`Could not take the lock ${path}; remove it if no radio-ops process is running.`);
}

function hold(path: string): DataDirLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    removeIfHeldBy(path, process.pid);
  };
  process.on('exit', release);
  return { path, release };
}

/** The pid in the lock file; `undefined` when it is missing, empty or not a number (a crash mid-write). */
function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function removeIfHeldBy(path: string, pid: number | undefined): void {
  if (readPid(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything; EPERM means it exists). */
export function isRunning(pid: number): boolean {
  // 0 and negative numbers address process groups, not one process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
