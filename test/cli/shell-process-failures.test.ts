// The shell as a real process when things go wrong: a first start killed half-way, a failing command,
// a stop signal mid-command, input that is not text, a data directory that can't exist.
import { existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { collect, emptyEnv, runRadioOps, runRadioOpsWithStdin, spawnRadioOps } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';
import { closedPort } from '../support/hung-server.js';
import { waitFor } from '../support/wait-for.js';

// Safety net only: each run starts a process and an embedded Postgres; nothing asserts on time.
const SLOW = 120_000;
const freshDir = tempDirs('radio-shell-failures-');

/** A "Redis" that accepts connections and never answers, until `hangUp`; `received` resolves at the first bytes. */
async function silentRedis() {
  const sockets = new Set<Socket>();
  let heard: () => void = () => undefined;
  const received = new Promise<void>((resolve) => (heard = resolve));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => heard());
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}/0`,
    received,
    hangUp: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const children: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('radio-ops shell, interrupted and failing', () => {
  it(
    'a first start killed while the embedded database is being created leaves a directory the next run uses',
    async () => {
      const cwd = freshDir();
      const data = join(cwd, '.radio-ops');
      const first = spawnRadioOps(['shell', '-c', 'db size'], { cwd, env: emptyEnv() });
      children.push(first);
      const firstDone = collect(first);
      // The database's first file, wherever it is being created: in place (as before) or in a staging directory.
      const midCreation = () =>
        existsSync(data) &&
        readdirSync(data).some((name) => name.startsWith('pgdata') && existsSync(join(data, name, 'PG_VERSION')));
      let exited = false;
      void firstDone.then(() => (exited = true));
      await waitFor('the embedded database to be half-created', async () => exited || midCreation(), 4_000, 5);
      expect(exited).toBe(false);
      first.kill('SIGKILL');
      expect((await firstDone).signal).toBe('SIGKILL');

      const second = await runRadioOps(['shell', '-c', 'db size'], { cwd, env: emptyEnv() });
      expect(second.stderr).not.toMatch(/Aborted|information_schema|^\s+at /m);
      expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('public.audit_events') });
      expect(readdirSync(data).filter((name) => name.startsWith('pgdata'))).toEqual(['pgdata']);
    },
    SLOW,
  );

  it(
    'prints a failure in words with where its details are; the JSON log with the stack is in <data dir>/radio-ops.log',
    async () => {
      const cwd = freshDir();
      const env = emptyEnv({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}/0` });
      const { code, stderr } = await runRadioOps(['shell', '-c', 'cache memory'], { cwd, env });
      expect(code).toBe(1);
      expect(stderr).not.toContain('"level"');
      expect(stderr).not.toMatch(/^\s+at /m);
      const logPath = join(cwd, '.radio-ops', 'radio-ops.log');
      const [, shownPath, reference] = /\(details: (.+), reference ([0-9a-f]{8})\)/.exec(stderr) ?? [];
      expect(shownPath).toBe(logPath);
      expect(stderr).toContain(`Reference: ${reference}`);
      const log = readFileSync(logPath, 'utf8');
      expect(log).toContain(`"requestId":"${reference}`);
      expect(log).toContain('"stack"');
    },
    SLOW,
  );

  it(
    'SIGTERM during a -c command lets it finish: its outcome is audited, the lock released, exit 143 (fault 22: 128 + 15)',
    async () => {
      const cwd = freshDir();
      const redis = await silentRedis();
      const child = spawnRadioOps(['shell', '-c', 'cache memory'], { cwd, env: emptyEnv({ REDIS_URL: redis.url }) });
      children.push(child);
      const done = collect(child);
      let stderr = '';
      child.stderr.on('data', (chunk: string | Buffer) => (stderr += String(chunk)));
      await redis.received; // the command is running: its `started` row is written, Redis is asked
      child.kill('SIGTERM');
      await waitFor(
        'the shell to acknowledge SIGTERM',
        async () =>
          stderr.includes('finishing the running command') || child.exitCode !== null || child.signalCode !== null,
      );
      await redis.hangUp(); // now the command can end (it fails: Redis went away)
      const { code, signal } = await done;
      expect({ code, signal }).toEqual({ code: 143, signal: null });
      expect(existsSync(join(cwd, '.radio-ops', LOCK_FILE))).toBe(false);

      const audit = await runRadioOps(['shell', '-c', 'audit --command cache'], { cwd, env: emptyEnv() });
      expect(audit.code).toBe(0);
      expect(audit.stdout).toMatch(/started\s+cache memory/);
      expect(audit.stdout).toMatch(/failed\s+cache memory/);
    },
    SLOW,
  );

  it(
    'refuses input that is not lines of text (< /dev/zero) with a message, not a crash',
    async () => {
      const cwd = freshDir();
      const zero = openSync('/dev/zero', 'r');
      try {
        const { code, stderr } = await runRadioOpsWithStdin(['shell'], { cwd, env: emptyEnv(), stdinFd: zero });
        expect(stderr).not.toContain('RangeError');
        expect(stderr).toContain('a line is longer than 10000 characters');
        expect(code).toBe(1);
      } finally {
        closeSync(zero);
      }
      expect(existsSync(join(cwd, '.radio-ops', LOCK_FILE))).toBe(false);
    },
    SLOW,
  );

  it.runIf(existsSync('/proc/self'))(
    'says it cannot create a data directory under /proc instead of hanging',
    async () => {
      const cwd = freshDir();
      const child = spawnRadioOps(['shell', '-c', 'db size'], { cwd, env: emptyEnv({ RADIO_DATA_DIR: '/proc/nope' }) });
      children.push(child);
      child.stdin.end();
      const { code, stderr } = await collect(child);
      expect(code).toBe(1);
      expect(stderr).toContain('radio-ops: cannot create data directory /proc/nope (ENOENT');
      expect(stderr).not.toMatch(/^\s+at /m);
    },
    SLOW,
  );

  it(
    'prints no AWS SDK Node version warning',
    async () => {
      const { code, stderr } = await runRadioOps(['shell', '-c', 'help'], { cwd: freshDir(), env: emptyEnv() });
      expect(code).toBe(0);
      expect(stderr).not.toContain('NodeVersionSupportWarning');
    },
    SLOW,
  );
});
