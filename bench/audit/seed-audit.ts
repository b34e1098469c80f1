// Fills audit_events like a station's year of use, with one INSERT … SELECT generate_series: 200 users
// (a few on call very often, most rarely), commands weighted like real use (reads far more than writes),
// mostly started/succeeded pairs with some refusals and failures, times spread over the last 365 days and
// denser recently. Rows are appended at the `at` they describe, oldest first, as the table would grow.
import type { SqlClient } from '../../src/db/sql-client.js';

/** Command names, most used first; picked with a skew towards the front. */
export const COMMANDS = [
  'help',
  'db connections',
  'alarms',
  'ecs status',
  'db slow-queries',
  'db size',
  'audit',
  'cdn status',
  'db status',
  'scale',
  'cache memory',
  'db idle',
  'invalidate',
  'approvals',
  'ratelimit show',
  's3 size',
  'redeploy',
  'alarms history',
  'cdn hit-rate',
  'approve',
  'ratelimit clear',
  'db snapshots',
  's3 presign',
  'db kill-idle',
  'cdn invalidation',
  's3 versions',
  'db terminate',
  's3 channels',
  'reject',
  'cancel',
  'approval',
  'db resize',
];
const WRITES = new Set(['scale', 'invalidate', 'redeploy', 'approve', 'ratelimit clear', 'reject', 'cancel']);
const DESTRUCTIVE = new Set(['db kill-idle', 'db terminate', 'db resize']);

/** User `U` + 7 digits; user 1 is the busiest. */
export const userId = (n: number) => `U${String(n).padStart(7, '0')}`;

/** Appends `count` rows spread over the `days` (default 365) before now, crowded towards now, then VACUUM ANALYZE (as autovacuum would). */
export async function seedAuditEvents(db: SqlClient, count: number, options: { days?: number } = {}): Promise<void> {
  const commands = `ARRAY[${COMMANDS.map((c) => `'${c}'`).join(',')}]`;
  const risk = (c: string) => (DESTRUCTIVE.has(c) ? 'destructive' : WRITES.has(c) ? 'write' : 'read');
  const risks = `ARRAY[${COMMANDS.map((c) => `'${risk(c)}'`).join(',')}]`;
  await db.query(
    `
    INSERT INTO audit_events (at, request_id, source, team_id, channel_id, user_id, user_name, text, command, args, risk, outcome, error, duration_ms)
    SELECT at, gen_random_uuid(),
           CASE WHEN r1 < 0.85 THEN 'slack' WHEN r1 < 0.92 THEN 'button' WHEN r1 < 0.97 THEN 'shell' ELSE 'alarm' END,
           'T0EXAMPLE', 'C0EXAMPLE0' || (1 + (u % 3)), 'U' || lpad(u::text, 7, '0'), 'user' || u,
           CASE WHEN c IS NULL THEN 'dbb size' ELSE '/radio ' || (${commands})[c] END,
           (${commands})[c], CASE WHEN c IS NULL THEN NULL ELSE '{}'::jsonb END, (${risks})[c],
           CASE WHEN c IS NULL THEN 'invalid' WHEN r2 < 0.47 THEN 'started' WHEN r2 < 0.91 THEN 'succeeded'
                WHEN r2 < 0.95 THEN 'failed' WHEN r2 < 0.98 THEN 'denied' ELSE 'invalid' END,
           CASE WHEN r2 >= 0.91 THEN 'something went wrong' END,
           CASE WHEN r2 >= 0.47 AND r2 < 0.91 THEN (random() * 2000)::int END
      FROM (SELECT now() - (power(random(), 2) * $2::int * interval '1 day') AS at,
                   1 + floor(200 * power(random(), 3))::int AS u,
                   CASE WHEN random() < 0.01 THEN NULL ELSE 1 + floor(${COMMANDS.length} * power(random(), 2.5))::int END AS c,
                   random() AS r1, random() AS r2
              FROM generate_series(1, $1::int)) AS g
     ORDER BY at`,
    [count, options.days ?? 365],
  );
  await db.query('VACUUM (ANALYZE) audit_events');
}
