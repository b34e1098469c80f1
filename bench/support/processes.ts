// The processes a benchmark compares: the real server (`node bin/radio-ops.js start`, from dist/) and the
// bare Bolt baseline, each started on a free loopback port, watched for readiness and RSS, and stopped.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup, sleep } from './run-bench.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SIGNING_SECRET = 'bench-signing-secret-0123456789';

/** A temp dir removed by the benchmark's cleanup. */
export function benchTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `radio-ops-bench-${name}-`));
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => statSync(join(dir, file)).mtimeMs),
  );
}

/** `bin/radio-ops.js` runs dist/: rebuild it (`npm run build`) when any file in src/ is newer. */
export function ensureBuild(): void {
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist/cli/main.js')).mtimeMs;
  } catch {
    /* not built yet */
  }
  if (built >= newestMtime(join(ROOT, 'src'))) return;
  console.log('dist/ is older than src/: running npm run build');
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    console.log('npm run build reported errors; dist/ was still emitted, measuring it');
  }
}

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A started process and where it answers. */
export interface Service {
  label: string;
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first `GET /readyz` answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * The real server's environment: fresh database, Slack at `sinkUrl`, the bench YAML. Nothing else leaks in;
 * HOME is a temp dir and the instance metadata service is off, so the AWS SDK finds no credentials and
 * never leaves the machine (a DescribeAlarms reconcile just fails and is logged).
 */
export function serverEnv(options: {
  port: number;
  databaseUrl: string;
  sinkUrl: string;
  configPath: string;
  home: string;
}) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: options.home,
    AWS_EC2_METADATA_DISABLED: 'true',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_API_URL: `${options.sinkUrl}/api/`,
    DATABASE_URL: options.databaseUrl,
    RADIO_CONFIG: options.configPath,
    PORT: String(options.port),
  };
}

/** Writes the YAML the benchmarks run with: one team and channel, U0ALICE a viewer and operator by id. */
export function writeBenchConfig(dir: string, extra = ''): string {
  const path = join(dir, 'radio-ops.bench.yml');
  writeFileSync(
    path,
    `region: us-east-1\nslack: { teamId: T0EXAMPLE, channels: [C0EXAMPLE01] }\nroles: { viewer: [U0ALICE], operator: [U0ALICE], approver: [U0BOB] }\n${extra}`,
  );
  return path;
}

/** Spawns `node <args>` with `env` as its whole environment, logs to `logFile`, waits for /readyz. */
export async function startService(
  label: string,
  args: string[],
  options: { env: Record<string, string>; port: number; logFile: string; timeoutMs?: number },
): Promise<Service> {
  const log = openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: options.env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${options.port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };
  onCleanup(`stop ${label} (pid ${child.pid})`, stop);
  const deadline = started + (options.timeoutMs ?? 60_000);
  while (performance.now() < deadline) {
    if (exited)
      throw new Error(
        `${label} exited before it was ready; see ${options.logFile}:\n${readFileSync(options.logFile, 'utf8').slice(-2000)}`,
      );
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { label, child, url, readyMs: performance.now() - started, stop };
    await sleep(10);
  }
  await stop();
  throw new Error(`${label} was not ready within ${options.timeoutMs ?? 60_000} ms; see ${options.logFile}`);
}

/** Resident set size now and at its peak (`VmRSS`, `VmHWM` from /proc), in MiB. */
export function rssOf(pid: number | undefined): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}

/** CPU time (user + system) `pid` has used so far, in ms, from /proc/<pid>/stat (10 ms resolution). */
export function cpuMsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
