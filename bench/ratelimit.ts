// bench:ratelimit — clearing every rate-limit key: `ratelimit clear --all`'s execution (StationRedis
// SCAN MATCH + UNLINK) against `redis-cli --scan | xargs redis-cli unlink`, on the same keys (reloaded
// between runs) in Redis db 15, while another process GETs on its own connection.
// Usage: npm run bench:ratelimit [-- --quick] [-- --rounds 2]
import { Redis } from 'ioredis';
import {
  clearWithRedisCli,
  clearWithStationRedis,
  REDIS_URL,
  startProbe,
  type ClearOutcome,
} from './ratelimit/clear-runs.js';
import {
  commandStats,
  countMatching,
  loadOtherKeys,
  loadRateLimitKeys,
  removeMatching,
  serverTime,
} from './ratelimit/redis-keys.js';
import {
  fmt,
  fmtRatio,
  latencySummary,
  median,
  printTable,
  printVerdicts,
  ratio,
  writeResults,
  type Verdict,
} from './support/report.js';
import { benchArgs, onCleanup, runBench, sleep } from './support/run-bench.js';

const args = benchArgs({ rounds: { type: 'string', default: '2' } });
const RATE_LIMIT_KEYS = args.quick ? 100_000 : 1_000_000;
const OTHER_KEYS = args.quick ? 200_000 : 2_000_000;
const rounds = Number(args.rounds);

type Run = ClearOutcome & {
  method: string;
  round: number;
  keysPerS: number;
  get: ReturnType<typeof latencySummary>;
  redisTime: string;
};

runBench('bench:ratelimit', 45 * 60_000, async () => {
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const removeOurs = async () => {
    await removeMatching(admin, 'rate_limit:*');
    await removeMatching(admin, 'bench:*');
  };
  onCleanup('remove the benchmark keys from db 15 and close', async () => {
    await removeOurs();
    console.log(`db 15 holds ${await admin.dbsize()} key(s) after cleanup`);
    admin.disconnect();
  });
  await removeOurs();
  const foreign = await admin.dbsize();
  if (foreign > 0) console.log(`note: db 15 holds ${foreign} key(s) that are not the benchmark's; they are left alone`);

  let started = performance.now();
  await loadOtherKeys(OTHER_KEYS);
  await loadRateLimitKeys(RATE_LIMIT_KEYS);
  const loadS = (performance.now() - started) / 1000;
  console.log(
    `loaded ${RATE_LIMIT_KEYS} rate_limit:* keys among ${RATE_LIMIT_KEYS + OTHER_KEYS} in ${fmt(loadS)} s (redis-cli --pipe)`,
  );

  const probe = await startProbe();
  const idle = latencySummary((await probe.during(() => sleep(3000))).latencies);
  const methods = [
    { method: 'redis-cli --scan | xargs unlink (baseline)', run: clearWithRedisCli },
    { method: 'ratelimit clear --all (StationRedis)', run: clearWithStationRedis },
  ];
  const runs: Run[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    for (const { method, run } of methods) {
      if ((await countMatching(admin, 'rate_limit:*')) !== RATE_LIMIT_KEYS) {
        started = performance.now();
        await loadRateLimitKeys(RATE_LIMIT_KEYS);
        console.log(
          `  reloaded ${RATE_LIMIT_KEYS} rate_limit:* keys in ${fmt((performance.now() - started) / 1000)} s`,
        );
      }
      await sleep(1000);
      const before = await commandStats(admin);
      const { result, latencies } = await probe.during(run);
      const redisTime = serverTime(before, await commandStats(admin));
      const left = await countMatching(admin, 'rate_limit:*');
      if (left !== 0 || result.deleted !== RATE_LIMIT_KEYS)
        throw new Error(`${method} deleted ${result.deleted}, left ${left}`);
      runs.push({
        ...result,
        method,
        round,
        keysPerS: result.deleted / result.seconds,
        get: latencySummary(latencies),
        redisTime,
      });
      console.log(`  round ${round}: ${method}: ${fmt(result.seconds)} s`);
    }
  }
  await probe.stop();
  if ((await admin.dbsize()) !== OTHER_KEYS + foreign)
    console.log(`note: db 15 now holds ${await admin.dbsize()} keys; expected ${OTHER_KEYS + foreign}`);

  const of = (method: string, pick: (r: Run) => number) => median(runs.filter((r) => r.method === method).map(pick));
  const [base, ours] = methods.map((m) => m.method) as [string, string];
  printTable(
    `Clearing ${RATE_LIMIT_KEYS} rate_limit:* keys among ${RATE_LIMIT_KEYS + OTHER_KEYS} (Redis db 15)`,
    [
      'round',
      'method',
      'seconds',
      'keys/s',
      'vs baseline',
      'GET p50 ms',
      'GET p99 ms',
      'GET max ms',
      'GETs',
      'Redis time per call',
    ],
    [
      ['-', 'no clear running (probe alone)', '-', '-', '-', idle.p50, idle.p99, idle.max, idle.count, '-'],
      ...runs.map((r) => [
        r.round,
        r.method,
        r.seconds,
        Math.round(r.keysPerS),
        fmtRatio(
          ratio(
            r.keysPerS,
            of(base, (b) => b.keysPerS),
          ),
        ),
        r.get.p50,
        r.get.p99,
        r.get.max,
        r.get.count,
        r.redisTime,
      ]),
    ],
  );
  const speed = ratio(
    of(ours, (r) => r.keysPerS),
    of(base, (r) => r.keysPerS),
  );
  const worstP99 = Math.max(...runs.filter((r) => r.method === ours).map((r) => r.get.p99));
  const verdicts: Verdict[] = [
    {
      target: "at least the baseline's speed",
      met: speed >= 1,
      detail: `median ${fmt(of(ours, (r) => r.keysPerS))} vs ${fmt(of(base, (r) => r.keysPerS))} keys/s = ${fmtRatio(speed)}`,
    },
    {
      target: "other clients' GET p99 < 5 ms during the clear",
      met: worstP99 < 5,
      detail: `worst round ${fmt(worstP99)} ms (baseline: ${fmt(Math.max(...runs.filter((r) => r.method === base).map((r) => r.get.p99)))} ms; idle ${fmt(idle.p99)} ms)`,
    },
  ];
  printVerdicts(verdicts);
  writeResults('ratelimit', {
    settings: {
      rateLimitKeys: RATE_LIMIT_KEYS,
      totalKeys: RATE_LIMIT_KEYS + OTHER_KEYS,
      rounds,
      quick: args.quick,
      redisDb: 15,
    },
    figures: { loadSeconds: loadS, idleGet: idle, runs },
    verdicts,
  });
});
