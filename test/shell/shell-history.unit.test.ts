// Issue 13, fault 19c: the shell's history holds every line typed (reasons, ids, keys): only its owner may read it.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyPath, loadHistory, saveHistoryLine } from '../../src/shell/shell-history.js';
import { tempDirs } from '../support/temp-dirs.js';

const dir = tempDirs('radio-ops-history-');
const permissions = (path: string) => statSync(path).mode & 0o777;

describe('shell history', () => {
  it('fault 19: is created readable and writable by its owner only', () => {
    const path = historyPath(dir());
    saveHistoryLine(path, 'db terminate 28113 --reason "runaway report"');
    expect(permissions(path)).toBe(0o600);
    expect(loadHistory(path)).toEqual(['db terminate 28113 --reason "runaway report"']);
  });

  it('fault 19: an existing history others could read is narrowed to its owner before a line is added', () => {
    const path = historyPath(dir());
    writeFileSync(path, 'db size\n');
    chmodSync(path, 0o644);
    saveHistoryLine(path, 'ratelimit clear U0ALICE');
    expect(permissions(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('db size\nratelimit clear U0ALICE\n');
  });

  it('saves nothing, and fails nothing, when the data directory does not exist', () => {
    const path = join(dir(), 'missing', 'shell-history');
    saveHistoryLine(path, 'db size');
    expect(loadHistory(path)).toEqual([]);
  });
});
