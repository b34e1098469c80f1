import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbSlowQueriesCommand } from '../../src/commands/db-slow-queries.js';
import type { BackendActivity } from '../../src/integrations/station-db/station-database.js';
import type { DispatchOutcome } from '../../src/pipeline/dispatcher.js';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { openSideConnection, openStationHarness, replyTable, TEST_USER } from '../support/station-harness.js';
import { waitFor } from '../support/wait-for.js';

const SLEEPER_QUERY = "SELECT pg_sleep(30), 'secret-literal'";
const harness = openStationHarness();
let sleeper: { client: pg.Client; pid: number };
let sleeping: Promise<unknown>;

beforeAll(async () => {
  sleeper = await openSideConnection('radio-ops-test-sleeper');
  // Not awaited: it runs until cancelled. Its rejection (57014, cancelled) is kept for afterAll.
  sleeping = sleeper.client.query(SLEEPER_QUERY).then(
    () => undefined,
    (error: unknown) => error,
  );
  await waitFor('the sleeper to have run for over a second', async () => {
    const { rows } = await harness.db.query(
      `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND now() - query_start > interval '1.1 seconds'`,
      [sleeper.pid],
    );
    return rows.length === 1;
  });
});

afterAll(async () => {
  await harness.db.query('SELECT pg_cancel_backend($1)', [sleeper.pid]);
  expect(await sleeping).toMatchObject({ code: '57014' });
  await sleeper.client.end();
  await harness.close();
});

function succeeded(outcome: DispatchOutcome) {
  if (outcome.status !== 'succeeded') throw new Error(`${outcome.status}: ${JSON.stringify(outcome.reply)}`);
  return { rows: outcome.result as BackendActivity[], reply: outcome.reply, requestId: outcome.requestId };
}

describe('db slow-queries', () => {
  it('lists a real pg_sleep on another connection with its literals masked', async () => {
    const { rows, reply, requestId } = succeeded(await harness.run('db slow-queries --min 1s'));
    const found = rows.find((row) => row.pid === sleeper.pid);
    expect(found).toMatchObject({
      application: 'radio-ops-test-sleeper',
      user: 'postgres',
      state: 'active',
      backendType: 'client backend',
      query: SLEEPER_QUERY,
    });
    expect(found?.durationMs).toBeGreaterThanOrEqual(1000);
    expect(found?.client).toMatch(/^(local|[0-9a-f.:]+)$/); // an address without its /32 mask, or a Unix socket
    expect(reply.visibility).toBe('in_channel');
    expect(reply.summary).toMatch(/^\d+ quer(y|ies) running longer than 1s$/);
    const table = replyTable(reply);
    expect(table.columns).toEqual([
      'pid',
      'db',
      'user',
      'application',
      'client',
      'running',
      'state',
      'wait event',
      'query',
    ]);
    expect(table.rows.find((row) => row[0] === String(sleeper.pid))?.at(-1)).toBe('SELECT pg_sleep(?), ?');
    expect(JSON.stringify(reply)).not.toContain('secret-literal');
    expect(JSON.stringify(renderBlockKit(reply))).not.toContain('secret-literal');
    const audited = await harness.audit.query({ userId: TEST_USER, commandPrefix: 'db slow-queries', limit: 50 });
    expect(audited.filter((row) => row.request_id === requestId).map((row) => row.outcome)).toEqual([
      'succeeded',
      'started',
    ]);
  });

  it('shows the literals with --full, to the asker only', async () => {
    const { reply } = succeeded(await harness.run('db slow-queries --min 1s --full'));
    expect(reply.visibility).toBe('ephemeral');
    expect(
      replyTable(reply)
        .rows.find((row) => row[0] === String(sleeper.pid))
        ?.at(-1),
    ).toBe(SLEEPER_QUERY);
    expect(reply.parts).toContainEqual({ kind: 'code', text: `-- pid ${sleeper.pid}\n${SLEEPER_QUERY}` });
  });

  it('never lists its own backend, even when every running statement qualifies', async () => {
    const { rows } = succeeded(await harness.run('db slow-queries --min 0s'));
    expect(rows.map((row) => row.pid)).toContain(sleeper.pid);
    expect(rows.filter((row) => row.application === harness.inspectorName)).toEqual([]);
  });

  it('leaves out statements younger than the threshold and says so when none qualify', async () => {
    const { rows } = succeeded(await harness.run('db slow-queries --min 7d'));
    expect(rows.map((row) => row.pid)).not.toContain(sleeper.pid);
    const empty = dbSlowQueriesCommand.present([], { min: 7 * 86_400_000, full: false });
    expect(empty).toEqual({
      summary: 'No queries running longer than 7d',
      visibility: 'in_channel',
      parts: [{ kind: 'note', text: 'No queries running longer than 7d.' }],
    });
  });

  it('answers a bad duration with a usage error naming the flag', async () => {
    const outcome = await harness.run('db slow-queries --min soon');
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(JSON.stringify(outcome.reply)).toContain("`min`: 'soon' is not a duration like 90s, 5m, 2h or 7d");
  });
});
