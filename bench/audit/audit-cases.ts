// The `audit` command's filters as bench:audit times them through AuditLog.query (limit 20, its default),
// and the timing loop: cases interleaved round-robin so noise spreads evenly over them.
import type { AuditLog, AuditQuery } from '../../src/audit/audit-log.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { latencySummary } from '../support/report.js';
import { userId } from './seed-audit.js';

const DAY = 86_400_000;

/** A named filter; `since` is relative so each run asks for "the last day" as the command does. */
export interface AuditCase {
  label: string;
  query: () => AuditQuery;
}

export const AUDIT_CASES: AuditCase[] = [
  { label: 'audit (no filter)', query: () => ({ limit: 20 }) },
  { label: '--user (busiest user)', query: () => ({ userId: userId(1), limit: 20 }) },
  { label: '--user (a rare user)', query: () => ({ userId: userId(199), limit: 20 }) },
  { label: '--user (no rows)', query: () => ({ userId: 'U9999999', limit: 20 }) },
  { label: '--command db', query: () => ({ commandPrefix: 'db', limit: 20 }) },
  { label: '--command scale', query: () => ({ commandPrefix: 'scale', limit: 20 }) },
  { label: '--command db resize (rarest)', query: () => ({ commandPrefix: 'db resize', limit: 20 }) },
  { label: '--since 1d', query: () => ({ since: new Date(Date.now() - DAY), limit: 20 }) },
  {
    label: '--since 30d --command cdn',
    query: () => ({ commandPrefix: 'cdn', since: new Date(Date.now() - 30 * DAY), limit: 20 }),
  },
  {
    label: '--user (rare) --since 7d',
    query: () => ({ userId: userId(199), since: new Date(Date.now() - 7 * DAY), limit: 20 }),
  },
  { label: '--user (rare) --command db', query: () => ({ userId: userId(199), commandPrefix: 'db', limit: 20 }) },
];

/** A SqlClient that remembers the last statement, so a slow case can be EXPLAINed exactly as it ran. */
export function recordingClient(db: SqlClient) {
  let last: { text: string; params: unknown[] } = { text: '', params: [] };
  return {
    client: {
      query: <Row extends object>(text: string, params: unknown[] = []) => {
        last = { text, params };
        return db.query<Row>(text, params);
      },
    } satisfies SqlClient,
    last: () => last,
  };
}

/** Times every case `iterations` times (after 3 warm-up rounds), interleaved; ms summaries by label. */
export async function timeCases(audit: AuditLog, iterations: number) {
  const times = new Map<string, number[]>(AUDIT_CASES.map((c) => [c.label, []]));
  for (let round = -3; round < iterations; round += 1) {
    for (const c of AUDIT_CASES) {
      const started = performance.now();
      await audit.query(c.query());
      if (round >= 0) times.get(c.label)?.push(performance.now() - started);
    }
  }
  return new Map([...times].map(([label, values]) => [label, latencySummary(values)]));
}

/** Times `iterations` sequential appends of an ordinary `started` row. */
export async function timeAppends(audit: AuditLog, iterations: number) {
  const times: number[] = [];
  for (let i = -5; i < iterations; i += 1) {
    const started = performance.now();
    await audit.append({
      requestId: crypto.randomUUID(),
      source: 'slack',
      teamId: 'T0EXAMPLE',
      channelId: 'C0EXAMPLE01',
      userId: userId(7),
      userName: 'user7',
      text: '/radio scale n8n 4',
      command: 'scale',
      args: { service: 'n8n', count: 4 },
      risk: 'write',
      outcome: 'started',
      reason: 'bench',
    });
    if (i >= 0) times.push(performance.now() - started);
  }
  return latencySummary(times);
}

/** `SELECT 1` round trips: the floor any query through this pool pays. */
export async function timeFloor(db: SqlClient, iterations: number) {
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await db.query('SELECT 1');
    times.push(performance.now() - started);
  }
  return latencySummary(times);
}
