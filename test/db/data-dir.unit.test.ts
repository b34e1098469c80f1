import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirError, ensureDataDir } from '../../src/db/data-dir.js';
import { tempDirs } from '../support/temp-dirs.js';

const freshDir = tempDirs('radio-data-dir-');

describe('ensureDataDir', () => {
  it('creates missing parents, and accepts a directory that exists', () => {
    const dir = join(freshDir(), 'a', 'b', 'data');
    ensureDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    ensureDataDir(dir);
  });

  it('names the directory and the reason when a file is in the way', () => {
    const file = join(freshDir(), 'file');
    writeFileSync(file, '');
    expect(() => ensureDataDir(join(file, 'data'))).toThrow(DataDirError);
    expect(() => ensureDataDir(join(file, 'data'))).toThrow(
      `cannot create data directory ${join(file, 'data')} (ENOTDIR`,
    );
    expect(() => ensureDataDir(file)).toThrow(
      `cannot create data directory ${file} (ENOTDIR: ${file} exists and is not a directory)`,
    );
  });

  // Where mkdir answers ENOENT although the parent exists; Node's recursive mkdir (20 and 24) never returns there.
  it.runIf(existsSync('/proc/self'))('fails at once under /proc', () => {
    expect(() => ensureDataDir('/proc/radio-ops-nope/data')).toThrow(
      'cannot create data directory /proc/radio-ops-nope/data (ENOENT: no such file or directory). Set RADIO_DATA_DIR to a directory you can write.',
    );
  });
});
