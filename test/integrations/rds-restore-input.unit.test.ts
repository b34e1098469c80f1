import { describe, expect, it } from 'vitest';
import { followUpInputFrom, restoreInputFrom } from '../../src/integrations/rds/rds-restore-input.js';
import { observeInstance } from '../../src/integrations/rds/rds-watchers.js';
import { restoredInstance, SNAPSHOT_ID, sourceInstance } from '../support/rds-fixtures.js';

const snapshot = { DBSnapshotIdentifier: SNAPSHOT_ID, EngineVersion: '15.5' };

describe('restoreInputFrom', () => {
  it('copies provisioned IOPS where they can be set: io1/io2 always, gp3 only from 400 GiB (PostgreSQL)', () => {
    expect(restoreInputFrom(sourceInstance({ StorageType: 'io1', Iops: 12000 }), snapshot, 'x').input).toMatchObject({
      StorageType: 'io1',
      Iops: 12000,
    });
    const large = restoreInputFrom(
      sourceInstance({ AllocatedStorage: 500, Iops: 12000, StorageThroughput: 500 }),
      snapshot,
      'x',
    ).input;
    expect(large).toMatchObject({ StorageType: 'gp3', Iops: 12000, StorageThroughput: 500 });
    const small = restoreInputFrom(sourceInstance(), snapshot, 'x').input;
    expect(small).not.toHaveProperty('Iops');
    expect(small).not.toHaveProperty('StorageThroughput');
  });

  it('leaves the parameter and option groups to RDS, with a warning, when the snapshot holds another major version', () => {
    const { input, warnings } = restoreInputFrom(sourceInstance({ EngineVersion: '16.2' }), snapshot, 'x');
    expect(input).not.toHaveProperty('DBParameterGroupName');
    expect(input).not.toHaveProperty('OptionGroupName');
    expect(warnings).toEqual([expect.stringMatching(/holds postgres 15.5 and radio-db runs 16.2/)]);
    expect(restoreInputFrom(sourceInstance({ EngineVersion: '15.8' }), snapshot, 'x').warnings).toEqual([]);
  });
});

describe('followUpInputFrom', () => {
  it('asks only for what the restored instance lacks, and nothing once it has it', () => {
    expect(followUpInputFrom(sourceInstance(), restoredInstance('x', 'available', true), 'x')).toBeUndefined();
    expect(
      followUpInputFrom(sourceInstance({ MonitoringInterval: 0, PerformanceInsightsEnabled: false }), undefined, 'x'),
    ).toBeUndefined();
    expect(
      followUpInputFrom(sourceInstance({ PerformanceInsightsEnabled: false }), restoredInstance('x', 'available'), 'x'),
    ).toEqual({
      DBInstanceIdentifier: 'x',
      MonitoringInterval: 60,
      MonitoringRoleArn: 'arn:aws:iam::123456789012:role/rds-monitoring-role',
      ApplyImmediately: true,
    });
  });
});

describe('observeInstance', () => {
  it('is done only when available with nothing pending, and failed for states that cannot end well', () => {
    expect(observeInstance(restoredInstance('x', 'available'))).toEqual({
      state: 'available',
      done: true,
      detail: 'endpoint x.c0abc.us-east-1.rds.amazonaws.com:5432',
    });
    expect(
      observeInstance({
        ...restoredInstance('x', 'available'),
        PendingModifiedValues: { DBInstanceClass: 'db.r6g.xlarge' },
      }),
    ).toEqual({ state: 'available, changes pending (DBInstanceClass)', done: false });
    expect(observeInstance(restoredInstance('x', 'incompatible-parameters'))).toEqual({
      state: 'incompatible-parameters',
      done: false,
      failed: true,
    });
    expect(observeInstance(undefined)).toEqual({ state: 'not found', done: false, failed: true });
  });
});
