import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { rdsModule } from '../../../src/integrations/rds/rds-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';
import { snapshotOf, sourceInstance } from '../../support/rds-fixtures.js';

const rdsMock = mockClient(RDSClient);
afterEach(() => rdsMock.reset());
const yaml = { region: 'eu-west-1', rds: { instance: 'db1' } };

describe('the rds module', () => {
  it('builds its RDS client on the first call, in the configured region, and only once', async () => {
    const rds = rdsModule.create(integrationContext({ yaml }).context);
    expect(rdsMock.calls()).toHaveLength(0);
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [sourceInstance()] });
    rdsMock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [snapshotOf()] });
    await rds?.describeInstance();
    await rds?.listSnapshots();
    const [instance, snapshots] = rdsMock.calls();
    expect(instance?.args[0].input).toEqual({ DBInstanceIdentifier: 'db1' });
    expect(snapshots?.args[0].input).toEqual({ DBInstanceIdentifier: 'db1', MaxRecords: 100 });
    expect(snapshots?.thisValue).toBe(instance?.thisValue);
    expect(await (instance?.thisValue as RDSClient).config.region()).toBe('eu-west-1');
  });

  it('grants reads, the restore and modify, PassRole to RDS monitoring only, and snapshots of the instance', () => {
    const statements = rdsModule.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope()) ?? [];
    expect(statements.map((statement) => statement.Sid)).toEqual([
      'RdsInstanceRead',
      'RdsRestoreAndModify',
      'PassRdsMonitoringRole',
      'RdsSnapshotsRead',
    ]);
    expect(statements[2]?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'monitoring.rds.amazonaws.com' },
    });
    expect(statements[3]?.Resource).toEqual([
      'arn:aws:rds:eu-west-1:123456789012:db:db1',
      'arn:aws:rds:eu-west-1:123456789012:snapshot:*',
    ]);
  });

  it('without it, the RDS commands answer its not-configured text', async () => {
    const runner = commandRunner({});
    for (const line of ['db status', 'db snapshots', 'db resize db.t4g.large']) {
      expect(await runner.run(line)).toMatchObject({
        status: 'refused',
        code: 'not_configured',
        reply: { summary: rdsModule.notConfigured },
      });
    }
  });
});
