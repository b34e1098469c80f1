import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  type DBInstance,
  type ModifyDBInstanceMessage,
  type RDSClient,
  type RestoreDBInstanceFromDBSnapshotMessage,
} from '@aws-sdk/client-rds';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';

/** One snapshot by id, as `DescribeDBSnapshots` reports it; the time as ISO 8601 so plans store it as JSON. */
export interface DbSnapshotDetail {
  DBSnapshotIdentifier: string;
  /** The instance it was taken of. */
  DBInstanceIdentifier?: string;
  /** `available`, `creating`, `copying`, `deleting`, … Only `available` can be restored. */
  Status?: string;
  SnapshotType?: string;
  /** ISO 8601 UTC; absent while it is being created. */
  SnapshotCreateTime?: string;
  Engine?: string;
  EngineVersion?: string;
  /** GiB. */
  AllocatedStorage?: number;
  /** 0–100 while `creating`. */
  PercentProgress?: number;
}

/**
 * The RDS writes of `dr restore-db`, `db resize` and the restore's follow-up, and the reads they need.
 * Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html
 *
 * Errors: UserErrors in words: AccessDenied names the IAM action; a missing snapshot is "Not found";
 * `DBInstanceAlreadyExists` says the name is taken; RDS's own client-side refusals (an invalid state or
 * combination, no capacity, a quota) are shown with AWS's message. Anything else is thrown as is.
 */
export interface RdsRestoreVerbs {
  /** `DescribeDBSnapshots` of exactly `id` (`rds:…` automated, manual, or a shared snapshot's ARN). */
  snapshot(id: string): Promise<DbSnapshotDetail>;
  /** `DescribeDBInstances` of `id`, everything RDS reports, or `undefined` when there is no such instance. */
  findInstance(id: string): Promise<DBInstance | undefined>;
  /** Starts the restore; resolves with the new instance as RDS reports it (`creating`). */
  restore(input: RestoreDBInstanceFromDBSnapshotMessage): Promise<DBInstance>;
  /** `ModifyDBInstance`; resolves with the instance as RDS reports it (changes under `PendingModifiedValues`). */
  modify(input: ModifyDBInstanceMessage): Promise<DBInstance>;
}

const CLIENT_REFUSALS =
  /^(InvalidDBInstanceState|InvalidDBSnapshotState|InvalidParameter|InsufficientDBInstanceCapacity|InstanceQuotaExceeded|StorageQuotaExceeded|InvalidVPCNetworkState|InvalidSubnet|StorageTypeNotSupported|ProvisionedIopsNotAvailableInAZ|KMSKeyNotAccessible|DBUpgradeDependencyFailure|CertificateNotFound|NetworkTypeNotSupported)/;

/** RDS's client-side refusals in words (AWS's own message); anything else unchanged. */
function refusalInWords(error: unknown, operation: string, resource: string): unknown {
  if (!(error instanceof Error) || error instanceof UserError) return error;
  if (error.name.startsWith('DBInstanceAlreadyExists')) {
    return new UserError(
      'precondition',
      `An RDS instance named \`${resource}\` already exists: this restore already started, or another one uses the name. Nothing new was started; give another name with \`--as\`.`,
    );
  }
  if (CLIENT_REFUSALS.test(error.name))
    return new UserError(
      'precondition',
      `RDS refused \`${operation}\` on \`${resource}\` (${error.name}): ${error.message}`,
    );
  return error;
}

/** The verbs over `client`. */
export function createRdsRestore(client: RDSClient): RdsRestoreVerbs {
  return {
    async snapshot(id) {
      const output = await awsCall({ action: 'rds:DescribeDBSnapshots', resource: id }, () =>
        client.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id })),
      );
      const found = output.DBSnapshots?.[0];
      if (!found) throw new UserError('precondition', `Not found: snapshot \`${id}\` (see \`db snapshots\`).`);
      return {
        DBSnapshotIdentifier: found.DBSnapshotIdentifier ?? id,
        DBInstanceIdentifier: found.DBInstanceIdentifier,
        Status: found.Status,
        SnapshotType: found.SnapshotType,
        SnapshotCreateTime: found.SnapshotCreateTime?.toISOString(),
        Engine: found.Engine,
        EngineVersion: found.EngineVersion,
        AllocatedStorage: found.AllocatedStorage,
        PercentProgress: found.PercentProgress,
      };
    },

    async findInstance(id) {
      const absent = (error: unknown) => {
        if (error instanceof Error && error.name.startsWith('DBInstanceNotFound'))
          return { DBInstances: [] as DBInstance[] };
        throw error;
      };
      const output = await awsCall({ action: 'rds:DescribeDBInstances', resource: id }, () =>
        client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })).catch(absent),
      );
      return output.DBInstances?.[0];
    },

    async restore(input) {
      const resource = input.DBInstanceIdentifier ?? '(unnamed)';
      try {
        const output = await awsCall({ action: 'rds:RestoreDBInstanceFromDBSnapshot', resource }, () =>
          client.send(new RestoreDBInstanceFromDBSnapshotCommand(input)),
        );
        return output.DBInstance ?? { DBInstanceIdentifier: resource };
      } catch (error) {
        throw refusalInWords(error, 'RestoreDBInstanceFromDBSnapshot', resource);
      }
    },

    async modify(input) {
      const resource = input.DBInstanceIdentifier ?? '(unnamed)';
      try {
        const output = await awsCall({ action: 'rds:ModifyDBInstance', resource }, () =>
          client.send(new ModifyDBInstanceCommand(input)),
        );
        return output.DBInstance ?? { DBInstanceIdentifier: resource };
      } catch (error) {
        throw refusalInWords(error, 'ModifyDBInstance', resource);
      }
    },
  };
}
