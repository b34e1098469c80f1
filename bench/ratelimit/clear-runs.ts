// The two ways of clearing every rate-limit key that bench:ratelimit compares, each timed while the
// GET probe (another process, another connection) records what other clients see.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { RadioConfig } from '../../src/config/radio-config.js';
import { redisClientOptions } from '../../src/integrations/redis/redis-client-options.js';
import { createStationRedis } from '../../src/integrations/redis/station-redis.js';
import { ROOT } from '../support/processes.js';
import { onCleanup } from '../support/run-bench.js';
import { DB } from './redis-keys.js';

export const REDIS_URL = `redis://127.0.0.1:6379/${DB}`;

/** What one clear did: keys deleted (as Redis reported), seconds, and its calls when known. */
export interface ClearOutcome {
  deleted: number;
  seconds: number;
  calls?: string;
}

/** `ratelimit clear --all`'s execution: `StationRedis.clear({ all: true })` (what the command's `run` calls), on the client the server builds. */
export async function clearWithStationRedis(): Promise<ClearOutcome> {
  const redis = new Redis(REDIS_URL, redisClientOptions());
  try {
    const station = createStationRedis(redis, RadioConfig.parse({}));
    const started = performance.now();
    const outcome = await station.clear({ all: true });
    return {
      deleted: outcome.deleted,
      seconds: (performance.now() - started) / 1000,
      calls: `${outcome.scanCalls} SCAN, ${outcome.unlinkCalls} UNLINK (MATCH ${outcome.match})`,
    };
  } finally {
    redis.disconnect();
  }
}

/** The baseline, verbatim: `redis-cli --scan --pattern 'rate_limit:*' | xargs redis-cli unlink` on db 15. */
export function clearWithRedisCli(): Promise<ClearOutcome> {
  const script = `redis-cli -h 127.0.0.1 -n ${DB} --scan --pattern 'rate_limit:*' | xargs redis-cli -h 127.0.0.1 -n ${DB} unlink`;
  const started = performance.now();
  const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const counts = output
        .split('\n')
        .filter(Boolean)
        .map((line) => Number(line.replace('(integer) ', '')));
      if (code !== 0) reject(new Error(`the redis-cli pipeline exited ${code}`));
      else
        resolve({
          deleted: counts.reduce((a, b) => a + b, 0),
          seconds: (performance.now() - started) / 1000,
          calls: `${counts.length} UNLINK`,
        });
    });
  });
}

/** Starts the GET probe process; `during(work)` runs `work` and returns its result with the probe's latencies. */
export async function startProbe() {
  const tsx = pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href;
  const child: ChildProcess = fork(new URL('./get-probe.ts', import.meta.url).pathname, [REDIS_URL], {
    execArgv: ['--import', tsx],
  });
  onCleanup(`stop the GET probe (pid ${child.pid})`, () => void child.kill('SIGKILL'));
  await new Promise((resolve) => child.once('message', resolve));
  const next = () => new Promise<number[]>((resolve) => child.once('message', (m) => resolve(m as number[])));
  return {
    async during<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
      child.send({ type: 'start' });
      const result = await work();
      const latencies = next();
      child.send({ type: 'stop' });
      return { result, latencies: await latencies };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      }),
  };
}
