import type { RadioConfig } from '../../config/radio-config.js';
import type { IamScope, IamStatement } from '../aws/iam-statement.js';
import { pendingTagValue } from './host-rebuild-inputs.js';

/**
 * The grants of `dr rebuild-host` and its `host-rebuild` watcher (the reads are in `HostRead`; the old instance's
 * `StopInstances` is `HostResizeTaggedInstance`'s, as it still carries the host tag then).
 * - `RunInstances` creates the instance and its volumes only carrying the host tag's pending value
 *   (`aws:RequestTag`), and uses an AMI, subnet, security groups, key pair and a new network interface (resources
 *   AWS requires on the same call; AMIs of this account only when the account is known: `ec2:Owner`);
 * - `CreateTags` on launch only (`ec2:CreateAction`), else on instances carrying the host tag or its pending value
 *   (the cut-over retags the old one and tags the new one);
 * - `iam:PassRole` of the instance profile's role, to EC2 only;
 * - `AssociateAddress` of the configured Elastic IP (any of the account's when none is configured) to the new
 *   instance (still carrying the pending value then).
 * Sources: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html#iam-example-runinstances,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
 */
export function hostRebuildIamStatements(
  radio: RadioConfig,
  { arn, partition, region, account }: IamScope,
): IamStatement[] {
  const { key, value } = radio.host.tag;
  const pending = pendingTagValue(value);
  const instances = arn('ec2', 'instance/*');
  return [
    {
      Sid: 'HostRebuildLaunchTagged',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: [instances, arn('ec2', 'volume/*')],
      Condition: { StringEquals: { [`aws:RequestTag/${key}`]: pending } },
    },
    {
      Sid: 'HostRebuildLaunchImage',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      // image ARNs carry no account: arn:aws:ec2:<region>::image/<id>
      Resource: [`arn:${partition}:ec2:${region}::image/*`],
      ...(account === '*' ? {} : { Condition: { StringEquals: { 'ec2:Owner': account } } }),
    },
    {
      Sid: 'HostRebuildLaunchNetwork',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: [
        arn('ec2', 'subnet/*'),
        arn('ec2', 'security-group/*'),
        arn('ec2', 'network-interface/*'),
        arn('ec2', 'key-pair/*'),
      ],
    },
    {
      Sid: 'HostRebuildTagOnLaunch',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [instances, arn('ec2', 'volume/*')],
      Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
    },
    {
      Sid: 'HostRebuildRetag',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [instances],
      Condition: { StringEquals: { [`ec2:ResourceTag/${key}`]: [value, pending] } },
    },
    {
      Sid: 'HostRebuildPassInstanceRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [`arn:${partition}:iam::${account}:role/*`],
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    },
    {
      Sid: 'HostRebuildElasticIp',
      Effect: 'Allow',
      Action: ['ec2:AssociateAddress'],
      Resource: [arn('ec2', `elastic-ip/${radio.host.elasticIp ?? '*'}`)],
    },
    {
      Sid: 'HostRebuildAssociateNewInstance',
      Effect: 'Allow',
      Action: ['ec2:AssociateAddress'],
      Resource: [instances],
      Condition: { StringEquals: { [`ec2:ResourceTag/${key}`]: pending } },
    },
  ];
}
