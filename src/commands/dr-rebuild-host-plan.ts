import type { Instance } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { HostConfig } from '../config/host-config.js';
import type { HostImage, HostInstance, HostOperations } from '../integrations/host/host-operations.js';
import {
  associateAddressInput,
  backupImagesInput,
  hostTagInput,
  imageInput,
  replacedTagValue,
  runInstancesInput,
} from '../integrations/host/host-rebuild-inputs.js';
import { stopInstancesInput } from '../integrations/host/host-resize-inputs.js';
import type { Plan, PlannedCall } from '../pipeline/command.js';
import { UserError } from '../pipeline/user-error.js';
import { TAGGED_INSTANCE } from './host-status.js';

export const NEW_INSTANCE = '<InstanceId of the new instance>';

/** What the plan decided; stored with the approval (as JSON), so read back with zod. */
export const RebuildState = z.object({
  oldId: z.string(),
  imageId: z.string(),
  /** The exact `RunInstances` input, its `ClientToken` the plan's idempotency key. */
  input: z.looseObject({ ImageId: z.string(), ClientToken: z.string(), MinCount: z.number(), MaxCount: z.number() }),
  /** `yyyy-mm-dd` of the old instance's `<value>-replaced-<date>` tag. */
  replacedOn: z.string(),
});
export type RebuildState = z.infer<typeof RebuildState>;

/** The SDK shape {@link runInstancesInput} copies from. */
const asInstance = (host: HostInstance): Instance => ({
  InstanceType: host.InstanceType as Instance['InstanceType'],
  SubnetId: host.SubnetId,
  SecurityGroups: host.SecurityGroupIds.map((GroupId) => ({ GroupId })),
  ...(host.IamInstanceProfileArn ? { IamInstanceProfile: { Arn: host.IamInstanceProfileArn } } : {}),
  ...(host.KeyName ? { KeyName: host.KeyName } : {}),
  Tags: host.Tags,
});

/** The writes after the launch, in the watcher's order (src/integrations/host/host-rebuild-watcher.ts). */
function cutOverCalls(host: HostConfig, oldId: string, replacedOn: Date): PlannedCall[] {
  const { key, value } = host.tag;
  return [
    ...(host.elasticIp
      ? [{ service: 'EC2', operation: 'AssociateAddress', input: associateAddressInput(host.elasticIp, NEW_INSTANCE) }]
      : []),
    { service: 'EC2', operation: 'StopInstances', input: stopInstancesInput(oldId) },
    { service: 'EC2', operation: 'CreateTags', input: hostTagInput(oldId, key, replacedTagValue(value, replacedOn)) },
    { service: 'EC2', operation: 'CreateTags', input: hostTagInput(NEW_INSTANCE, key, value) },
  ];
}

/** Where the Elastic IP is (`holder`, when read) and that it moves; or what to configure when there is none. */
const elasticIpLine = (host: HostConfig, holder: string | undefined) =>
  host.elasticIp
    ? `${host.elasticIp}: ${holder ? `on ${holder} now; ` : ''}moves to the new instance`
    : "none configured (set host.elasticIp to an allocation id to move it): the new instance gets a new public IP; point DNS and Icecast's URL at it";

const WARNINGS = [
  'The station is off air from the stop of the old instance (after the new one runs and takes the Elastic IP) until Liquidsoap and Icecast are up on the new one.',
  "The new instance has the AMI's disks: anything written on the old host since the AMI was created is not on it.",
  'The old instance is stopped and kept (its volumes are still billed), never terminated by radio-ops: terminate it yourself once the new one is proven.',
  'Between the two CreateTags no instance carries the host tag for a moment: host commands then answer that no host is tagged.',
];

async function chosenImage(ec2: HostOperations, host: HostConfig, region: string, ami?: string): Promise<HostImage> {
  if (!ami) {
    const newest = await ec2.newestBackupImage(host.backupAmi.name);
    if (newest) return newest;
    throw new UserError(
      'precondition',
      `No backup AMI found: no available AMI of this account is named like \`${host.backupAmi.name}\` in ${region} (host.backupAmi.name). Give one with --ami. Nothing was done.`,
    );
  }
  const image = await ec2.image(ami);
  if (!image)
    throw new UserError(
      'precondition',
      `AMI \`${ami}\` was not found in ${region} (or is not shared with this account). Nothing was done.`,
    );
  if (image.State !== 'available')
    throw new UserError(
      'precondition',
      `AMI \`${ami}\` is ${image.State}: only an available AMI can be launched. Nothing was done.`,
    );
  return image;
}

/** The plan from what EC2 reports: the tagged host, the AMI, where the Elastic IP is now. */
export async function onlinePlan(
  ec2: HostOperations,
  host: HostConfig,
  options: { ami?: string; clientToken: string; now: Date },
): Promise<Plan<RebuildState>> {
  const old = await ec2.findHost();
  const image = await chosenImage(ec2, host, ec2.region, options.ami);
  const input = runInstancesInput(asInstance(old), image.ImageId, options.clientToken, host.tag);
  const holder = host.elasticIp ? await ec2.elasticIpHolder(host.elasticIp) : undefined;
  const created = `${image.Name ?? '(no name)'}, created ${image.CreationDate ?? '?'}`;
  return {
    current: [
      ['Old instance', `${old.InstanceId} (${old.State}, ${old.InstanceType}, ${old.AvailabilityZone ?? '?'})`],
      ['AMI', `${image.ImageId} ${created} (${options.ami ? 'given with --ami' : 'newest backup'})`],
      ['Elastic IP', elasticIpLine(host, holder ?? 'no instance')],
    ],
    calls: [
      {
        service: 'EC2',
        operation: 'DescribeImages',
        input: options.ami ? imageInput(image.ImageId) : backupImagesInput(host.backupAmi.name),
      },
      { service: 'EC2', operation: 'RunInstances', input },
      ...cutOverCalls(host, old.InstanceId, options.now),
    ],
    warnings: WARNINGS,
    state: {
      oldId: old.InstanceId,
      imageId: image.ImageId,
      input: RebuildState.shape.input.parse(input),
      replacedOn: options.now.toISOString().slice(0, 10),
    },
  };
}

/** Without AWS access: the reads it would make and the writes' shape; nothing read. */
export function offlinePlan(
  host: HostConfig,
  findHostInput: unknown,
  options: { ami?: string; clientToken: string; now: Date; why: string },
): Plan<RebuildState> {
  const imageId = options.ami ?? '<ImageId of the newest backup AMI>';
  const input = { ImageId: imageId, MinCount: 1, MaxCount: 1, ClientToken: options.clientToken.slice(0, 64) };
  return {
    current: [
      ['Host', `not read: ${options.why}`],
      ['Elastic IP', elasticIpLine(host, undefined)],
    ],
    calls: [
      { service: 'EC2', operation: 'DescribeInstances', input: findHostInput },
      {
        service: 'EC2',
        operation: 'DescribeImages',
        input: options.ami ? imageInput(options.ami) : backupImagesInput(host.backupAmi.name),
      },
      { service: 'EC2', operation: 'RunInstances', input },
      ...cutOverCalls(host, TAGGED_INSTANCE, options.now),
    ],
    warnings: [
      "The RunInstances input also carries the host's type, subnet, security groups, instance profile, key pair and tags, read when AWS can be called.",
      ...WARNINGS,
    ],
    state: { oldId: TAGGED_INSTANCE, imageId, input, replacedOn: options.now.toISOString().slice(0, 10) },
  };
}
