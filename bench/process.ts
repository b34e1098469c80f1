// bench:process — the real server as a process (`node bin/radio-ops.js start`) against the bare Bolt app:
// milliseconds from spawn to the first `GET /readyz` answered 200, resident memory when idle, and after
// an ack burst (open loop, `/radio help` and `/radio db connections`, replies awaited).
// Usage: npm run bench:process [-- --quick] [-- --starts 5 --burst-rate 200 --burst 10]
import { join } from 'node:path';
import { runStep } from './ack/ack-step.js';
import { startSink } from './support/http-sink.js';
import { createBenchDatabase } from './support/postgres.js';
import {
  benchTempDir,
  ensureBuild,
  freePort,
  rssOf,
  serverEnv,
  SIGNING_SECRET,
  startService,
  writeBenchConfig,
  type Service,
} from './support/processes.js';
import { fmt, fmtRatio, median, printTable, ratio, writeResults } from './support/report.js';
import { benchArgs, runBench, sleep } from './support/run-bench.js';

const args = benchArgs({
  starts: { type: 'string' },
  'burst-rate': { type: 'string', default: '200' },
  burst: { type: 'string' },
});
const starts = Number(args.starts ?? (args.quick ? 2 : 5));
const burstRate = Number(args['burst-rate']);
const burstS = Number(args.burst ?? (args.quick ? 3 : 10));
const SETTLE_MS = 2000;
type Sample = { readyMs: number; idleMiB: number; afterMiB: number; peakMiB: number; acked: string };

runBench('bench:process', 20 * 60_000, async () => {
  ensureBuild();
  const dir = benchTempDir('process');
  const sink = await startSink();
  const db = await createBenchDatabase('process', { migrate: false });
  const configPath = writeBenchConfig(dir);
  const start = async (name: string): Promise<Service> => {
    const port = await freePort();
    if (name === 'bolt') {
      return startService('bare Bolt app', ['bench/ack/bare-bolt-app.mjs'], {
        port,
        logFile: join(dir, 'bolt.log'),
        env: { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(port) },
      });
    }
    return startService('radio-ops server', ['bin/radio-ops.js', 'start'], {
      port,
      logFile: join(dir, 'server.log'),
      env: serverEnv({ port, databaseUrl: db.url, sinkUrl: sink.url, configPath, home: dir }),
    });
  };
  const first = await start('radio-ops');
  const firstStartMs = first.readyMs;
  await first.stop();
  console.log(
    `bench:process: first start (migrating a fresh database) ${fmt(firstStartMs)} ms; then ${starts} starts each, burst ${burstRate}/s for ${burstS} s`,
  );

  const samples: Record<string, Sample[]> = { bolt: [], 'radio-ops': [] };
  for (let i = 0; i < starts; i += 1) {
    for (const name of ['bolt', 'radio-ops']) {
      await sleep(500);
      const service = await start(name);
      await sleep(SETTLE_MS);
      const idle = rssOf(service.child.pid);
      const step = await runStep({
        target: name,
        url: service.url,
        rate: burstRate,
        durationMs: burstS * 1000,
        texts: ['help', 'db connections'],
        signingSecret: SIGNING_SECRET,
        sink,
        run: `${name}-${i}`,
        waitForReplies: name === 'radio-ops',
        pid: service.child.pid,
      });
      await sleep(SETTLE_MS);
      const after = rssOf(service.child.pid);
      samples[name]?.push({
        readyMs: service.readyMs,
        idleMiB: idle.rssMiB,
        afterMiB: after.rssMiB,
        peakMiB: after.peakMiB,
        acked: `${step.ok}/${step.sent}`,
      });
      await service.stop();
    }
  }

  const med = (name: string, pick: (s: Sample) => number) => median((samples[name] ?? []).map(pick));
  const columns: [string, (s: Sample) => number][] = [
    ['start → /readyz ms', (s) => s.readyMs],
    ['RSS idle MiB', (s) => s.idleMiB],
    ['RSS after burst MiB', (s) => s.afterMiB],
    ['peak RSS MiB', (s) => s.peakMiB],
  ];
  printTable(
    `Process (median of ${starts} starts; burst ${burstRate}/s × ${burstS} s)`,
    ['measure', 'bare Bolt', 'radio-ops', 'ratio'],
    columns.map(([label, pick]) => [
      label,
      med('bolt', pick),
      med('radio-ops', pick),
      fmtRatio(ratio(med('radio-ops', pick), med('bolt', pick))),
    ]),
  );
  printTable(
    'Every start',
    ['target', 'start → /readyz ms', 'RSS idle', 'RSS after', 'peak', 'acked'],
    Object.entries(samples).flatMap(([name, list]) =>
      list.map((s) => [name, s.readyMs, s.idleMiB, s.afterMiB, s.peakMiB, s.acked]),
    ),
  );
  console.log(`\nradio-ops first start on a fresh database (runs the migrations): ${fmt(firstStartMs)} ms`);
  console.log('\nTargets: none set for this benchmark (figures and ratios to the bare Bolt app only)');
  writeResults('process', {
    settings: { starts, burstRate, burstS, settleMs: SETTLE_MS, quick: args.quick },
    figures: {
      firstStartMs,
      samples,
      medians: Object.fromEntries(
        ['bolt', 'radio-ops'].map((n) => [n, Object.fromEntries(columns.map(([l, p]) => [l, med(n, p)]))]),
      ),
    },
  });
});
