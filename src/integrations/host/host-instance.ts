import { paginateDescribeInstances, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import type { HostConfig } from '../../config/host-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { findHostInput, tagText } from './host-inputs.js';

/**
 * The host as `DescribeInstances` reports it, in EC2's own names; times as ISO 8601 so plans store it as JSON.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html
 */
export interface HostInstance {
  InstanceId: string;
  InstanceType: string;
  /** `pending`, `running`, `stopping`, `stopped`. */
  State: string;
  AvailabilityZone?: string;
  /** ISO 8601 UTC: when it was last started (uptime is counted from it while running). */
  LaunchTime?: string;
  ImageId?: string;
  SubnetId?: string;
  SecurityGroupIds: string[];
  /** The instance profile's ARN, when it has one. */
  IamInstanceProfileArn?: string;
  /** The key pair it was launched with, when any (a rebuilt host keeps it). */
  KeyName?: string;
  PrivateIpAddress?: string;
  PublicIpAddress?: string;
  Tags: { Key: string; Value: string }[];
}

export function toHostInstance(instance: Instance): HostInstance {
  return {
    InstanceId: instance.InstanceId ?? '(unknown)',
    InstanceType: instance.InstanceType ?? '(unknown)',
    State: instance.State?.Name ?? 'unknown',
    AvailabilityZone: instance.Placement?.AvailabilityZone,
    LaunchTime: instance.LaunchTime?.toISOString(),
    ImageId: instance.ImageId,
    SubnetId: instance.SubnetId,
    SecurityGroupIds: (instance.SecurityGroups ?? []).flatMap((group) => (group.GroupId ? [group.GroupId] : [])),
    IamInstanceProfileArn: instance.IamInstanceProfile?.Arn,
    ...(instance.KeyName ? { KeyName: instance.KeyName } : {}),
    PrivateIpAddress: instance.PrivateIpAddress,
    PublicIpAddress: instance.PublicIpAddress,
    Tags: (instance.Tags ?? []).flatMap((tag) => (tag.Key ? [{ Key: tag.Key, Value: tag.Value ?? '' }] : [])),
  };
}

/**
 * The one instance carrying `host.tag` (pending, running, stopping or stopped), by `DescribeInstances` with filters.
 * @throws UserError `precondition` when none or more than one carries it (naming them), `iam_denied` naming
 *   `ec2:DescribeInstances` when refused.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
export async function findHost(ec2: EC2Client, host: Pick<HostConfig, 'tag'>, region: string): Promise<HostInstance> {
  const found = await awsCall(
    { action: 'ec2:DescribeInstances', resource: `instances tagged ${tagText(host)}` },
    async () => {
      const instances: Instance[] = [];
      for await (const page of paginateDescribeInstances({ client: ec2 }, findHostInput(host))) {
        for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
      }
      return instances.map(toHostInstance);
    },
  );
  if (found.length === 0) {
    throw new UserError(
      'precondition',
      `No EC2 instance tagged \`${tagText(host)}\` (pending, running, stopping or stopped) in ${region}: tag the Liquidsoap host so, or set host.tag to the tag it has.`,
    );
  }
  if (found.length > 1) {
    const listed = found.map((instance) => `${instance.InstanceId} (${instance.State})`).join(', ');
    throw new UserError(
      'precondition',
      `${found.length} EC2 instances are tagged \`${tagText(host)}\` in ${region}: ${listed}. radio-ops acts on exactly one host: remove the tag from the others. Nothing was done.`,
    );
  }
  return found[0]!;
}
