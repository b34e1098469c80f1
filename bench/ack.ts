// bench:ack — how fast /radio is acked under load, against a bare Bolt app in the same run.
// The real server (`node bin/radio-ops.js start`, a fresh database, Slack = a local sink that 200s) and
// the baseline run side by side; at each rate the baseline goes first, then the server, then the server's
// response_url replies are awaited so the next step starts on an idle server.
// Usage: npm run bench:ack [-- --quick] [-- --duration 20 --rates 50,200,500]
import { join } from 'node:path';
import { runStep, type AckStep } from './ack/ack-step.js';
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
} from './support/processes.js';
import { fmt, fmtRatio, printTable, printVerdicts, ratio, writeResults, type Verdict } from './support/report.js';
import { benchArgs, runBench, sleep } from './support/run-bench.js';

const args = benchArgs({ duration: { type: 'string' }, rates: { type: 'string', default: '50,200,500' } });
const durationS = Number(args.duration ?? (args.quick ? 3 : 20));
const rates = args.rates.split(',').map(Number);
const TEXTS = ['help', 'db connections'];

runBench('bench:ack', (rates.length * durationS * 2 + 600) * 1000, async () => {
  ensureBuild();
  const dir = benchTempDir('ack');
  const sink = await startSink();
  const db = await createBenchDatabase('ack', { migrate: false });
  const [serverPort, boltPort] = [await freePort(), await freePort()];
  const server = await startService('radio-ops server', ['bin/radio-ops.js', 'start'], {
    port: serverPort,
    logFile: join(dir, 'server.log'),
    env: serverEnv({
      port: serverPort,
      databaseUrl: db.url,
      sinkUrl: sink.url,
      configPath: writeBenchConfig(dir),
      home: dir,
    }),
  });
  const bolt = await startService('bare Bolt app', ['bench/ack/bare-bolt-app.mjs'], {
    port: boltPort,
    logFile: join(dir, 'bolt.log'),
    env: { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(boltPort) },
  });
  const targets = [
    { name: 'bolt', service: bolt, replies: false },
    { name: 'radio-ops', service: server, replies: true },
  ];
  const rssIdle = { bolt: rssOf(bolt.child.pid), 'radio-ops': rssOf(server.child.pid) };
  console.log(
    `bench:ack: ${rates.join(', ')} req/s, ${durationS} s each, texts ${TEXTS.map((t) => `"/radio ${t}"`).join(' and ')} alternating`,
  );

  const step = (
    name: string,
    url: string,
    rate: number,
    durationMs: number,
    run: string,
    replies: boolean,
    pid: number | undefined,
  ) =>
    runStep({
      target: name,
      url,
      rate,
      durationMs,
      texts: TEXTS,
      signingSecret: SIGNING_SECRET,
      sink,
      run,
      waitForReplies: replies,
      pid,
    });
  for (const { name, service, replies } of targets)
    await step(name, service.url, 50, 2000, `warmup-${name}`, replies, service.child.pid);

  const steps: AckStep[] = [];
  for (const rate of rates) {
    for (const { name, service, replies } of targets) {
      await sleep(1000);
      const result = await step(
        name,
        service.url,
        rate,
        durationS * 1000,
        `${name}-${rate}`,
        replies,
        service.child.pid,
      );
      steps.push(result);
      console.log(`  ${name} @ ${rate}/s: p99 ${fmt(result.ack.p99)} ms, ${result.ok}/${result.sent} ok`);
    }
  }
  const rssAfter = { bolt: rssOf(bolt.child.pid), 'radio-ops': rssOf(server.child.pid) };

  const find = (name: string, rate: number) => steps.find((s) => s.target === name && s.rate === rate) as AckStep;
  const errorText = (s: AckStep) =>
    Object.entries(s.errors)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ') || '0';
  printTable(
    'Ack latency (ms from when each request was due; open loop)',
    ['rate/s', 'target', 'achieved/s', 'p50', 'p95', 'p99', 'max', 'errors', '>3s', 'CPU ms/req', 'p99 ratio'],
    steps.map((s) => [
      s.rate,
      s.target,
      s.achieved,
      s.ack.p50,
      s.ack.p95,
      s.ack.p99,
      s.ack.max,
      errorText(s),
      s.over3s,
      s.cpuMsPerRequest,
      fmtRatio(ratio(s.ack.p99, find('bolt', s.rate).ack.p99)),
    ]),
  );
  printTable(
    'radio-ops by command, and its response_url replies (ms from due)',
    ['rate/s', ...TEXTS.map((t) => `${t} p99`), 'replies', 'reply p50', 'reply p99', 'drain s'],
    steps
      .filter((s) => s.replies)
      .map((s) => [
        s.rate,
        ...TEXTS.map((t) => s.byText[t]?.p99 ?? Number.NaN),
        `${s.replies?.received}/${s.ok}`,
        s.replies?.p50 ?? Number.NaN,
        s.replies?.p99 ?? Number.NaN,
        s.replies?.drainedS ?? Number.NaN,
      ]),
  );
  const healthy = (s: AckStep) => s.ack.p99 < 1000 && s.ok === s.sent && s.achieved >= s.rate * 0.95;
  const sustained = (name: string) =>
    Math.max(0, ...steps.filter((s) => s.target === name && healthy(s)).map((s) => s.rate));
  printTable(
    'Highest tested rate with p99 < 1 s, no errors, >= 95% achieved; RSS (MiB)',
    ['target', 'sustained/s', 'RSS idle', 'RSS after', 'peak RSS'],
    targets.map(({ name }) => [
      name,
      sustained(name) === Math.max(...rates) ? `>= ${sustained(name)}` : String(sustained(name)),
      rssIdle[name as 'bolt'].rssMiB,
      rssAfter[name as 'bolt'].rssMiB,
      rssAfter[name as 'bolt'].peakMiB,
    ]),
  );

  const verdicts: Verdict[] = rates.flatMap((rate) => {
    const ours = find('radio-ops', rate);
    const base = find('bolt', rate);
    const r = ratio(ours.ack.p99, base.ack.p99);
    return [
      {
        target: `p99 <= 1.2x baseline at ${rate}/s`,
        met: r <= 1.2,
        detail: `${fmt(ours.ack.p99)} ms vs ${fmt(base.ack.p99)} ms = ${fmtRatio(r)}`,
      },
      {
        target: `p99 far under 3 s (< 1 s) at ${rate}/s`,
        met: ours.ack.p99 < 1000 && ours.ok === ours.sent,
        detail: `${fmt(ours.ack.p99)} ms, ${ours.ok}/${ours.sent} acked`,
      },
    ];
  });
  printVerdicts(verdicts);
  writeResults('ack', {
    settings: { rates, durationS, texts: TEXTS, quick: args.quick, warmup: '2 s at 50/s per target, not reported' },
    figures: { steps, sustained: { bolt: sustained('bolt'), 'radio-ops': sustained('radio-ops') }, rssIdle, rssAfter },
    verdicts,
  });
});
