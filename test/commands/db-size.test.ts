import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbSizeCommand } from '../../src/commands/db-size.js';
import type { DatabaseSize } from '../../src/integrations/station-db/station-database.js';
import { openStationHarness, replyTable } from '../support/station-harness.js';

const harness = openStationHarness();
// A name that needs quoting, so the schema-qualified name is checked too.
const TABLE = 'public."size probe"';

beforeAll(async () => {
  await harness.db.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await harness.db.query(
    `CREATE TABLE ${TABLE} AS SELECT g AS id, repeat(md5(g::text), 20) AS filler FROM generate_series(1, 5000) AS g`,
  );
});

afterAll(async () => {
  await harness.db.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await harness.close();
});

describe('db size', () => {
  it('reports the database size and its largest tables, largest first', async () => {
    const outcome = await harness.run('db size');
    if (outcome.status !== 'succeeded') throw new Error(JSON.stringify(outcome.reply));
    const size = outcome.result as DatabaseSize;
    const { rows } = await harness.db.query<{ name: string }>('SELECT current_database() AS name');
    expect(size.database).toBe(rows[0]?.name);
    expect(BigInt(size.bytes)).toBeGreaterThan(3_000_000n);
    expect(size.largestTables.length).toBeLessThanOrEqual(5);
    const probe = size.largestTables.find(({ table }) => table === TABLE);
    expect(probe?.pretty).toMatch(/^\d+ (kB|MB)$/);
    expect(BigInt(probe?.bytes ?? 0)).toBeGreaterThan(3_000_000n);
    const sizes = size.largestTables.map(({ bytes }) => BigInt(bytes));
    expect(sizes).toEqual([...sizes].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    expect(outcome.reply.summary).toBe(`Database ${size.database}: ${size.pretty}`);
    expect(replyTable(outcome.reply).rows).toContainEqual([TABLE, probe?.pretty, probe?.bytes]);
  });

  it('says so when there are no user tables', () => {
    const reply = dbSizeCommand.present(
      { database: 'radio', bytes: '7500291', pretty: '7325 kB', largestTables: [] },
      {},
    );
    expect(reply.parts).toEqual([
      { kind: 'text', text: 'Database radio is 7325 kB (7500291 bytes).' },
      { kind: 'note', text: 'No tables outside the system schemas.' },
    ]);
  });
});
