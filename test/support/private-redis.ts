// A redis-server of the test's own on a free loopback port, for what the shared one can't be made to
// do without disturbing other tests: require a password (`--requirepass`).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './private-postgres.js';

/** A running private Redis; nothing is persisted. */
export interface PrivateRedis {
  port: number;
  /** `redis://<user>:<password>@127.0.0.1:<port>/0`, user and password URL-encoded. */
  url(user: string, password: string): string;
  /** Stops the server (SIGTERM to its own pid) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` (`REDIS_SERVER`, else from `PATH`) on 127.0.0.1 only, requiring `password`,
 * with no snapshots and no append-only file, its working directory a temp dir. Resolves once it says
 * it accepts connections. Call {@link PrivateRedis.stop} in `afterAll`.
 * @throws Error with the server's output when it exits or does not get ready within 20 s.
 */
export async function startPrivateRedis(password: string): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'radio-ops-redis-'));
  const port = await freePort();
  const server = spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = once(server, 'exit');
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not ready within 20 s')), 20_000);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      server.once('error', settle);
      server.once('exit', (code) => settle(new Error(`exited with ${String(code)}`)));
      for (const stream of [server.stdout, server.stderr]) {
        stream.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          if (output.includes('Ready to accept connections')) settle();
        });
      }
    });
  } catch (error) {
    await stop();
    throw new Error(`private redis-server did not start: ${String(error)}\n${output.slice(-2000)}`, { cause: error });
  }
  return {
    port,
    url: (user, secret) => `redis://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${port}/0`,
    stop,
  };
}
