import type {
  DBInstance,
  ModifyDBInstanceMessage,
  RestoreDBInstanceFromDBSnapshotMessage,
  Tag,
} from '@aws-sdk/client-rds';

/** What a restore is made from: the snapshot's id and the engine version it holds. */
export interface RestoreSource {
  DBSnapshotIdentifier: string;
  EngineVersion?: string;
}

/** A `RestoreDBInstanceFromDBSnapshot` input, and why some of the source's settings were left out. */
export interface RestoreInputChoice {
  input: RestoreDBInstanceFromDBSnapshotMessage & { DBInstanceIdentifier: string; DBSnapshotIdentifier: string };
  warnings: string[];
}

// gp3 below this size runs at a fixed baseline and refuses explicit Iops/StorageThroughput.
// Source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage
const GP3_BASELINE_GIB = (engine = '') =>
  engine.startsWith('sqlserver') ? 20 : engine.startsWith('oracle') ? 200 : 400;

/** The major version the parameter group family follows: `15` of PostgreSQL 15.4, `8.0` of MySQL 8.0.35. */
const majorOf = (engine: string | undefined, version: string) =>
  version
    .split('.')
    .slice(0, engine?.startsWith('postgres') ? 1 : 2)
    .join('.');

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

function storageOf(source: DBInstance) {
  const type = source.StorageType;
  const provisioned =
    type === 'io1' ||
    type === 'io2' ||
    (type === 'gp3' && (source.AllocatedStorage ?? 0) >= GP3_BASELINE_GIB(source.Engine));
  return {
    StorageType: type,
    Iops: provisioned ? source.Iops : undefined,
    StorageThroughput: provisioned && type === 'gp3' ? source.StorageThroughput : undefined,
  };
}

/** The source's tags, without `aws:` ones (AWS sets those; a request carrying them is refused). */
const tagsOf = (source: DBInstance): Tag[] | undefined => {
  const tags = (source.TagList ?? [])
    .filter((tag) => tag.Key && !tag.Key.startsWith('aws:'))
    .map(({ Key, Value }) => ({ Key, Value }));
  return tags.length > 0 ? tags : undefined;
};

/**
 * The exact `RestoreDBInstanceFromDBSnapshot` input that makes `newId` from `snapshot` with the settings
 * of `source` (a restore otherwise lands in the default VPC, security group and parameter group, single-AZ):
 * class, subnet group, VPC security groups, parameter and option groups, Multi-AZ, storage type (IOPS and
 * throughput only where they can be set), public access, deletion protection, IAM auth, CA certificate,
 * backup retention and window, tags. When the snapshot holds another major engine version than the source
 * runs, the source's parameter and option groups don't fit: they are left to RDS's defaults, with a warning.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html
 */
export function restoreInputFrom(source: DBInstance, snapshot: RestoreSource, newId: string): RestoreInputChoice {
  const warnings: string[] = [];
  const sourceMajor = source.EngineVersion && majorOf(source.Engine, source.EngineVersion);
  const snapshotMajor = snapshot.EngineVersion && majorOf(source.Engine, snapshot.EngineVersion);
  const groupsFit = !sourceMajor || !snapshotMajor || sourceMajor === snapshotMajor;
  if (!groupsFit) {
    warnings.push(
      `The snapshot holds ${source.Engine} ${snapshot.EngineVersion} and ${source.DBInstanceIdentifier} runs ${source.EngineVersion}: ` +
        'its parameter and option groups belong to another major version, so the restore uses the default ones.',
    );
  }
  const input = defined({
    DBInstanceIdentifier: newId,
    DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier,
    DBInstanceClass: source.DBInstanceClass,
    DBSubnetGroupName: source.DBSubnetGroup?.DBSubnetGroupName,
    VpcSecurityGroupIds: source.VpcSecurityGroups?.flatMap((group) =>
      group.VpcSecurityGroupId ? [group.VpcSecurityGroupId] : [],
    ),
    DBParameterGroupName: groupsFit ? source.DBParameterGroups?.[0]?.DBParameterGroupName : undefined,
    OptionGroupName: groupsFit ? source.OptionGroupMemberships?.[0]?.OptionGroupName : undefined,
    MultiAZ: source.MultiAZ,
    ...storageOf(source),
    PubliclyAccessible: source.PubliclyAccessible,
    DeletionProtection: source.DeletionProtection,
    EnableIAMDatabaseAuthentication: source.IAMDatabaseAuthenticationEnabled,
    CACertificateIdentifier: source.CACertificateIdentifier,
    BackupRetentionPeriod: source.BackupRetentionPeriod,
    PreferredBackupWindow: source.PreferredBackupWindow,
    CopyTagsToSnapshot: source.CopyTagsToSnapshot,
    Tags: tagsOf(source),
  });
  return { input, warnings };
}

/**
 * The `ModifyDBInstance` input that gives `target` the source's settings a restore can't take (Enhanced
 * Monitoring, Performance Insights), or `undefined` when it has them already. Without `target`: against a
 * fresh instance (monitoring off, Performance Insights off), as the plan shows it.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
 */
export function followUpInputFrom(
  source: DBInstance,
  target: DBInstance | undefined,
  targetId: string,
): ModifyDBInstanceMessage | undefined {
  const changes: Partial<ModifyDBInstanceMessage> = {};
  const interval = source.MonitoringInterval ?? 0;
  if (
    interval !== (target?.MonitoringInterval ?? 0) ||
    (interval > 0 && source.MonitoringRoleArn !== target?.MonitoringRoleArn)
  ) {
    Object.assign(changes, {
      MonitoringInterval: interval,
      MonitoringRoleArn: interval > 0 ? source.MonitoringRoleArn : undefined,
    });
  }
  const insights = source.PerformanceInsightsEnabled ?? false;
  const targetInsights = target?.PerformanceInsightsEnabled ?? false;
  if (
    insights !== targetInsights ||
    (insights && source.PerformanceInsightsRetentionPeriod !== target?.PerformanceInsightsRetentionPeriod)
  ) {
    Object.assign(changes, {
      EnablePerformanceInsights: insights,
      PerformanceInsightsKMSKeyId: insights && !targetInsights ? source.PerformanceInsightsKMSKeyId : undefined,
      PerformanceInsightsRetentionPeriod: insights ? source.PerformanceInsightsRetentionPeriod : undefined,
    });
  }
  if (Object.keys(changes).length === 0) return undefined;
  return defined({ DBInstanceIdentifier: targetId, ...changes, ApplyImmediately: true });
}
