// Loads and removes the rate-limit benchmark's keys in Redis database 15: rate-limit keys in the
// station's format (`rate_limit:user:<id>:<channel>`, counters with a TTL, as a limiter writes them)
// among other keys (`bench:…` sessions and caches). Loading streams RESP into `redis-cli --pipe`.
import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';

export const DB = 15;
const CHANNELS = ['rap', 'jazz', 'rock', 'news', 'classic'];

function resp(parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

/** The i-th rate-limit key and the i-th other key. */
const rateLimitCommand = (i: number) =>
  resp([
    'SET',
    `rate_limit:user:${100_000 + Math.floor(i / CHANNELS.length)}:${CHANNELS[i % CHANNELS.length]}`,
    String(1 + (i % 30)),
    'EX',
    '3600',
  ]);
const otherCommand = (i: number) =>
  i % 2 === 0
    ? resp([
        'SET',
        `bench:session:${((i * 2654435761) >>> 0).toString(16)}:${i}`,
        `{"listener":${i},"channel":"${CHANNELS[i % 5]}","since":1742000000}`,
      ])
    : resp([
        'SET',
        `bench:track-cache:${i}`,
        `{"track":${i},"title":"Track ${i}","artist":"Artist ${i % 997}","duration":${180 + (i % 240)}}`,
      ]);

/** Sends `count` commands made by `command` through `redis-cli -n 15 --pipe`; resolves how many were answered. */
function pipe(count: number, command: (i: number) => string): Promise<number> {
  const child = spawn('redis-cli', ['-h', '127.0.0.1', '-n', String(DB), '--pipe'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const done = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const replies = Number(/replies: (\d+)/.exec(output)?.[1] ?? -1);
      const errors = Number(/errors: (\d+)/.exec(output)?.[1] ?? -1);
      if (code !== 0 || errors !== 0) reject(new Error(`redis-cli --pipe failed (${code}): ${output.trim()}`));
      else resolve(replies);
    });
  });
  let i = 0;
  const write = () => {
    while (i < count) {
      let chunk = '';
      for (const end = Math.min(count, i + 10_000); i < end; i += 1) chunk += command(i);
      if (!child.stdin.write(chunk)) return void child.stdin.once('drain', write);
    }
    child.stdin.end();
  };
  write();
  return done;
}

export const loadRateLimitKeys = (count: number) => pipe(count, rateLimitCommand);
export const loadOtherKeys = (count: number) => pipe(count, otherCommand);

/** Counts keys matching `match` (SCAN, COUNT 10000). */
export async function countMatching(redis: Redis, match: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 10_000);
    count += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return count;
}

/** UNLINKs every key matching `match`: the benchmark's own cleanup (keys of others in db 15 are left alone). */
export async function removeMatching(redis: Redis, match: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 10_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** `INFO commandstats` as `command -> { calls, usec }` (Redis' own time spent executing each command). */
export async function commandStats(redis: Redis): Promise<Record<string, { calls: number; usec: number }>> {
  const stats: Record<string, { calls: number; usec: number }> = {};
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats[match[1] as string] = { calls: Number(match[2]), usec: Number(match[3]) };
  }
  return stats;
}

/** Redis-side time of SCAN and UNLINK between two `commandStats`: calls and mean µs per call of each. */
export function serverTime(
  before: Awaited<ReturnType<typeof commandStats>>,
  after: Awaited<ReturnType<typeof commandStats>>,
): string {
  return ['scan', 'unlink']
    .map((name) => {
      const calls = (after[name]?.calls ?? 0) - (before[name]?.calls ?? 0);
      const usec = (after[name]?.usec ?? 0) - (before[name]?.usec ?? 0);
      return `${calls} ${name.toUpperCase()} × ${calls ? Math.round(usec / calls) : 0} µs`;
    })
    .join(', ');
}
