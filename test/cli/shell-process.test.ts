// The shell as a newcomer runs it: a real process, nothing in the environment but PATH and HOME,
// an embedded database in ./.radio-ops of a fresh directory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { collect, emptyEnv, runRadioOps, spawnRadioOps, stdoutShows } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';

// Safety net only: each run starts a process and an embedded Postgres; nothing asserts on time.
const SLOW = 120_000;
const freshDir = tempDirs('radio-shell-');

describe('radio-ops shell in an empty environment', () => {
  it(
    'answers help, db size and db connections on the embedded database, and a second run sees the audit rows',
    async () => {
      const cwd = freshDir();
      const run = (line: string) => runRadioOps(['shell', '-c', line], { cwd, env: emptyEnv() });

      const help = await run('help');
      expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('db slow-queries') });
      expect(help.stderr).toContain(
        'radio-ops: no DATABASE_URL: using an embedded Postgres in ./.radio-ops (demo only; not for production)',
      );
      expect(help.stderr).toContain('no RADIO_DATABASE_URL');
      expect(help.stderr).toContain('demo identity U0LOCAL');
      expect(help.stderr.match(/no DATABASE_URL/g)).toHaveLength(1);

      const size = await run('/radio db size');
      expect(size).toMatchObject({ code: 0, stdout: expect.stringMatching(/Database \S+ is .* \(\d+ bytes\)/) });
      expect(size.stdout).toContain('public.audit_events');

      const connections = await run('db connections');
      expect(connections).toMatchObject({ code: 0, stdout: expect.stringContaining('max_connections') });

      const audit = await run('audit --limit 50');
      expect(audit.code).toBe(0);
      for (const command of ['db size', 'db connections']) {
        expect(audit.stdout).toMatch(new RegExp(`U0LOCAL\\s+succeeded\\s+${command}\\s`));
      }
      // Issue 10, item 5: help is not an operation, so it leaves no audit row.
      expect(audit.stdout).not.toMatch(/\shelp\s/);
      expect(existsSync(join(cwd, '.radio-ops', LOCK_FILE))).toBe(false);
    },
    SLOW,
  );

  it(
    "keeps a second process out of a data directory in use, naming the pid; a killed holder's lock is taken over",
    async () => {
      const cwd = freshDir();
      const env = emptyEnv({ RADIO_DATA_DIR: join(cwd, 'data') });
      const holder = spawnRadioOps(['shell'], { cwd, env });
      const holderDone = collect(holder);
      await stdoutShows(holder, 'radio-ops demo (U0LOCAL)> ');

      const second = await runRadioOps(['shell', '-c', 'db size'], { cwd, env });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another radio-ops process (pid ${holder.pid})`);

      holder.stdin.write('exit\n');
      expect((await holderDone).code).toBe(0);
      expect(existsSync(join(cwd, 'data', LOCK_FILE))).toBe(false);

      const killed = spawnRadioOps(['shell'], { cwd, env });
      const killedDone = collect(killed);
      await stdoutShows(killed, '> ');
      const answered = stdoutShows(killed, '(Showing');
      killed.stdin.write('audit --reason before-the-kill\n');
      await answered;
      killed.kill('SIGKILL');
      await killedDone;
      expect(existsSync(join(cwd, 'data', LOCK_FILE))).toBe(true);

      const after = await runRadioOps(['shell', '-c', 'audit'], { cwd, env });
      expect(after.code).toBe(0);
      expect(after.stdout).toMatch(/succeeded\s+audit\s+audit --reason before-the-kill/);
    },
    SLOW,
  );

  it(
    'reads lines from stdin with or without /radio, /as switches user in the demo, and exit leaves',
    async () => {
      const cwd = freshDir();
      const child = spawnRadioOps(['shell'], { cwd, env: emptyEnv() });
      const done = collect(child);
      child.stdin.end('/radio help db\n/as U0BOB\naudit --user U0BOB\nexit\ndb size\n');
      const { code, stdout, stderr } = await done;
      expect(code).toBe(0);
      expect(stdout).toContain('radio-ops demo (U0BOB)> ');
      expect(stdout).toMatch(/U0BOB\s+started\s+audit/);
      expect(stderr).toContain('Now acting as U0BOB');
      expect(stdout).not.toContain('public.audit_events');
    },
    SLOW,
  );
});
