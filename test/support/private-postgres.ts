// A PostgreSQL cluster of the test's own (initdb + pg_ctl in a temp dir, on a free loopback port), for
// tests that must change server settings (max_connections) or stop the server, which the shared one can't.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Server settings as `-c name=value`; numbers are written as they are. */
export type ServerSettings = Record<string, string | number>;

/** A running private cluster; loopback connections are trusted (no password). */
export interface PrivatePostgres {
  port: number;
  /** The major version whose binaries run it (`15`). */
  version: string;
  /** `postgres://<user>@127.0.0.1:<port>/<database>` (database default `postgres`). */
  url(user: string, database?: string): string;
  /** Runs SQL as the bootstrap superuser `postgres` on one short-lived connection (in a reserved slot if need be). */
  admin<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Stops the server (`pg_ctl stop -m immediate`) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server binaries: `PG_BIN` if set, else version 15 under `/usr/lib/postgresql` (the
 * version the README documents), else the newest installed there.
 * @throws Error saying how to install them (`bash .ci/services`) when there are none: never a skip.
 */
export function postgresBinaries(): { bin: string; version: string } {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return { bin: fromEnv, version: readFileSync(join(fromEnv, '..', '..', 'PG_VERSION'), 'utf8').trim() };
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const version = versions.includes('15') ? '15' : versions.at(-1);
  if (!version) throw new Error(`No PostgreSQL server binaries (initdb) under ${root}: run \`bash .ci/services\``);
  return { bin: join(root, version, 'bin'), version };
}

/** A loopback port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Creates and starts a cluster owned by `postgres` (through `runuser -u postgres` when this process is
 * root, since the server refuses to run as root; as this user otherwise), listening on 127.0.0.1 only,
 * its socket in its own directory. `settings` go on the server's command line (`max_connections: 8`).
 * Call {@link PrivatePostgres.stop} in `afterAll` (it also runs when start fails half-way).
 * @throws Error with the server log's tail when initdb or the start fails.
 */
export async function startPrivatePostgres(settings: ServerSettings = {}): Promise<PrivatePostgres> {
  const { bin, version } = postgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'radio-ops-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args], { cwd: dir })
      : run(join(bin, name), args, { cwd: dir });
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      await tool('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const options = Object.entries({
      listen_addresses: '127.0.0.1',
      port,
      unix_socket_directories: dir,
      fsync: 'off',
      ...settings,
    }).map(([name, value]) => `-c ${name}=${value}`);
    started = true;
    await tool('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '120', '-o', options.join(' ')]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    await stop();
    throw new Error(`private PostgreSQL ${version} did not start: ${String(error)}\n${log}`, { cause: error });
  }
  const url = (user: string, database = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${database}`;
  return {
    port,
    version,
    url,
    async admin<Row extends object>(sql: string, params?: unknown[]) {
      const client = new pg.Client({ connectionString: url('postgres'), application_name: 'private-postgres-admin' });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query<Row>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
  };
}
