import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbIdleCommand } from '../../src/commands/db-idle.js';
import type { BackendActivity } from '../../src/integrations/station-db/station-database.js';
import { openSideConnection, openStationHarness, replyTable } from '../support/station-harness.js';
import { waitFor } from '../support/wait-for.js';

const harness = openStationHarness();
let idler: { client: pg.Client; pid: number };

beforeAll(async () => {
  idler = await openSideConnection('radio-ops-test-idler');
  await idler.client.query('BEGIN');
  await idler.client.query('SELECT \'idle-secret\' AS "`note`",\n  2');
  await waitFor('the idler to have been idle in a transaction for over a second', async () => {
    const { rows } = await harness.db.query(
      `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'idle in transaction' AND now() - state_change > interval '1.1 seconds'`,
      [idler.pid],
    );
    return rows.length === 1;
  });
});

afterAll(async () => {
  await idler.client.query('ROLLBACK').catch(() => undefined);
  await idler.client.end();
  await harness.close();
});

describe('db idle', () => {
  it('lists a session idle in a transaction on another connection, its last statement masked', async () => {
    const outcome = await harness.run('db idle --older 1s');
    if (outcome.status !== 'succeeded') throw new Error(JSON.stringify(outcome.reply));
    const found = (outcome.result as BackendActivity[]).find((row) => row.pid === idler.pid);
    expect(found).toMatchObject({
      state: 'idle in transaction',
      application: 'radio-ops-test-idler',
      waitEvent: 'Client: ClientRead',
    });
    expect(found?.durationMs).toBeGreaterThanOrEqual(1000);
    // The reply shows the 30 longest-idle sessions of the whole server; under a parallel suite other
    // workers' pools can fill those, so the idler's own row is drawn from the result it is part of.
    const table = replyTable(dbIdleCommand.present([found!], { older: 1000 }));
    expect(table.columns[5]).toBe('idle for');
    expect(table.rows.find((row) => row[0] === String(idler.pid))?.at(-1)).toBe('SELECT ? AS "`note`", ?');
    expect(JSON.stringify(outcome.reply)).not.toContain('idle-secret');
    expect(outcome.reply.parts).toContainEqual(
      expect.objectContaining({ kind: 'note', text: expect.stringMatching(/idle in a transaction/) }),
    );
  });

  it('leaves out sessions idle for less than the threshold', async () => {
    const outcome = await harness.run('db idle --older 1d');
    expect(outcome.status).toBe('succeeded');
    expect(outcome.status === 'succeeded' && (outcome.result as BackendActivity[]).map((row) => row.pid)).not.toContain(
      idler.pid,
    );
    expect(dbIdleCommand.present([], { older: 86_400_000 }).parts).toEqual([
      { kind: 'note', text: 'No sessions idle longer than 1d.' },
    ]);
  });

  it('defaults to 10m and refuses a bad duration', async () => {
    expect(dbIdleCommand.args.parse({})).toEqual({ older: 600_000 });
    expect(await harness.run('db idle --older 10 minutes')).toMatchObject({ status: 'refused', code: 'usage' });
  });
});
