import type {
  AssociateAddressCommandInput,
  CreateTagsCommandInput,
  DescribeAddressesCommandInput,
  DescribeImagesCommandInput,
  DescribeInstancesCommandInput,
  Image,
  Instance,
  RunInstancesCommandInput,
  Tag,
} from '@aws-sdk/client-ec2';

// The exact EC2 inputs of `dr rebuild-host` (the first, pure part: choosing the AMI and the launch), so a plan
// and the run build the same ones. Sources: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Run_Instance_Idempotency.html

/** The backup AMIs: owned by this account, named like `host.backupAmi.name`, available. */
export const backupImagesInput = (namePattern: string): DescribeImagesCommandInput => ({
  Owners: ['self'],
  Filters: [
    { Name: 'name', Values: [namePattern] },
    { Name: 'state', Values: ['available'] },
  ],
});

/** The newest image by `CreationDate` (ISO 8601, so string order is time order); undefined when there is none. */
export function newestImage(images: readonly Image[]): Image | undefined {
  return [...images]
    .filter((image) => image.ImageId && image.CreationDate)
    .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
}

/**
 * The host tag's value on the new instance until the cut-over. Chosen order: launch under this value, so exactly
 * one instance carries the host tag (the old one) while the new one boots and every other command keeps working;
 * at the cut-over the old one is retagged `<value>-replaced-<date>` first, then the new one gets `<value>`. Between
 * the two CreateTags no instance carries it: commands then fail in words ("no instance tagged"), which is safer than
 * two instances carrying it (a restart or resize could act on the wrong one).
 */
export const pendingTagValue = (value: string) => `${value}-pending`;
export const replacedTagValue = (value: string, at: Date) => `${value}-replaced-${at.toISOString().slice(0, 10)}`;

/**
 * RunInstances for the replacement: `imageId` with the old instance's subnet, security groups, instance profile,
 * type, key pair and tags (the host tag under its pending value; `aws:` tags are AWS's own and may not be set).
 * `clientToken` is the operation's idempotency key: a retried launch with it returns the first launch, not a second
 * instance (EC2 keeps a token for at least 7 days; at most 64 ASCII characters).
 */
export function runInstancesInput(
  old: Instance,
  imageId: string,
  clientToken: string,
  hostTag: { key: string; value: string },
): RunInstancesCommandInput {
  const tags: Tag[] = (old.Tags ?? [])
    .filter((tag) => tag.Key && !tag.Key.toLowerCase().startsWith('aws:'))
    .map((tag) => (tag.Key === hostTag.key ? { Key: tag.Key, Value: pendingTagValue(hostTag.value) } : tag));
  if (!tags.some((tag) => tag.Key === hostTag.key))
    tags.push({ Key: hostTag.key, Value: pendingTagValue(hostTag.value) });
  return {
    ImageId: imageId,
    InstanceType: old.InstanceType,
    MinCount: 1,
    MaxCount: 1,
    ClientToken: clientToken.slice(0, 64),
    SubnetId: old.SubnetId,
    SecurityGroupIds: (old.SecurityGroups ?? []).flatMap((group) => (group.GroupId ? [group.GroupId] : [])),
    ...(old.IamInstanceProfile?.Arn ? { IamInstanceProfile: { Arn: old.IamInstanceProfile.Arn } } : {}),
    ...(old.KeyName ? { KeyName: old.KeyName } : {}),
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags },
      { ResourceType: 'volume', Tags: tags },
    ],
  };
}

/** `DescribeImages` of one AMI given with `--ami`. */
export const imageInput = (imageId: string): DescribeImagesCommandInput => ({ ImageIds: [imageId] });

/** `DescribeInstances` of what a launch with `clientToken` started: a retried run finds it and launches nothing. */
export const launchedWithInput = (clientToken: string): DescribeInstancesCommandInput => ({
  Filters: [{ Name: 'client-token', Values: [clientToken.slice(0, 64)] }],
});

/** `DescribeAddresses` of the configured Elastic IP: which instance holds it now. */
export const elasticIpInput = (allocationId: string): DescribeAddressesCommandInput => ({
  AllocationIds: [allocationId],
});

/**
 * The Elastic IP moved to `instanceId`; `AllowReassociation` lets it leave the old instance in the same call.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateAddress.html
 */
export const associateAddressInput = (allocationId: string, instanceId: string): AssociateAddressCommandInput => ({
  AllocationId: allocationId,
  InstanceId: instanceId,
  AllowReassociation: true,
});

/** `CreateTags` of one tag on one instance (the host tag's cut-over). */
export const hostTagInput = (instanceId: string, key: string, value: string): CreateTagsCommandInput => ({
  Resources: [instanceId],
  Tags: [{ Key: key, Value: value }],
});

/** The operation poller's target of a rebuild: `<old InstanceId> <new InstanceId> <yyyy-mm-dd of the replaced tag>`. */
export const rebuildTarget = (oldId: string, newId: string, at: Date) =>
  `${oldId} ${newId} ${at.toISOString().slice(0, 10)}`;
export function parseRebuildTarget(target: string): { oldId: string; newId: string; replacedOn: Date } {
  const [oldId = '', newId = '', day = ''] = target.split(' ');
  return { oldId, newId, replacedOn: new Date(`${day}T00:00:00Z`) };
}
