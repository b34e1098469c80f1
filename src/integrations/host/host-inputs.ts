import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { DescribeInstanceStatusCommandInput, DescribeInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { DescribeInstanceInformationCommandInput, SendCommandCommandInput } from '@aws-sdk/client-ssm';
import type { HostConfig } from '../../config/host-config.js';

// Pure builders of the host's exact SDK inputs: commands import them for plans without loading an SDK.

/** The states an instance that is still the host can be in (`terminated`/`shutting-down` ones are gone). */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** The exact `DescribeInstances` input that finds the host: its tag, in a live state. */
export function findHostInput(host: Pick<HostConfig, 'tag'>): DescribeInstancesCommandInput {
  return {
    Filters: [
      { Name: `tag:${host.tag.key}`, Values: [host.tag.value] },
      { Name: 'instance-state-name', Values: LIVE_STATES },
    ],
  };
}

/** `radio-ops:role=liquidsoap`, as people read the tag. */
export const tagText = (host: Pick<HostConfig, 'tag'>) => `${host.tag.key}=${host.tag.value}`;

/** The CPU window `host status` reads: the last hour, in 5-minute points (basic monitoring's period). */
export const CPU_WINDOW_MS = 60 * 60_000;
export const CPU_PERIOD_SECONDS = 300;

/** `DescribeInstanceStatus` of the host, stopped or not (without `IncludeAllInstances` a stopped one is left out). */
export const instanceStatusInput = (instanceId: string): DescribeInstanceStatusCommandInput => ({
  InstanceIds: [instanceId],
  IncludeAllInstances: true,
});

/**
 * `GetMetricData` of `AWS/EC2` `CPUUtilization` (percent) for the host over the hour before `now`: the average and
 * the maximum per 5 minutes, newest first.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html
 */
export function cpuMetricInput(instanceId: string, now: Date): GetMetricDataCommandInput {
  const metric = {
    Namespace: 'AWS/EC2',
    MetricName: 'CPUUtilization',
    Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
  };
  return {
    StartTime: new Date(now.getTime() - CPU_WINDOW_MS),
    EndTime: now,
    ScanBy: 'TimestampDescending',
    MetricDataQueries: [
      { Id: 'average', MetricStat: { Metric: metric, Period: CPU_PERIOD_SECONDS, Stat: 'Average' } },
      { Id: 'maximum', MetricStat: { Metric: metric, Period: CPU_PERIOD_SECONDS, Stat: 'Maximum' } },
    ],
  };
}

/** `DescribeInstanceInformation` of the host: is its SSM agent registered and pinging? */
export const instanceInformationInput = (instanceId: string): DescribeInstanceInformationCommandInput => ({
  Filters: [{ Key: 'InstanceIds', Values: [instanceId] }],
});

/** Seconds the shell script may run on the host before the agent stops it (`executionTimeout`). */
const EXECUTION_TIMEOUT_SECONDS = 60;

/**
 * The exact `SendCommand` input of a shell script on one instance: the `AWS-RunShellScript` document, the
 * script lines as `Parameters.commands` (built by radio-ops from allow-listed pieces, never typed by a user),
 * a `Comment` saying which command sent it (at most 100 characters).
 * Source: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
 */
export function shellCommandInput(instanceId: string, commands: string[], comment: string): SendCommandCommandInput {
  return {
    DocumentName: 'AWS-RunShellScript',
    InstanceIds: [instanceId],
    Comment: comment.slice(0, 100),
    Parameters: { commands, executionTimeout: [String(EXECUTION_TIMEOUT_SECONDS)] },
  };
}
