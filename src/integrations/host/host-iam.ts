import type { RadioConfig } from '../../config/radio-config.js';
import type { IamScope, IamStatement } from '../aws/iam-statement.js';
import { hostRebuildIamStatements } from './host-rebuild-iam.js';

/**
 * The host module's grants. Run Command is allowed with the `AWS-RunShellScript` document on instances carrying
 * the host tag only (`ssm:resourceTag/<key>`: a shell on any other instance is refused by IAM too). The reads
 * AWS authorizes only on `*`: `ec2:DescribeInstances`, `ec2:DescribeInstanceStatus`, `ec2:DescribeImages`,
 * `ec2:DescribeAddresses`,
 * `ssm:DescribeInstanceInformation`, `ssm:GetCommandInvocation` (no resource types), `cloudwatch:GetMetricData`.
 * Sources: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-rc-setting-up-cmdsec.html
 */
export function hostIamStatements(radio: RadioConfig, scope: IamScope): IamStatement[] {
  const { arn, partition, region } = scope;
  const { key, value } = radio.host.tag;
  return [
    // host status, logs, restart: find the tagged instance, its checks and agent; follow a Run Command
    {
      Sid: 'HostRead',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceStatus',
        'ssm:DescribeInstanceInformation',
        'ssm:GetCommandInvocation',
        // dr rebuild-host: the backup AMIs, where the Elastic IP is
        'ec2:DescribeImages',
        'ec2:DescribeAddresses',
      ],
      Resource: ['*'],
    },
    // host status: CPUUtilization (the same statement as the cdn module's)
    { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
    // host logs, host restart: the one document they send (AWS-owned documents have no account in their ARN)
    {
      Sid: 'HostRunShellDocument',
      Effect: 'Allow',
      Action: ['ssm:SendCommand'],
      Resource: [`arn:${partition}:ssm:${region}::document/AWS-RunShellScript`],
    },
    // … on the tagged host only
    {
      Sid: 'HostRunShellOnTaggedInstance',
      Effect: 'Allow',
      Action: ['ssm:SendCommand'],
      Resource: [arn('ec2', 'instance/*')],
      Condition: { StringEquals: { [`ssm:resourceTag/${key}`]: value } },
    },
    // host resize: snapshots, stop, type, start of the tagged instance only (the watcher reads it by id: HostRead)
    {
      Sid: 'HostResizeTaggedInstance',
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshots', 'ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances'],
      Resource: [arn('ec2', 'instance/*')],
      Condition: { StringEquals: { [`ec2:ResourceTag/${key}`]: value } },
    },
    // … CreateSnapshots also names the instance's volumes and the new snapshots (untagged: no condition)
    {
      Sid: 'HostResizeSnapshots',
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshots'],
      // snapshot ARNs carry no account: arn:aws:ec2:<region>::snapshot/<id>
      Resource: [arn('ec2', 'volume/*'), `arn:${partition}:ec2:${region}::snapshot/*`],
    },
    ...hostRebuildIamStatements(radio, scope),
  ];
}
