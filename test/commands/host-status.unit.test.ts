import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, DescribeInstanceStatusCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { shown } from '../support/aws-command-harness.js';
import { commandRunner } from '../support/command-runner.js';
import { awsError, HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';

const m = mockedHost();
beforeEach(() => m.reset());
const runner = (aws: { mode: 'live' | 'dry-run'; reason?: string } = { mode: 'live' }) =>
  commandRunner({ host: m.host, aws });

function healthyHost() {
  m.instancesAre(hostInstance());
  m.ec2Mock.on(DescribeInstanceStatusCommand).resolves({
    InstanceStatuses: [
      {
        InstanceId: HOST_ID,
        SystemStatus: { Status: 'ok' },
        InstanceStatus: { Status: 'impaired' },
        Events: [
          { Code: 'system-reboot', NotBefore: new Date('2025-03-20T02:00:00Z'), Description: 'scheduled reboot' },
        ],
      },
    ],
  });
  m.cloudwatchMock.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      { Id: 'average', Timestamps: [new Date('2025-03-14T20:55:00Z')], Values: [37.25] },
      {
        Id: 'maximum',
        Timestamps: [new Date('2025-03-14T20:55:00Z'), new Date('2025-03-14T20:50:00Z')],
        Values: [61.5, 88],
      },
    ],
  });
  m.ssmMock.on(DescribeInstanceInformationCommand).resolves({
    InstanceInformationList: [
      {
        InstanceId: HOST_ID,
        PingStatus: 'Online',
        LastPingDateTime: new Date('2025-03-14T20:59:00Z'),
        AgentVersion: '3.3.1142.0',
      },
    ],
  });
}

describe('host status', () => {
  it('finds the host by tag and reads its checks, CPU over the last hour and SSM agent with exact inputs', async () => {
    healthyHost();
    const outcome = await runner().run('host status');
    expect(outcome.status).toBe('succeeded');
    expect(m.ec2Mock.commandCalls(DescribeInstanceStatusCommand).map((call) => call.args[0].input)).toEqual([
      { InstanceIds: [HOST_ID], IncludeAllInstances: true },
    ]);
    const [metrics] = m.cloudwatchMock.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    const metric = {
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId', Value: HOST_ID }],
    };
    expect(metrics).toMatchObject({
      ScanBy: 'TimestampDescending',
      MetricDataQueries: [
        { Id: 'average', MetricStat: { Metric: metric, Period: 300, Stat: 'Average' } },
        { Id: 'maximum', MetricStat: { Metric: metric, Period: 300, Stat: 'Maximum' } },
      ],
    });
    expect(metrics!.EndTime!.getTime() - metrics!.StartTime!.getTime()).toBe(3_600_000);
    expect(m.ssmMock.commandCalls(DescribeInstanceInformationCommand).map((call) => call.args[0].input)).toEqual([
      { Filters: [{ Key: 'InstanceIds', Values: [HOST_ID] }] },
    ]);
    expect(outcome.reply.summary).toBe(
      `Host ${HOST_ID}: running, t3.medium in us-east-1a; checks system ok, instance impaired; SSM agent Online`,
    );
    const text = shown(outcome.reply);
    expect(text).toMatch(/Launched\s+2025-03-12 08:00:00 UTC/);
    expect(text).toMatch(/CPU\s+37\.3% \(5-minute average at 2025-03-14 20:55 UTC\); highest 88% in the last hour/);
    expect(text).toMatch(/SSM agent\s+Online \(3\.3\.1142\.0, last ping 2025-03-14 20:59:00 UTC/);
    expect(text).toContain('system-reboot not before 2025-03-20T02:00:00.000Z: scheduled reboot');
    expect(text).toContain('The instance status check is impaired');
  });

  it('says when the host is stopped and the agent is not registered, without CPU points', async () => {
    m.instancesAre(hostInstance({ State: { Name: 'stopped' } }));
    m.ec2Mock.on(DescribeInstanceStatusCommand).resolves({
      InstanceStatuses: [
        {
          InstanceId: HOST_ID,
          SystemStatus: { Status: 'not-applicable' },
          InstanceStatus: { Status: 'not-applicable' },
        },
      ],
    });
    m.cloudwatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    m.ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    const outcome = await runner().run('host status');
    expect(outcome.reply.summary).toBe(
      `Host ${HOST_ID}: stopped, t3.medium in us-east-1a; checks system not-applicable, instance not-applicable; SSM agent not registered`,
    );
    const text = shown(outcome.reply);
    expect(text).toMatch(/CPU\s+no data points in the last hour/);
    expect(text).toMatch(/Uptime\s+- \(stopped\)/);
  });

  it('dry-run (and AWS in dry-run mode) shows the exact calls, and sends nothing', async () => {
    const outcome = await runner({ mode: 'dry-run', reason: 'aws.mode is dry-run' }).run('host status');
    const text = shown(outcome.reply);
    expect(text).toContain('EC2 DescribeInstances');
    expect(text).toContain('"Name": "tag:radio-ops:role"');
    expect(text).toContain('SSM DescribeInstanceInformation');
    const asked = await runner().run('host status --dry-run');
    expect(shown(asked.reply)).toContain('"Key": "InstanceIds"');
    expect(m.ec2Mock.calls()).toHaveLength(0);
    expect(m.ssmMock.calls()).toHaveLength(0);
  });

  it('words AccessDenied on the status checks naming the action', async () => {
    m.instancesAre(hostInstance());
    m.ec2Mock.on(DescribeInstanceStatusCommand).rejects(awsError('UnauthorizedOperation'));
    m.cloudwatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    m.ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    const outcome = await runner().run('host status');
    expect(outcome).toMatchObject({ status: 'failed', code: 'iam_denied' });
    expect(outcome.reply.summary).toContain(`AWS refused \`ec2:DescribeInstanceStatus\` on \`${HOST_ID}\``);
    expect(m.ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(1);
  });
});
