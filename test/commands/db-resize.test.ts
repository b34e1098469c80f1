import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createRdsOperations } from '../../src/integrations/rds/rds-operations.js';
import type { Plan } from '../../src/pipeline/command.js';
import { approvedLongOperation } from '../support/approved-long-operation.js';
import { rdsError, sourceInstance } from '../support/rds-fixtures.js';

const { setup, followed } = approvedLongOperation('db resize', 'radio-ops-resize-test');
const rdsMock = mockClient(RDSClient);
const rds = createRdsOperations(new RDSClient({ region: 'us-east-1' }), RadioConfig.parse({}));
beforeEach(() => rdsMock.reset());

const modifies = () => rdsMock.commandCalls(ModifyDBInstanceCommand).map((call) => call.args[0].input);

function instanceIs(overrides: Parameters<typeof sourceInstance>[0] = {}) {
  rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [sourceInstance(overrides)] });
  rdsMock.on(ModifyDBInstanceCommand).resolves({
    DBInstance: sourceInstance({ ...overrides, PendingModifiedValues: { DBInstanceClass: 'db.r6g.xlarge' } }),
  });
}

describe('db resize', () => {
  it('sends ModifyDBInstance with ApplyImmediately once approved, says a Multi-AZ failover is coming, and is followed', async () => {
    instanceIs();
    const s = setup({ rds });
    const id = await s.ask('db resize db.r6g.xlarge');
    const plan = (await s.service.get(id))?.plan as Plan;
    expect(plan.warnings[0]).toMatch(/^Multi-AZ: RDS changes the standby first, then fails over/);
    expect(modifies()).toEqual([]);
    expect((await s.approve(id))?.status).toBe('succeeded');
    expect(modifies()).toEqual([
      { DBInstanceIdentifier: 'radio-db', DBInstanceClass: 'db.r6g.xlarge', ApplyImmediately: true },
    ]);
    expect(await followed(id)).toEqual([{ kind: 'rds-instance', target: 'radio-db' }]);
  });

  it('warns of single-AZ downtime and of pending changes that ApplyImmediately would apply too', async () => {
    instanceIs({ MultiAZ: false, PendingModifiedValues: { AllocatedStorage: 200 } });
    const s = setup({ rds });
    const plan = (await s.service.get(await s.ask('db resize db.t4g.large')))?.plan as Plan;
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^Single-AZ: the database is unavailable while the class changes/),
      'ApplyImmediately also applies the changes already pending now: AllocatedStorage=200.',
    ]);
  });

  it('refuses a class not in rds.allowedClasses, and the class it already has, before asking anyone', async () => {
    instanceIs();
    const s = setup({ rds });
    const outside = await s.send('db resize db.x2iedn.24xlarge', 'U0ALICE');
    expect(outside).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(outside.reply.summary).toMatch(
      /not in rds.allowedClasses \(db.t4g.medium, db.t4g.large, db.r6g.large, db.r6g.xlarge\)/,
    );
    const same = await s.send('db resize db.r6g.large', 'U0ALICE');
    expect(same.reply.summary).toMatch(/already db.r6g.large/);
    expect(modifies()).toEqual([]);
  });

  it('does not run when the class changed between request and approval, and words RDS refusing the state', async () => {
    instanceIs();
    const s = setup({ rds });
    const id = await s.ask('db resize db.r6g.xlarge');
    instanceIs({ DBInstanceClass: 'db.t4g.large' });
    const record = await s.approve(id);
    expect(record).toMatchObject({
      status: 'refused',
      error: 'Not run: radio-db is now db.t4g.large, not the db.r6g.large shown when this was approved.',
    });
    expect(modifies()).toEqual([]);

    instanceIs();
    const again = await s.ask('db resize db.r6g.xlarge');
    rdsMock
      .on(ModifyDBInstanceCommand)
      .rejects(rdsError('InvalidDBInstanceStateFault', 'Database instance is not in available state.'));
    expect((await s.approve(again))?.error).toMatch(
      /RDS refused `ModifyDBInstance` on `radio-db` \(InvalidDBInstanceStateFault\): Database instance is not in available state/,
    );
  });
});
