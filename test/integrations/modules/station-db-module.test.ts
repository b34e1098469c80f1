import { describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../src/db/sql-client.js';
import { stationDbModule } from '../../../src/integrations/station-db/station-db-module.js';
import { terminatorModule } from '../../../src/integrations/terminator/terminator-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { integrationContext } from '../../support/integration-context.js';

/** A database that counts the statements it is sent and answers that no table is there. */
function countingDatabase() {
  const sent: string[] = [];
  const query = <Row extends object>(text: string): Promise<{ rows: Row[] }> => {
    sent.push(text);
    return Promise.resolve({ rows: [{ present: false, columns: [] } as unknown as Row] });
  };
  const db: SqlDatabase = { query, readOnly: (work) => work({ query }), close: () => Promise.resolve() };
  return { db, sent };
}

describe('the stationDb and terminator modules', () => {
  it('build their clients on the station database without querying it', () => {
    const { db, sent } = countingDatabase();
    expect(stationDbModule.create(integrationContext({ stationDb: db }).context)).toBeDefined();
    expect(terminatorModule.create(integrationContext({ stationDb: db }).context)).toBeDefined();
    expect(sent).toEqual([]);
  });

  it('query the station database they were given, not another', async () => {
    const { db, sent } = countingDatabase();
    const station = stationDbModule.create(integrationContext({ stationDb: db }).context);
    expect(await station?.radioChannels()).toBeUndefined();
    expect(sent.length).toBeGreaterThan(0);
  });

  it('without them, the commands that need them answer their not-configured text', async () => {
    const runner = commandRunner({ stationDb: undefined });
    expect(await runner.run('db size')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: stationDbModule.notConfigured },
    });
    expect(await runner.run('db kill-idle')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: terminatorModule.notConfigured },
    });
  });

  it('declare no IAM statements (they call no AWS API)', () => {
    expect(stationDbModule.iamStatements).toBeUndefined();
    expect(terminatorModule.iamStatements).toBeUndefined();
  });
});
