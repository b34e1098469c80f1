import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  type DBSnapshot,
  type PendingModifiedValues,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { describeDbInstancesInput, describeDbSnapshotsInput } from './rds-inputs.js';
import { createRdsRestore, type RdsRestoreVerbs } from './rds-restore.js';

export { describeDbInstancesInput, describeDbSnapshotsInput } from './rds-inputs.js';

/** The station instance as `DescribeDBInstances` reports it; names are RDS's own. */
export interface DbInstanceStatus {
  DBInstanceIdentifier: string;
  DBInstanceClass?: string;
  /** `available`, `modifying`, `backing-up`, `storage-full`, … */
  DBInstanceStatus?: string;
  MultiAZ?: boolean;
  /** GiB. */
  AllocatedStorage?: number;
  /** `gp3`, `gp2`, `io1`, `io2`, `standard`. */
  StorageType?: string;
  /** Provisioned IOPS (gp3 baseline included); absent for gp2 and magnetic. */
  Iops?: number;
  /** MiB/s (gp3). */
  StorageThroughput?: number;
  Engine?: string;
  EngineVersion?: string;
  /** Days automated backups are kept; 0 means automated backups are off. */
  BackupRetentionPeriod?: number;
  /** The latest time a point-in-time restore can reach. */
  LatestRestorableTime?: Date;
  /** Modifications waiting for the maintenance window (or a reboot), flattened to name -> value. */
  PendingModifiedValues: Record<string, string>;
}

/** One snapshot of the station instance from `DescribeDBSnapshots`. */
export interface DbSnapshot {
  DBSnapshotIdentifier: string;
  /** `automated` or `manual` (also `awsbackup` for AWS Backup). */
  SnapshotType?: string;
  /** `available`, `creating`, `copying`, … */
  Status?: string;
  /** Absent while the snapshot is still being created. */
  SnapshotCreateTime?: Date;
  /** GiB: the instance's allocated storage when the snapshot was taken (not the bytes stored). */
  AllocatedStorage?: number;
  /** 0–100 while `creating`. */
  PercentProgress?: number;
}

/**
 * Read-only RDS verbs on the configured instance (`rds.instance`).
 * Source: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html and
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html
 *
 * Errors: a UserError in words (see `describeAwsError`): AccessDenied names `rds:DescribeDBInstances`
 * or `rds:DescribeDBSnapshots`; `DBInstanceNotFound` names the instance.
 * The writes (restore, modify) are {@link RdsRestoreVerbs}.
 */
export interface RdsOperations extends RdsRestoreVerbs {
  describeInstance(): Promise<DbInstanceStatus>;
  /** Automated and manual snapshots, every page (`Marker`), newest first (ones still creating first of all). */
  listSnapshots(): Promise<DbSnapshot[]>;
}

/** RDS verbs over `client`; the instance name comes from `config.rds.instance`. */
export function createRdsOperations(client: RDSClient, config: RadioConfig): RdsOperations {
  const resource = config.rds.instance;
  return {
    ...createRdsRestore(client),
    async describeInstance() {
      const input = describeDbInstancesInput(config);
      const output = await awsCall({ action: 'rds:DescribeDBInstances', resource }, () =>
        client.send(new DescribeDBInstancesCommand(input)),
      );
      const instance = output.DBInstances?.[0];
      if (!instance) throw new UserError('precondition', `Not found: RDS instance \`${resource}\`.`);
      return {
        DBInstanceIdentifier: instance.DBInstanceIdentifier ?? resource,
        DBInstanceClass: instance.DBInstanceClass,
        DBInstanceStatus: instance.DBInstanceStatus,
        MultiAZ: instance.MultiAZ,
        AllocatedStorage: instance.AllocatedStorage,
        StorageType: instance.StorageType,
        Iops: instance.Iops,
        StorageThroughput: instance.StorageThroughput,
        Engine: instance.Engine,
        EngineVersion: instance.EngineVersion,
        BackupRetentionPeriod: instance.BackupRetentionPeriod,
        LatestRestorableTime: instance.LatestRestorableTime,
        PendingModifiedValues: flattenPending(instance.PendingModifiedValues),
      };
    },

    async listSnapshots() {
      const snapshots: DbSnapshot[] = [];
      let Marker: string | undefined;
      do {
        const input = { ...describeDbSnapshotsInput(config), ...(Marker ? { Marker } : {}) };
        const page = await awsCall({ action: 'rds:DescribeDBSnapshots', resource }, () =>
          client.send(new DescribeDBSnapshotsCommand(input)),
        );
        snapshots.push(...(page.DBSnapshots ?? []).map(toSnapshot));
        Marker = page.Marker;
      } while (Marker);
      return snapshots.sort(newestFirst);
    },
  };
}

function toSnapshot(snapshot: DBSnapshot): DbSnapshot {
  return {
    DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier ?? '(unnamed)',
    SnapshotType: snapshot.SnapshotType,
    Status: snapshot.Status,
    SnapshotCreateTime: snapshot.SnapshotCreateTime,
    AllocatedStorage: snapshot.AllocatedStorage,
    PercentProgress: snapshot.PercentProgress,
  };
}

function newestFirst(a: DbSnapshot, b: DbSnapshot): number {
  const time = (snapshot: DbSnapshot) => snapshot.SnapshotCreateTime?.getTime() ?? Number.POSITIVE_INFINITY;
  return time(b) - time(a) || a.DBSnapshotIdentifier.localeCompare(b.DBSnapshotIdentifier);
}

function flattenPending(pending: PendingModifiedValues | undefined): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(pending ?? {})) {
    if (value === undefined || value === null) continue;
    flat[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return flat;
}
