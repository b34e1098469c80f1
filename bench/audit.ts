// bench:audit — the audit log at scale: the `audit` command's filtered queries (AuditLog.query) and one
// append (AuditLog.append) on 1,000,000 rows, against the same calls on 10,000 rows in the same run, in a
// fresh database migrated with the project's migrations (dropped at the end).
// Usage: npm run bench:audit [-- --quick] [-- --rows 1000000 --iterations 200]
import { createAuditLog } from '../src/audit/audit-log.js';
import { openPgDatabase } from '../src/db/pg-database.js';
import { AUDIT_CASES, recordingClient, timeAppends, timeCases, timeFloor } from './audit/audit-cases.js';
import { seedAuditEvents } from './audit/seed-audit.js';
import { createBenchDatabase } from './support/postgres.js';
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
import { benchArgs, onCleanup, runBench } from './support/run-bench.js';

const args = benchArgs({ rows: { type: 'string' }, iterations: { type: 'string' } });
const ROWS = Number(args.rows ?? (args.quick ? 100_000 : 1_000_000));
const BASE_ROWS = 10_000;
const iterations = Number(args.iterations ?? (args.quick ? 30 : 200));
type Summary = ReturnType<typeof latencySummary>;

runBench('bench:audit', 40 * 60_000, async () => {
  const { url, name } = await createBenchDatabase('audit', { migrate: true });
  const db = openPgDatabase(url, 'radio-ops-bench-audit', 5);
  onCleanup('close the audit pool', () => db.close());
  const recorder = recordingClient(db);
  const audit = createAuditLog(recorder.client);
  console.log(
    `bench:audit: database ${name}; ${AUDIT_CASES.length} query cases × ${iterations} and ${iterations} appends at ${BASE_ROWS} rows, then at ${ROWS} rows`,
  );

  const measure = async () => ({
    floor: await timeFloor(db, iterations),
    cases: await timeCases(audit, iterations),
    append: await timeAppends(audit, iterations),
  });
  let started = performance.now();
  await seedAuditEvents(db, BASE_ROWS);
  const base = await measure();
  await seedAuditEvents(db, ROWS - BASE_ROWS - iterations - 5);
  const seedS = (performance.now() - started) / 1000;
  const {
    rows: [count],
  } = await db.query<{ n: string; size: string }>(
    "SELECT count(*)::text AS n, pg_size_pretty(pg_total_relation_size('audit_events')) AS size FROM audit_events",
  );
  console.log(`seeded ${count?.n} rows (${count?.size} with indexes) in ${fmt(seedS)} s`);
  started = performance.now();
  const big = await measure();

  const row = (label: string, small: Summary, large: Summary, target: string) => [
    label,
    small.p50,
    small.p95,
    large.p50,
    large.p95,
    fmtRatio(ratio(large.p95, small.p95)),
    target,
  ];
  const headers = [
    'call',
    `p50 ms @${BASE_ROWS / 1000}k`,
    `p95 @${BASE_ROWS / 1000}k`,
    `p50 @${ROWS / 1000}k`,
    `p95 @${ROWS / 1000}k`,
    'p95 ratio',
    'target',
  ];
  printTable(`AuditLog at ${ROWS} rows vs ${BASE_ROWS} rows (${iterations} calls each; limit 20)`, headers, [
    row('SELECT 1 (pool round trip, floor)', base.floor, big.floor, '-'),
    ...AUDIT_CASES.map((c) =>
      row(`query ${c.label}`, base.cases.get(c.label) as Summary, big.cases.get(c.label) as Summary, 'p95 < 20 ms'),
    ),
    row('append (one started row)', base.append, big.append, 'p50 < 2 ms'),
  ]);

  const verdicts: Verdict[] = AUDIT_CASES.map((c) => {
    const s = big.cases.get(c.label) as Summary;
    return {
      target: `query ${c.label}: p95 < 20 ms`,
      met: s.p95 < 20,
      detail: `p95 ${fmt(s.p95)} ms (p50 ${fmt(s.p50)}; at ${BASE_ROWS} rows ${fmt(base.cases.get(c.label)?.p95)})`,
    };
  });
  verdicts.push({
    target: 'append: p50 < 2 ms',
    met: big.append.p50 < 2,
    detail: `p50 ${fmt(big.append.p50)} ms, p95 ${fmt(big.append.p95)} ms (at ${BASE_ROWS} rows: p50 ${fmt(base.append.p50)})`,
  });
  printVerdicts(verdicts);

  const plans: Record<string, string[]> = {};
  for (const c of AUDIT_CASES.filter((k) => (big.cases.get(k.label)?.p95 ?? 0) >= 20)) {
    await audit.query(c.query());
    const { text, params } = recorder.last();
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
    plans[c.label] = rows.map((r) => r['QUERY PLAN']);
    console.log(`\nPlan of the missed case "${c.label}":\n${plans[c.label]?.join('\n')}`);
  }
  writeResults('audit', {
    settings: { rows: ROWS, baselineRows: BASE_ROWS, iterations, limit: 20, quick: args.quick },
    figures: {
      seedSeconds: seedS,
      size: count?.size,
      baseline: { ...base, cases: Object.fromEntries(base.cases) },
      atScale: { ...big, cases: Object.fromEntries(big.cases) },
      plans,
    },
    verdicts,
  });
});
