import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { tempDirs } from '../support/temp-dirs.js';

const freshDir = tempDirs('radio-lock-');

/** The pid of a process that has already exited (spawned and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (!child.pid) throw new Error('could not spawn');
  return child.pid;
}

describe('acquireDataDirLock', () => {
  it('writes this pid to <dir>/radio-ops.lock and removes it on release', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second holder while the first is alive, naming its pid', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(`in use by another radio-ops process (pid ${process.pid})`);
    } finally {
      lock.release();
    }
  });

  it('refuses a lock held by another live process', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(`(pid ${process.ppid})`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.ppid));
  });

  it('takes over a stale lock whose process is gone, and an empty one', () => {
    for (const stale of [`${deadPid()}\n`, '']) {
      const dir = freshDir();
      writeFileSync(join(dir, LOCK_FILE), stale);
      const lock = acquireDataDirLock(dir);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      lock.release();
    }
  });

  it('does not remove a lock another process took over after this one released it', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.ppid));
  });
});
