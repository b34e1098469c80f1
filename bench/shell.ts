// bench:shell — what one-shot `radio-ops shell -c` costs (wall time, peak RSS) against `node -e ''` and a bare
// Bolt app loaded in the same run, and the server's start to /readyz and idle RSS against the bare Bolt app.
// Usage: npm run bench:shell [-- --quick] [-- --runs 5]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSink } from './support/http-sink.js';
import { createBenchDatabase } from './support/postgres.js';
import {
  benchTempDir,
  ensureBuild,
  freePort,
  ROOT,
  rssOf,
  serverEnv,
  SIGNING_SECRET,
  startService,
  writeBenchConfig,
} from './support/processes.js';
import {
  fmt,
  fmtRatio,
  median,
  printTable,
  printVerdicts,
  ratio,
  writeResults,
  type Verdict,
} from './support/report.js';
import { benchArgs, runBench, sleep } from './support/run-bench.js';

const args = benchArgs({ runs: { type: 'string' } });
const runs = Number(args.runs ?? (args.quick ? 3 : 5));
const TIME = '/usr/bin/time';
type Run = { ms: number; maxRssMiB: number; code: number | null };

/** One process to the end under `/usr/bin/time` (for its peak RSS): wall milliseconds, peak MiB, exit code. */
function measure(argv: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M', ...argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const kib = Number(/(\d+)\s*$/.exec(stderr.trim())?.[1] ?? Number.NaN);
      resolve({ ms: performance.now() - started, maxRssMiB: kib / 1024, code });
    });
  });
}

runBench('bench:shell', 20 * 60_000, async () => {
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed for peak RSS (apt-get install time)`);
  ensureBuild();
  const dir = benchTempDir('shell');
  const shellEnv = { PATH: process.env.PATH ?? '', HOME: dir, RADIO_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  const node = process.execPath;
  const oneShots: Record<string, string[]> = {
    "node -e ''": [node, '-e', ''],
    'bare Bolt app (load, no listen)': [node, 'bench/shell/bare-bolt-load.mjs'],
    // A blank line is answered by the shell without dispatching: the cost of `help` once it is not audited.
    "shell -c '' (no dispatch)": [node, 'bin/radio-ops.js', 'shell', '-c', ''],
    'shell -c help': [node, 'bin/radio-ops.js', 'shell', '-c', 'help'],
    'shell -c "db size" (warm)': [node, 'bin/radio-ops.js', 'shell', '-c', 'db size'],
  };
  const cold = await measure(oneShots['shell -c "db size" (warm)'] ?? [], shellEnv);
  console.log(
    `bench:shell: first shell -c "db size" (creates the embedded database) ${fmt(cold.ms)} ms, ${fmt(cold.maxRssMiB)} MiB; then ${runs} runs each`,
  );
  const samples: Record<string, Run[]> = Object.fromEntries(Object.keys(oneShots).map((name) => [name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const [name, argv] of Object.entries(oneShots)) {
      const run = await measure(argv, shellEnv);
      if (run.code !== 0) throw new Error(`${name} exited ${run.code}`);
      samples[name]?.push(run);
    }
  }
  const med = (name: string, pick: (run: Run) => number) => median((samples[name] ?? []).map(pick));
  const base = "node -e ''";
  printTable(
    `One-shot commands (median of ${runs})`,
    ['command', 'wall ms', 'peak RSS MiB', 'ms vs node -e', 'RSS vs node -e'],
    Object.keys(oneShots).map((name) => [
      name,
      fmt(med(name, (r) => r.ms)),
      fmt(med(name, (r) => r.maxRssMiB)),
      fmtRatio(
        ratio(
          med(name, (r) => r.ms),
          med(base, (r) => r.ms),
        ),
      ),
      fmtRatio(
        ratio(
          med(name, (r) => r.maxRssMiB),
          med(base, (r) => r.maxRssMiB),
        ),
      ),
    ]),
  );

  const server = await serverStarts(dir, runs);
  const helpMs = med('shell -c help', (r) => r.ms);
  const helpMiB = med('shell -c help', (r) => r.maxRssMiB);
  const sizeMs = med('shell -c "db size" (warm)', (r) => r.ms);
  const readyRatio = ratio(server.radioOps.readyMs, server.bolt.readyMs);
  const idleRatio = ratio(server.radioOps.idleMiB, server.bolt.idleMiB);
  const verdicts: Verdict[] = [
    { target: 'shell -c help under 1 s', met: helpMs < 1000, detail: `${fmt(helpMs)} ms` },
    { target: 'shell -c help under 150 MiB', met: helpMiB < 150, detail: `${fmt(helpMiB)} MiB` },
    { target: 'warm shell -c "db size" under 3 s', met: sizeMs < 3000, detail: `${fmt(sizeMs)} ms` },
    {
      target: 'server ready within 2x the bare Bolt app',
      met: readyRatio <= 2,
      detail: `${fmt(server.radioOps.readyMs)} vs ${fmt(server.bolt.readyMs)} ms (${fmtRatio(readyRatio)})`,
    },
    {
      target: 'server idle RSS within 1.5x the bare Bolt app',
      met: idleRatio <= 1.5,
      detail: `${fmt(server.radioOps.idleMiB)} vs ${fmt(server.bolt.idleMiB)} MiB (${fmtRatio(idleRatio)})`,
    },
  ];
  printVerdicts(verdicts);
  writeResults('shell', {
    settings: { runs, quick: args.quick },
    figures: { coldDbSize: cold, samples, server },
    verdicts,
  });
});

/** Median start → /readyz and idle RSS (after 2 s) of the server and of the bare Bolt app, alternating. */
async function serverStarts(dir: string, starts: number) {
  const sink = await startSink();
  const db = await createBenchDatabase('shell', { migrate: true });
  const configPath = writeBenchConfig(dir);
  const seen: Record<'bolt' | 'radioOps', { readyMs: number; idleMiB: number }[]> = { bolt: [], radioOps: [] };
  for (let i = 0; i < starts; i += 1) {
    for (const name of ['bolt', 'radioOps'] as const) {
      await sleep(300);
      const port = await freePort();
      const service =
        name === 'bolt'
          ? await startService('bare Bolt app', ['bench/ack/bare-bolt-app.mjs'], {
              port,
              logFile: join(dir, 'bolt.log'),
              env: { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(port) },
            })
          : await startService('radio-ops server', ['bin/radio-ops.js', 'start'], {
              port,
              logFile: join(dir, 'server.log'),
              env: serverEnv({ port, databaseUrl: db.url, sinkUrl: sink.url, configPath, home: dir }),
            });
      await sleep(2000);
      seen[name].push({ readyMs: service.readyMs, idleMiB: rssOf(service.child.pid).rssMiB });
      await service.stop();
    }
  }
  const pick = (name: 'bolt' | 'radioOps') => ({
    readyMs: median(seen[name].map((s) => s.readyMs)),
    idleMiB: median(seen[name].map((s) => s.idleMiB)),
  });
  const result = { bolt: pick('bolt'), radioOps: pick('radioOps'), starts: seen };
  printTable(
    `Server (median of ${starts} starts, migrated database)`,
    ['measure', 'bare Bolt', 'radio-ops', 'ratio'],
    [
      [
        'start → /readyz ms',
        fmt(result.bolt.readyMs),
        fmt(result.radioOps.readyMs),
        fmtRatio(ratio(result.radioOps.readyMs, result.bolt.readyMs)),
      ],
      [
        'RSS idle MiB',
        fmt(result.bolt.idleMiB),
        fmt(result.radioOps.idleMiB),
        fmtRatio(ratio(result.radioOps.idleMiB, result.bolt.idleMiB)),
      ],
    ],
  );
  return result;
}
