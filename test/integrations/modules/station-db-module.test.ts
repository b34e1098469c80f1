import { describe, expect, it } from 'vitest';
import { stationDbModule } from '../../../src/integrations/station-db/station-db-module.js';
import { terminatorModule } from '../../../src/integrations/terminator/terminator-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { countingDatabase, integrationContext } from '../../support/integration-context.js';

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
