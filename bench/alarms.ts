// bench:alarms — an alarm storm into the real server (`node bin/radio-ops.js start`): signed SNS
// notifications on POST /sns (pinned test certificate), a fake Slack allowing about 1 message/s per
// channel (429 + Retry-After beyond). Reports what was accepted, recorded and lost, Slack calls and 429s,
// and each alarm's delay from its last notification to its card showing its final state, against the
// lower bound for the same storm: one call per alarm at the fake's rate, in order of last notification.
// Usage: npm run bench:alarms [-- --quick] [-- --alarms 200 --per-alarm 25 --duration 60 --slack-burst 1]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { testSigningKey, TEST_CERT_URL, TOPIC_ARN } from '../test/support/sns-signing.js';
import { deliverStorm, readRecorded } from './alarms/deliver.js';
import { startRateLimitedSlack } from './alarms/rate-limited-slack.js';
import { planStorm, signAll } from './alarms/storm-plan.js';
import { createBenchDatabase } from './support/postgres.js';
import { benchTempDir, ensureBuild, freePort, serverEnv, startService } from './support/processes.js';
import {
  fmt,
  fmtRatio,
  latencySummary,
  printTable,
  printVerdicts,
  ratio,
  writeResults,
  type Verdict,
} from './support/report.js';
import { benchArgs, runBench, sleep } from './support/run-bench.js';

const args = benchArgs({
  alarms: { type: 'string' },
  'per-alarm': { type: 'string' },
  duration: { type: 'string' },
  'slack-burst': { type: 'string', default: '1' },
  timeout: { type: 'string' },
});
const ALARMS = Number(args.alarms ?? (args.quick ? 20 : 200));
const PER_ALARM = Number(args['per-alarm'] ?? (args.quick ? 10 : 25));
const DURATION_S = Number(args.duration ?? (args.quick ? 15 : 60));
const LIMIT = { perSecond: 1, burst: Number(args['slack-burst']) };
const TIMEOUT_S = Number(args.timeout ?? (args.quick ? 300 : 1200));
const CHANNEL = 'C0EXAMPLE01';

runBench('bench:alarms', (DURATION_S + TIMEOUT_S + 300) * 1000, async () => {
  ensureBuild();
  const dir = benchTempDir('alarms');
  const slack = await startRateLimitedSlack(LIMIT);
  const db = await createBenchDatabase('alarms', { migrate: false });
  const configPath = join(dir, 'radio-ops.alarms.yml');
  writeFileSync(
    configPath,
    stringify({
      region: 'us-east-1',
      slack: { teamId: 'T0EXAMPLE', channels: [CHANNEL] },
      roles: { viewer: ['U0ALICE'], operator: ['U0ALICE'], approver: ['U0BOB'] },
      sns: { topics: [TOPIC_ARN], pinnedCertificates: { [TEST_CERT_URL]: testSigningKey().certPem } },
      alarms: { channel: CHANNEL },
    }),
  );
  const port = await freePort();
  const server = await startService('radio-ops server', ['bin/radio-ops.js', 'start'], {
    port,
    logFile: join(dir, 'server.log'),
    env: serverEnv({ port, databaseUrl: db.url, sinkUrl: slack.url, configPath, home: dir }),
  });
  const deliveries = planStorm({
    alarms: ALARMS,
    perAlarm: PER_ALARM,
    durationMs: DURATION_S * 1000,
    start: Date.now(),
  });
  signAll(deliveries);
  console.log(
    `bench:alarms: ${deliveries.length} notifications for ${ALARMS} alarms over ${DURATION_S} s; fake Slack ${LIMIT.perSecond}/s per channel, burst ${LIMIT.burst}; one alarm channel`,
  );
  const delivered = await deliverStorm(server.url, deliveries);
  const stormEnd = performance.now();

  const finals = new Map(deliveries.filter((d) => d.k === PER_ALARM - 1).map((d) => [d.alarm, d]));
  const lastAt = new Map<string, number>();
  deliveries.forEach((d, i) => lastAt.set(d.alarm, Math.max(lastAt.get(d.alarm) ?? 0, delivered[i]?.at ?? 0)));
  const shownAt = new Map<string, number>();
  const converge = () => {
    for (const call of slack.calls) {
      const [, state, alarm] = /^(\w+): (bench-storm-\d+)/.exec(call.text) ?? [];
      const final = alarm ? finals.get(alarm) : undefined;
      if (
        !call.threadTs &&
        final &&
        !shownAt.has(final.alarm) &&
        state === final.newState &&
        call.blocks.includes(final.shownTime)
      )
        shownAt.set(final.alarm, call.at);
    }
    return shownAt.size === finals.size;
  };
  for (let tick = 1; !converge() && performance.now() - stormEnd < TIMEOUT_S * 1000; tick += 1) {
    await sleep(1000);
    if (tick % 30 === 0)
      console.log(
        `  ${tick} s after the storm: ${shownAt.size}/${finals.size} cards final; ${slack.counts.calls} Slack calls, ${slack.counts.rateLimited} answered 429`,
      );
  }
  const settledS = (performance.now() - stormEnd) / 1000;
  await sleep(2000);
  const accepted = deliveries.filter((_, i) => delivered[i]?.status === 200);
  const db1 = await readRecorded(
    db.url,
    accepted.map((d) => d.messageId),
  );
  const wrongCards = [...finals.values()].filter((f) => db1.cardStates.get(f.alarm) !== f.newState).length;
  await server.stop();

  const delays = [...finals.keys()]
    .map((alarm) => ((shownAt.get(alarm) ?? Number.NaN) - (lastAt.get(alarm) ?? 0)) / 1000)
    .map((s) => Math.max(0, s));
  let slot = 0;
  const bound = [...lastAt.values()]
    .sort((a, b) => a - b)
    .map((at) => {
      slot = Math.max(at, slot + 1000 / LIMIT.perSecond);
      return (slot - at) / 1000;
    });
  const ours = latencySummary(delays.filter(Number.isFinite));
  const ideal = latencySummary(bound);
  const calls = {
    posts: slack.calls.filter((c) => c.method === 'chat.postMessage' && !c.threadTs).length,
    updates: slack.calls.filter((c) => c.method === 'chat.update').length,
    threadReplies: slack.calls.filter((c) => c.threadTs).length,
  };
  const byStatus = new Map<number, number>();
  for (const d of delivered) byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, n]) => `${status}:${n}`).join(' ');
  printTable(
    'Alarm storm',
    ['figure', 'value'],
    [
      ['notifications sent', deliveries.length],
      ['accepted (200)', accepted.length],
      ['HTTP statuses', statuses],
      ['recorded in alarm_events', db1.recorded],
      ['lost (accepted, not recorded)', accepted.length - db1.recorded],
      ['recorded, not applied', db1.unapplied],
      ['cards not in final state (alarm_cards)', wrongCards],
      ['alarms whose card showed the final state', `${shownAt.size}/${finals.size}`],
      ['Slack calls (all answers)', slack.counts.calls],
      ['429s sent (Retry-After)', slack.counts.rateLimited],
      [
        'answered calls: card posts / updates / thread replies',
        `${calls.posts} / ${calls.updates} / ${calls.threadReplies}`,
      ],
      ['outbox rows left', db1.outboxLeft],
      ['seconds from storm end to every card final', fmt(settledS)],
    ],
  );
  printTable(
    'Per-alarm delay, last notification → card shows the final state (s)',
    ['', 'p50', 'p99', 'max', 'ratio p50', 'ratio p99'],
    [
      [
        'radio-ops',
        ours.p50,
        ours.p99,
        ours.max,
        fmtRatio(ratio(ours.p50, ideal.p50)),
        fmtRatio(ratio(ours.p99, ideal.p99)),
      ],
      ["lower bound (1 call per alarm at the fake's rate)", ideal.p50, ideal.p99, ideal.max, '1.00x', '1.00x'],
    ],
  );
  const verdicts: Verdict[] = [
    {
      target: 'lost = 0',
      met: accepted.length === db1.recorded && accepted.length === deliveries.length,
      detail: `${deliveries.length} sent, ${accepted.length} accepted, ${db1.recorded} recorded`,
    },
    {
      target: "every card ends in its alarm's final state",
      met: wrongCards === 0 && shownAt.size === finals.size,
      detail: `${shownAt.size}/${finals.size} shown in Slack, ${wrongCards} wrong in alarm_cards`,
    },
  ];
  printVerdicts(verdicts);
  writeResults('alarms', {
    settings: {
      alarms: ALARMS,
      perAlarm: PER_ALARM,
      durationS: DURATION_S,
      slackLimit: LIMIT,
      coalesce: 'default (5s)',
      quick: args.quick,
    },
    figures: {
      sent: deliveries.length,
      accepted: accepted.length,
      statuses,
      ...db1,
      cardStates: undefined,
      wrongCards,
      slack: { ...slack.counts, ...calls },
      settledS,
      delayS: ours,
      lowerBoundS: ideal,
    },
    verdicts,
  });
});
