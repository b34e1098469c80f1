// A real Icecast 2 of the test's own (Debian's /usr/bin/icecast2, 2.4.4 here) on a free loopback port, its
// config and logs in a temp dir. Icecast refuses to run as root, so as root its config's <changeowner> drops
// to the package's `icecast2` user (and that user's group), which must own the dir to write its logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './private-postgres.js';

export const ICECAST_BINARY = process.env.ICECAST_BIN ?? '/usr/bin/icecast2';
const SHARE = '/usr/share/icecast2';

export interface IcecastServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Sources log in as `source:<sourcePassword>`. */
  sourcePassword: string;
  adminUser: string;
  adminPassword: string;
  /** Its temp dir (config, `log/error.log`, `log/access.log`). */
  dir: string;
  /** The tail of its error log, for failure messages. */
  errorLog(lines?: number): string;
  /** Stops Icecast (SIGTERM, SIGKILL if it lingers) and removes its dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface IcecastServerOptions {
  /** Extra XML inside <icecast> (a `<mount>` with a `<fallback-mount>`, say). */
  extraXml?: string;
  /** `<limits><source-timeout>` in seconds: how long a silent source keeps its mount (default 10). */
  sourceTimeoutSeconds?: number;
}

/** `icecast2`'s user and its primary group's name, as the Debian package creates them; undefined when absent. */
function icecastAccount(): { user: string; group: string; uid: number; gid: number } | undefined {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'icecast2');
  if (!entry) return undefined;
  const gid = Number(entry[3]);
  const group = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => Number(fields[2]) === gid)?.[0];
  return { user: 'icecast2', group: group ?? String(gid), uid: Number(entry[2]), gid };
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function configXml(
  dir: string,
  port: number,
  secrets: Record<'source' | 'admin', string>,
  options: IcecastServerOptions,
  owner?: { user: string; group: string },
) {
  return `<icecast>
  <location>radio-ops test</location><admin>test@localhost</admin><hostname>127.0.0.1</hostname>
  <limits><clients>100</clients><sources>20</sources><source-timeout>${options.sourceTimeoutSeconds ?? 10}</source-timeout><burst-on-connect>0</burst-on-connect></limits>
  <authentication>
    <source-password>${xmlText(secrets.source)}</source-password><relay-password>${xmlText(secrets.source)}</relay-password>
    <admin-user>admin</admin-user><admin-password>${xmlText(secrets.admin)}</admin-password>
  </authentication>
  <listen-socket><port>${port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>${dir}</basedir><logdir>${join(dir, 'log')}</logdir><pidfile>${join(dir, 'icecast.pid')}</pidfile>
    <webroot>${SHARE}/web</webroot><adminroot>${SHARE}/admin</adminroot>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  <security><chroot>0</chroot>${owner ? `<changeowner><user>${owner.user}</user><group>${owner.group}</group></changeowner>` : ''}</security>
  ${options.extraXml ?? ''}
</icecast>
`;
}

/**
 * Polls `/status-json.xsl` until it answers 200 with `server_id` in it; false if the process exited first.
 * For a moment after it starts, 2.4 answers without server_id, admin, host and location in its stats (and its
 * status-json.xsl is then not even lenient JSON): tests start after that.
 */
async function answers(url: string, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const ok = await fetch(`${url}/status-json.xsl`, { signal: AbortSignal.timeout(1000) }).then(
      async (response) => response.ok && (await response.text()).includes('"server_id"'),
      () => false,
    );
    if (ok) return true;
    await delay(25);
  }
  return false;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(killer);
}

/**
 * Starts Icecast on a free 127.0.0.1 port with fresh random source and admin passwords, `<fileserve>` on and
 * Debian's web and admin roots (so `/status-json.xsl` and `/admin/*.xsl` answer). Resolves once its stats
 * are complete (see `answers`). A port taken between picking and binding is retried on another. Call `stop()` in `afterAll`.
 * @throws Error with the error log's tail when it does not start (or when `icecast2` is not installed:
 *   run `bash .ci/services`).
 */
export async function startIcecastServer(options: IcecastServerOptions = {}): Promise<IcecastServer> {
  if (!existsSync(ICECAST_BINARY)) throw new Error(`${ICECAST_BINARY} is missing: run \`bash .ci/services\``);
  const owner = process.getuid?.() === 0 ? icecastAccount() : undefined;
  if (process.getuid?.() === 0 && !owner) throw new Error('running as root, and no icecast2 user to drop to');
  const secrets = { source: randomBytes(12).toString('hex'), admin: randomBytes(12).toString('hex') };
  let lastLog = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'radio-ops-icecast-'));
    mkdirSync(join(dir, 'log'));
    if (owner) for (const path of [dir, join(dir, 'log')]) chownSync(path, owner.uid, owner.gid);
    const port = await freePort();
    writeFileSync(join(dir, 'icecast.xml'), configXml(dir, port, secrets, options, owner));
    const child = spawn(ICECAST_BINARY, ['-c', join(dir, 'icecast.xml')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => (stderr += String(error)));
    const url = `http://127.0.0.1:${port}`;
    const errorLog = (lines = 30) => {
      const path = join(dir, 'log', 'error.log');
      return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n') : '';
    };
    if (await answers(url, child)) {
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        process.off('exit', killOnExit);
        await stopProcess(child);
        rmSync(dir, { recursive: true, force: true });
      };
      // A test runner that dies must not leave an Icecast behind.
      const killOnExit = () => child.kill('SIGKILL');
      process.on('exit', killOnExit);
      return {
        url,
        port,
        sourcePassword: secrets.source,
        adminUser: 'admin',
        adminPassword: secrets.admin,
        dir,
        errorLog,
        stop,
      };
    }
    lastLog = `${stderr}\n${errorLog()}`;
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`Icecast did not start on 127.0.0.1:\n${lastLog}`);
}
