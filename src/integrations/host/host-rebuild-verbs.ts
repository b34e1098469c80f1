import {
  AssociateAddressCommand,
  CreateTagsCommand,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  type EC2Client,
  type Image,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { awsCall } from '../aws/aws-errors.js';
import { toHostInstance, type HostInstance } from './host-instance.js';
import {
  associateAddressInput,
  backupImagesInput,
  elasticIpInput,
  hostTagInput,
  imageInput,
  launchedWithInput,
  newestImage,
} from './host-rebuild-inputs.js';
import { write } from './host-resize-verbs.js';

/** An AMI as `DescribeImages` reports it; `State` `available`, `pending`, `failed`, `deregistered`, … */
export interface HostImage {
  ImageId: string;
  Name?: string;
  /** ISO 8601 UTC, as EC2 gives it. */
  CreationDate?: string;
  State: string;
}

const toHostImage = (image: Image): HostImage => ({
  ImageId: image.ImageId ?? '(unknown)',
  ...(image.Name ? { Name: image.Name } : {}),
  ...(image.CreationDate ? { CreationDate: image.CreationDate } : {}),
  State: image.State ?? 'unknown',
});

/**
 * The EC2 reads and writes of `dr rebuild-host` and its watcher. Errors in words ({@link awsCall}: AccessDenied names
 * the IAM action); EC2's refusals of a launch (`InvalidParameterValue`, `InsufficientInstanceCapacity`, …) as
 * `precondition` with AWS's message. Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/
 */
export interface HostRebuildVerbs {
  /** The newest available AMI of this account named like `namePattern`, or `undefined` when there is none. */
  newestBackupImage(namePattern: string): Promise<HostImage | undefined>;
  /** The AMI `imageId`, or `undefined` when EC2 does not know it (or it is not shared with this account). */
  image(imageId: string): Promise<HostImage | undefined>;
  /** The instance a `RunInstances` with this `ClientToken` started, or `undefined` when none did. */
  launchedWith(clientToken: string): Promise<HostInstance | undefined>;
  /** `RunInstances`; returns the new `InstanceId`. A retry with the same `ClientToken` returns the first one. */
  launch(input: RunInstancesCommandInput): Promise<string>;
  /** The instance holding the Elastic IP now, `undefined` when it is not associated. */
  elasticIpHolder(allocationId: string): Promise<string | undefined>;
  associateAddress(allocationId: string, instanceId: string): Promise<void>;
  /** `CreateTags` of one tag (it replaces that key's value). */
  tagInstance(instanceId: string, key: string, value: string): Promise<void>;
}

export function createHostRebuildVerbs(ec2: EC2Client): HostRebuildVerbs {
  return {
    async newestBackupImage(namePattern) {
      const output = await awsCall({ action: 'ec2:DescribeImages', resource: `images named ${namePattern}` }, () =>
        ec2.send(new DescribeImagesCommand(backupImagesInput(namePattern))),
      );
      const newest = newestImage(output.Images ?? []);
      return newest ? toHostImage(newest) : undefined;
    },
    async image(imageId) {
      const output = await awsCall({ action: 'ec2:DescribeImages', resource: imageId }, () =>
        ec2.send(new DescribeImagesCommand(imageInput(imageId))).catch((error: unknown) => {
          if (error instanceof Error && /^InvalidAMIID\./.test(error.name)) return { Images: [] };
          throw error;
        }),
      );
      const found = output.Images?.find((image) => image.ImageId === imageId);
      return found ? toHostImage(found) : undefined;
    },
    async launchedWith(clientToken) {
      const output = await awsCall({ action: 'ec2:DescribeInstances', resource: `client-token ${clientToken}` }, () =>
        ec2.send(new DescribeInstancesCommand(launchedWithInput(clientToken))),
      );
      const found = output.Reservations?.flatMap((reservation) => reservation.Instances ?? [])[0];
      return found ? toHostInstance(found) : undefined;
    },
    async launch(input) {
      const output = await write('ec2:RunInstances', input.ImageId ?? '(no image)', () =>
        ec2.send(new RunInstancesCommand(input)),
      );
      const instanceId = output.Instances?.[0]?.InstanceId;
      if (!instanceId)
        throw new Error(`RunInstances answered without an InstanceId (ClientToken ${input.ClientToken})`);
      return instanceId;
    },
    async elasticIpHolder(allocationId) {
      const output = await awsCall({ action: 'ec2:DescribeAddresses', resource: allocationId }, () =>
        ec2.send(new DescribeAddressesCommand(elasticIpInput(allocationId))),
      );
      return output.Addresses?.find((address) => address.AllocationId === allocationId)?.InstanceId;
    },
    associateAddress: async (allocationId, instanceId) =>
      void (await write('ec2:AssociateAddress', `${allocationId} -> ${instanceId}`, () =>
        ec2.send(new AssociateAddressCommand(associateAddressInput(allocationId, instanceId))),
      )),
    tagInstance: async (instanceId, key, value) =>
      void (await write('ec2:CreateTags', instanceId, () =>
        ec2.send(new CreateTagsCommand(hostTagInput(instanceId, key, value))),
      )),
  };
}
