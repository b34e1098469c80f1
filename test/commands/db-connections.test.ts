import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbConnectionsCommand } from '../../src/commands/db-connections.js';
import type { ConnectionCounts } from '../../src/integrations/station-db/station-database.js';
import { openSideConnection, openStationHarness, replyTable } from '../support/station-harness.js';

const harness = openStationHarness();
let idle: { client: pg.Client; pid: number };

beforeAll(async () => {
  idle = await openSideConnection('radio-ops-test-idle-client');
});

afterAll(async () => {
  await idle.client.end();
  await harness.close();
});

describe('db connections', () => {
  it('counts client backends by state, adding up to the total, against max_connections', async () => {
    const outcome = await harness.run('db connections');
    if (outcome.status !== 'succeeded') throw new Error(JSON.stringify(outcome.reply));
    const counts = outcome.result as ConnectionCounts;
    expect(counts.byState.reduce((sum, { count }) => sum + count, 0)).toBe(counts.total);
    expect(counts.byState.find(({ state }) => state === 'idle')?.count).toBeGreaterThanOrEqual(1);
    const { rows } = await harness.db.query<{ max_connections: string }>('SHOW max_connections');
    expect(counts.maxConnections).toBe(Number(rows[0]?.max_connections));
    const percent = Math.round((counts.total / counts.maxConnections) * 100);
    expect(outcome.reply.summary).toBe(`${counts.total} of ${counts.maxConnections} connections in use (${percent}%)`);
    expect(replyTable(outcome.reply).rows.at(-1)).toEqual([
      'total',
      `${counts.total} of ${counts.maxConnections} (${percent}%)`,
    ]);
  });

  it('warns near max_connections and explains hidden sessions', () => {
    const reply = dbConnectionsCommand.present(
      {
        byState: [
          { state: 'idle', count: 70 },
          { state: 'unknown', count: 12 },
          { state: 'active', count: 3 },
        ],
        total: 85,
        maxConnections: 100,
      },
      {},
    );
    expect(reply.summary).toBe('85 of 100 connections in use (85%)');
    expect(replyTable(reply).rows).toEqual([
      ['idle', '70'],
      ['unknown', '12'],
      ['active', '3'],
      ['total', '85 of 100 (85%)'],
    ]);
    expect(reply.parts.filter((part) => part.kind === 'note')).toEqual([
      { kind: 'note', tone: 'warning', text: '85% of max_connections in use.' },
      {
        kind: 'note',
        text: 'unknown: sessions whose state this role may not see (grant it pg_monitor) or does not track.',
      },
      {
        kind: 'note',
        text: "Client backends on the whole server; this bot's own inspection connection is not counted.",
      },
    ]);
  });
});
