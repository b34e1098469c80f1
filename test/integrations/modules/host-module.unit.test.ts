import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostModule } from '../../../src/integrations/host/host-module.js';
import { awsError, HOST_ID, hostInstance, mockedHost } from '../../support/host-fixtures.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const m = mockedHost();
beforeEach(() => m.reset());

describe('the host module: finding the host by its tag', () => {
  it('asks DescribeInstances for the tag in a live state, and answers the one instance in EC2 names', async () => {
    m.instancesAre(hostInstance());
    const found = await m.host.findHost();
    expect(m.ec2Mock.commandCalls(DescribeInstancesCommand).map((call) => call.args[0].input)).toEqual([
      {
        Filters: [
          { Name: 'tag:radio-ops:role', Values: ['liquidsoap'] },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
        ],
      },
    ]);
    expect(found).toMatchObject({
      InstanceId: HOST_ID,
      InstanceType: 't3.medium',
      State: 'running',
      AvailabilityZone: 'us-east-1a',
      LaunchTime: '2025-03-12T08:00:00.000Z',
      SecurityGroupIds: ['sg-0bbb'],
    });
  });

  it('says so when no instance or two instances carry the tag, naming them', async () => {
    m.instancesAre();
    await expect(m.host.findHost()).rejects.toMatchObject({
      code: 'precondition',
      message: expect.stringMatching(
        /^No EC2 instance tagged `radio-ops:role=liquidsoap` \(pending, running, stopping or stopped\) in us-east-1/,
      ),
    });
    m.instancesAre(hostInstance(), hostInstance({ InstanceId: 'i-0old', State: { Name: 'stopped' } }));
    await expect(m.host.findHost()).rejects.toMatchObject({
      code: 'precondition',
      message: expect.stringContaining(
        `2 EC2 instances are tagged \`radio-ops:role=liquidsoap\` in us-east-1: ${HOST_ID} (running), i-0old (stopped). radio-ops acts on exactly one host`,
      ),
    });
  });

  it('words AccessDenied naming ec2:DescribeInstances', async () => {
    m.ec2Mock.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation'));
    await expect(m.host.findHost()).rejects.toMatchObject({
      code: 'iam_denied',
      message: expect.stringContaining(
        'AWS refused `ec2:DescribeInstances` on `instances tagged radio-ops:role=liquidsoap`',
      ),
    });
  });
});

describe('the host module: Run Command', () => {
  it('sends AWS-RunShellScript and looks at the invocation until it ends (not registered yet, in progress, success)', async () => {
    m.ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    m.ssmMock
      .on(GetCommandInvocationCommand)
      .rejectsOnce(awsError('InvocationDoesNotExist'))
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({ Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, StandardOutputContent: 'ok\n' });
    const result = await m.host.runShell(HOST_ID, ['echo ok'], 'radio-ops test');
    expect(m.ssmMock.commandCalls(SendCommandCommand).map((call) => call.args[0].input)).toEqual([
      {
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [HOST_ID],
        Comment: 'radio-ops test',
        Parameters: { commands: ['echo ok'], executionTimeout: ['60'] },
      },
    ]);
    expect(m.ssmMock.commandCalls(GetCommandInvocationCommand).map((call) => call.args[0].input)).toEqual(
      Array(3).fill({ CommandId: 'cmd-1', InstanceId: HOST_ID }),
    );
    expect(result).toEqual({
      CommandId: 'cmd-1',
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      StandardOutputContent: 'ok\n',
      StandardErrorContent: '',
    });
  });

  it('stops looking after maxPolls and says the command may still finish', async () => {
    m.ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-2' } });
    m.ssmMock.on(GetCommandInvocationCommand).resolves({ Status: 'InProgress' });
    await expect(m.host.runShell(HOST_ID, ['sleep 600'], 'radio-ops test')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`Run Command cmd-2 on ${HOST_ID} is still InProgress after 5 checks`),
    });
    expect(m.ssmMock.commandCalls(GetCommandInvocationCommand)).toHaveLength(5);
  });

  it('says what Systems Manager needs when the instance is not a managed instance', async () => {
    m.ssmMock.on(SendCommandCommand).rejects(awsError('InvalidInstanceId'));
    await expect(m.host.runShell(HOST_ID, ['true'], 'radio-ops test')).rejects.toMatchObject({
      code: 'precondition',
      message: expect.stringMatching(
        /^Systems Manager can't run commands on i-0abc1234def567890 \(InvalidInstanceId\): it must be running with the SSM agent online/,
      ),
    });
  });
});

describe('the host module: registration and IAM', () => {
  it('is created without building a client, with the YAML tag', () => {
    const host = hostModule.create(
      integrationContext({ yaml: { host: { tag: { key: 'Role', value: 'radio' } } } }).context,
    );
    expect(host?.findHostInput().Filters?.[0]).toEqual({ Name: 'tag:Role', Values: ['radio'] });
  });

  it('grants Run Command on the tagged instances and the one document only; reads on * (no resource types)', () => {
    const radio = integrationContext({ yaml: { region: 'eu-west-1' } }).context.radio;
    expect(hostModule.iamStatements?.(radio, iamScope('eu-west-1'))).toEqual([
      {
        Sid: 'HostRead',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceStatus',
          'ssm:DescribeInstanceInformation',
          'ssm:GetCommandInvocation',
          'ec2:DescribeImages',
          'ec2:DescribeAddresses',
        ],
        Resource: ['*'],
      },
      { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
      {
        Sid: 'HostRunShellDocument',
        Effect: 'Allow',
        Action: ['ssm:SendCommand'],
        Resource: ['arn:aws:ssm:eu-west-1::document/AWS-RunShellScript'],
      },
      {
        Sid: 'HostRunShellOnTaggedInstance',
        Effect: 'Allow',
        Action: ['ssm:SendCommand'],
        Resource: ['arn:aws:ec2:eu-west-1:123456789012:instance/*'],
        Condition: { StringEquals: { 'ssm:resourceTag/radio-ops:role': 'liquidsoap' } },
      },
      {
        Sid: 'HostResizeTaggedInstance',
        Effect: 'Allow',
        Action: ['ec2:CreateSnapshots', 'ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances'],
        Resource: ['arn:aws:ec2:eu-west-1:123456789012:instance/*'],
        Condition: { StringEquals: { 'ec2:ResourceTag/radio-ops:role': 'liquidsoap' } },
      },
      {
        Sid: 'HostResizeSnapshots',
        Effect: 'Allow',
        Action: ['ec2:CreateSnapshots'],
        Resource: ['arn:aws:ec2:eu-west-1:123456789012:volume/*', 'arn:aws:ec2:eu-west-1::snapshot/*'],
      },
      ...REBUILD_STATEMENTS('*'),
    ]);
  });

  it('grants dr rebuild-host a launch only carrying the pending tag, retags of the host only, the one Elastic IP', () => {
    const radio = integrationContext({ yaml: { region: 'eu-west-1', host: { elasticIp: EIP } } }).context.radio;
    const statements = hostModule.iamStatements?.(radio, iamScope('eu-west-1')) ?? [];
    expect(statements.filter((statement) => statement.Sid.startsWith('HostRebuild'))).toEqual(REBUILD_STATEMENTS(EIP));
  });
});

const EIP = 'eipalloc-0123456789abcdef0';
const ARN = 'arn:aws:ec2:eu-west-1:123456789012';
const REBUILD_STATEMENTS = (elasticIp: string) => [
  {
    Sid: 'HostRebuildLaunchTagged',
    Effect: 'Allow',
    Action: ['ec2:RunInstances'],
    Resource: [`${ARN}:instance/*`, `${ARN}:volume/*`],
    Condition: { StringEquals: { 'aws:RequestTag/radio-ops:role': 'liquidsoap-pending' } },
  },
  {
    Sid: 'HostRebuildLaunchImage',
    Effect: 'Allow',
    Action: ['ec2:RunInstances'],
    Resource: ['arn:aws:ec2:eu-west-1::image/*'],
    Condition: { StringEquals: { 'ec2:Owner': '123456789012' } },
  },
  {
    Sid: 'HostRebuildLaunchNetwork',
    Effect: 'Allow',
    Action: ['ec2:RunInstances'],
    Resource: [`${ARN}:subnet/*`, `${ARN}:security-group/*`, `${ARN}:network-interface/*`, `${ARN}:key-pair/*`],
  },
  {
    Sid: 'HostRebuildTagOnLaunch',
    Effect: 'Allow',
    Action: ['ec2:CreateTags'],
    Resource: [`${ARN}:instance/*`, `${ARN}:volume/*`],
    Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
  },
  {
    Sid: 'HostRebuildRetag',
    Effect: 'Allow',
    Action: ['ec2:CreateTags'],
    Resource: [`${ARN}:instance/*`],
    Condition: { StringEquals: { 'ec2:ResourceTag/radio-ops:role': ['liquidsoap', 'liquidsoap-pending'] } },
  },
  {
    Sid: 'HostRebuildPassInstanceRole',
    Effect: 'Allow',
    Action: ['iam:PassRole'],
    Resource: ['arn:aws:iam::123456789012:role/*'],
    Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
  },
  {
    Sid: 'HostRebuildElasticIp',
    Effect: 'Allow',
    Action: ['ec2:AssociateAddress'],
    Resource: [`${ARN}:elastic-ip/${elasticIp}`],
  },
  {
    Sid: 'HostRebuildAssociateNewInstance',
    Effect: 'Allow',
    Action: ['ec2:AssociateAddress'],
    Resource: [`${ARN}:instance/*`],
    Condition: { StringEquals: { 'ec2:ResourceTag/radio-ops:role': 'liquidsoap-pending' } },
  },
];
