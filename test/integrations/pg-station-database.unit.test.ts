import { describe, expect, it } from 'vitest';
import type { SqlClient, SqlDatabase } from '../../src/db/sql-client.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';

/** A fake SqlDatabase (our own interface): records each readOnly call and answers from canned rows. */
function fakeDatabase(answer: (sql: string) => Record<string, unknown>[]) {
  const calls: { statementTimeoutMs: number; statements: string[] }[] = [];
  const db: SqlDatabase = {
    query: () => Promise.reject(new Error('inspection must run in readOnly')),
    async readOnly<T>(work: (client: SqlClient) => Promise<T>, options: { statementTimeoutMs: number }) {
      const call = { statementTimeoutMs: options.statementTimeoutMs, statements: [] as string[] };
      calls.push(call);
      return work({
        query: async <Row extends object>(sql: string) => {
          call.statements.push(sql);
          return { rows: answer(sql) as Row[] };
        },
      });
    },
    close: async () => undefined,
  };
  return { db, calls };
}

describe('createStationDatabase', () => {
  it('runs every call in one read-only transaction with a 5 s statement_timeout by default', async () => {
    const { db, calls } = fakeDatabase((sql) => (sql.includes('max_connections') ? [{ max_connections: '100' }] : []));
    const station = createStationDatabase(db);
    await station.connections();
    await station.activeQueries(1000);
    await station.idleSessions(1000);
    expect(calls.map((call) => call.statementTimeoutMs)).toEqual([5000, 5000, 5000]);
    for (const sql of calls.flatMap((call) => call.statements).filter((s) => s.includes('pg_stat_activity'))) {
      expect(sql).toContain('pid <> pg_backend_pid()');
    }
  });

  it('takes another statement_timeout', async () => {
    const { db, calls } = fakeDatabase((sql) =>
      sql.includes('pg_database_size(current_database()) AS bytes')
        ? [{ database: 'radio', bytes: '8348931', pretty: '8153 kB' }]
        : [],
    );
    expect(await createStationDatabase(db, { statementTimeoutMs: 1500 }).size()).toEqual({
      database: 'radio',
      bytes: '8348931',
      pretty: '8153 kB',
      largestTables: [],
    });
    expect(calls[0]?.statementTimeoutMs).toBe(1500);
  });

  it('counts hidden sessions as unknown and adds the states up', async () => {
    const { db } = fakeDatabase((sql) =>
      sql.includes('max_connections') && !sql.includes('GROUP BY')
        ? [{ max_connections: '100' }]
        : [
            { state: 'idle', count: '7' },
            { state: 'unknown', count: '2' },
            { state: 'active', count: '1' },
          ],
    );
    expect(await createStationDatabase(db).connections()).toEqual({
      byState: [
        { state: 'idle', count: 7 },
        { state: 'unknown', count: 2 },
        { state: 'active', count: 1 },
      ],
      total: 10,
      maxConnections: 100,
    });
  });
});
