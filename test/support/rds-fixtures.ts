// RDS as DescribeDBInstances/DescribeDBSnapshots answer for the station: a Multi-AZ PostgreSQL instance
// with monitoring, Performance Insights and tags, and its snapshots.
import type { DBInstance, DBSnapshot } from '@aws-sdk/client-rds';

/** The station instance `radio-db`, with every setting `dr restore-db` copies. */
export const sourceInstance = (overrides: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: 'radio-db',
  DBInstanceClass: 'db.r6g.large',
  Engine: 'postgres',
  EngineVersion: '15.5',
  DBInstanceStatus: 'available',
  MultiAZ: true,
  AllocatedStorage: 100,
  StorageType: 'gp3',
  Iops: 3000,
  StorageThroughput: 125,
  DBSubnetGroup: { DBSubnetGroupName: 'radio-private' },
  VpcSecurityGroups: [
    { VpcSecurityGroupId: 'sg-0db', Status: 'active' },
    { VpcSecurityGroupId: 'sg-0bastion', Status: 'active' },
  ],
  DBParameterGroups: [{ DBParameterGroupName: 'radio-postgres15', ParameterApplyStatus: 'in-sync' }],
  OptionGroupMemberships: [{ OptionGroupName: 'default:postgres-15', Status: 'in-sync' }],
  PubliclyAccessible: false,
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: true,
  CACertificateIdentifier: 'rds-ca-rsa2048-g1',
  BackupRetentionPeriod: 7,
  PreferredBackupWindow: '03:00-03:30',
  CopyTagsToSnapshot: true,
  MonitoringInterval: 60,
  MonitoringRoleArn: 'arn:aws:iam::123456789012:role/rds-monitoring-role',
  PerformanceInsightsEnabled: true,
  PerformanceInsightsKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/pi-key',
  PerformanceInsightsRetentionPeriod: 7,
  TagList: [
    { Key: 'team', Value: 'radio' },
    { Key: 'aws:cloudformation:stack-name', Value: 'radio-infra' },
  ],
  Endpoint: { Address: 'radio-db.c0abc.us-east-1.rds.amazonaws.com', Port: 5432 },
  PendingModifiedValues: {},
  ...overrides,
});

/** A restored instance in `status`: a fresh instance, without monitoring or Performance Insights (until `settled`). */
export const restoredInstance = (id: string, status: string, settled = false): DBInstance => ({
  DBInstanceIdentifier: id,
  DBInstanceStatus: status,
  DBInstanceClass: 'db.r6g.large',
  PendingModifiedValues: {},
  MonitoringInterval: settled ? 60 : 0,
  ...(settled ? { MonitoringRoleArn: 'arn:aws:iam::123456789012:role/rds-monitoring-role' } : {}),
  PerformanceInsightsEnabled: settled,
  ...(settled ? { PerformanceInsightsRetentionPeriod: 7 } : {}),
  ...(status === 'available' ? { Endpoint: { Address: `${id}.c0abc.us-east-1.rds.amazonaws.com`, Port: 5432 } } : {}),
});

export const SNAPSHOT_ID = 'rds:radio-db-2025-03-14-03-10';

/** An automated snapshot of radio-db. */
export const snapshotOf = (overrides: Partial<DBSnapshot> = {}): DBSnapshot => ({
  DBSnapshotIdentifier: SNAPSHOT_ID,
  DBInstanceIdentifier: 'radio-db',
  SnapshotType: 'automated',
  Status: 'available',
  SnapshotCreateTime: new Date('2025-03-14T03:10:00Z'),
  Engine: 'postgres',
  EngineVersion: '15.5',
  AllocatedStorage: 100,
  PercentProgress: 100,
  ...overrides,
});

/** An SDK service exception as RDS throws it. */
export const rdsError = (name: string, message = name) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
