import {
  CreateSnapshotsCommand,
  DescribeInstancesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { toHostInstance, type HostInstance } from './host-instance.js';
import {
  createSnapshotsInput,
  modifyInstanceTypeInput,
  startInstancesInput,
  stopInstancesInput,
} from './host-resize-inputs.js';

/**
 * The EC2 writes of `host resize` and the read its watcher makes. Errors in words ({@link awsCall}); EC2's refusals
 * of a state or type (`IncorrectInstanceState`, `InvalidParameterValue`, `Unsupported`, `InsufficientInstanceCapacity`)
 * as `precondition` with AWS's message.
 */
export interface HostResizeVerbs {
  /** `DescribeInstances` of `instanceId`, or `undefined` when EC2 no longer knows it. */
  describeInstance(instanceId: string): Promise<HostInstance | undefined>;
  /** Returns the snapshot ids. */
  createSnapshots(instanceId: string, description: string): Promise<string[]>;
  stop(instanceId: string): Promise<void>;
  modifyType(instanceId: string, instanceType: string): Promise<void>;
  start(instanceId: string): Promise<void>;
}

const REFUSALS =
  /^(IncorrectInstanceState|IncorrectState|InvalidParameterValue|Unsupported|InsufficientInstanceCapacity)/;

/** One EC2 write on `instanceId`, its refusals in words (see {@link HostResizeVerbs}); `dr rebuild-host`'s too. */
export async function write<T>(action: string, instanceId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await awsCall({ action, resource: instanceId }, call);
  } catch (error) {
    if (error instanceof Error && !(error instanceof UserError) && REFUSALS.test(error.name))
      throw new UserError(
        'precondition',
        `EC2 refused \`${action}\` on ${instanceId} (${error.name}): ${error.message}`,
      );
    throw error;
  }
}

export function createHostResizeVerbs(ec2: EC2Client): HostResizeVerbs {
  return {
    async describeInstance(instanceId) {
      const output = await awsCall({ action: 'ec2:DescribeInstances', resource: instanceId }, () =>
        ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'InvalidInstanceID.NotFound') return { Reservations: [] };
          throw error;
        }),
      );
      const found = output.Reservations?.flatMap((reservation) => reservation.Instances ?? [])[0];
      return found ? toHostInstance(found) : undefined;
    },
    async createSnapshots(instanceId, description) {
      const output = await write('ec2:CreateSnapshots', instanceId, () =>
        ec2.send(new CreateSnapshotsCommand(createSnapshotsInput(instanceId, description))),
      );
      return (output.Snapshots ?? []).flatMap((snapshot) => (snapshot.SnapshotId ? [snapshot.SnapshotId] : []));
    },
    stop: async (instanceId) =>
      void (await write('ec2:StopInstances', instanceId, () =>
        ec2.send(new StopInstancesCommand(stopInstancesInput(instanceId))),
      )),
    modifyType: async (instanceId, instanceType) =>
      void (await write('ec2:ModifyInstanceAttribute', instanceId, () =>
        ec2.send(new ModifyInstanceAttributeCommand(modifyInstanceTypeInput(instanceId, instanceType))),
      )),
    start: async (instanceId) =>
      void (await write('ec2:StartInstances', instanceId, () =>
        ec2.send(new StartInstancesCommand(startInstancesInput(instanceId))),
      )),
  };
}
