import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeInstanceStatusCommand, type DescribeInstancesCommandInput, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '../../alarms/clock.js';
import type { HostConfig } from '../../config/host-config.js';
import { awsCall } from '../aws/aws-errors.js';
import { findHost, type HostInstance } from './host-instance.js';
import {
  cpuMetricInput,
  findHostInput,
  instanceInformationInput,
  instanceStatusInput,
  shellCommandInput,
} from './host-inputs.js';
import { createHostRebuildVerbs, type HostRebuildVerbs } from './host-rebuild-verbs.js';
import { createHostResizeVerbs, type HostResizeVerbs } from './host-resize-verbs.js';
import { runShell, type InvocationPolling, type ShellResult } from './host-run-command.js';

export type { HostInstance } from './host-instance.js';
export type { ShellResult } from './host-run-command.js';
export type { HostImage } from './host-rebuild-verbs.js';

/** `DescribeInstanceStatus`'s two checks: `ok`, `impaired`, `initializing`, `insufficient-data`, `not-applicable`. */
export interface HostStatusChecks {
  SystemStatus: string;
  InstanceStatus: string;
  /** Scheduled events (`instance-reboot`, `system-maintenance`, …) with their `NotBefore`, ISO 8601. */
  Events: { Code: string; NotBefore?: string; Description?: string }[];
}

/** CPUUtilization (percent) over the last hour: the newest 5-minute average, and the hour's highest maximum. */
export interface HostCpu {
  latestAverage?: number;
  /** ISO 8601 UTC of the newest point. */
  latestAt?: string;
  hourMaximum?: number;
}

/** The SSM agent as `DescribeInstanceInformation` reports it; `PingStatus` `Online`, `ConnectionLost` or `Inactive`. */
export interface HostSsmAgent {
  PingStatus: string;
  /** ISO 8601 UTC. */
  LastPingDateTime?: string;
  AgentVersion?: string;
  PlatformName?: string;
}

/**
 * The station's EC2 host (`host:` in the YAML), found by its tag on every call. Errors come back in words
 * ({@link awsCall}): AccessDenied names the IAM action; no or several tagged instances are a `precondition`.
 * APIs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/, https://docs.aws.amazon.com/systems-manager/latest/APIReference/
 */
export interface HostOperations extends HostResizeVerbs, HostRebuildVerbs {
  host: HostConfig;
  region: string;
  /** The exact `DescribeInstances` input that finds the host (for plans). */
  findHostInput(): DescribeInstancesCommandInput;
  findHost(): Promise<HostInstance>;
  statusChecks(instanceId: string): Promise<HostStatusChecks>;
  cpu(instanceId: string, now: Date): Promise<HostCpu>;
  /** `undefined` when the instance is not registered with Systems Manager. */
  ssmAgent(instanceId: string): Promise<HostSsmAgent | undefined>;
  /**
   * `AWS-RunShellScript` of `commands` on the instance, waited for (see {@link runShell}); `readOnly` when the
   * script changes nothing (`journalctl`), so a dropped SendCommand is answered as a read that changed nothing.
   */
  runShell(instanceId: string, commands: string[], comment: string, readOnly?: boolean): Promise<ShellResult>;
}

export interface HostClients {
  ec2: EC2Client;
  ssm: SSMClient;
  cloudwatch: CloudWatchClient;
}

/** Builds {@link HostOperations} on SDK clients; `signal` ends waits between Run Command looks. */
export function createHostOperations(
  clients: HostClients,
  radio: { region: string; host: HostConfig },
  options: { clock: Clock; polling?: InvocationPolling; signal?: AbortSignal },
): HostOperations {
  const { ec2, ssm, cloudwatch } = clients;
  const { host, region } = radio;
  return {
    ...createHostResizeVerbs(ec2),
    ...createHostRebuildVerbs(ec2),
    host,
    region,
    findHostInput: () => findHostInput(host),
    findHost: () => findHost(ec2, host, region),
    async statusChecks(instanceId) {
      const output = await awsCall({ action: 'ec2:DescribeInstanceStatus', resource: instanceId }, () =>
        ec2.send(new DescribeInstanceStatusCommand(instanceStatusInput(instanceId))),
      );
      const status = output.InstanceStatuses?.[0];
      return {
        SystemStatus: status?.SystemStatus?.Status ?? 'not reported',
        InstanceStatus: status?.InstanceStatus?.Status ?? 'not reported',
        Events: (status?.Events ?? []).map((event) => ({
          Code: event.Code ?? 'unknown',
          NotBefore: event.NotBefore?.toISOString(),
          Description: event.Description,
        })),
      };
    },
    async cpu(instanceId, now) {
      const output = await awsCall(
        { action: 'cloudwatch:GetMetricData', resource: `AWS/EC2 CPUUtilization ${instanceId}` },
        () => cloudwatch.send(new GetMetricDataCommand(cpuMetricInput(instanceId, now))),
      );
      const series = (id: string) => output.MetricDataResults?.find((result) => result.Id === id);
      const average = series('average');
      const maximum = series('maximum')?.Values ?? [];
      return {
        latestAverage: average?.Values?.[0],
        latestAt: average?.Timestamps?.[0]?.toISOString(),
        hourMaximum: maximum.length > 0 ? Math.max(...maximum) : undefined,
      };
    },
    async ssmAgent(instanceId) {
      const output = await awsCall({ action: 'ssm:DescribeInstanceInformation', resource: instanceId }, () =>
        ssm.send(new DescribeInstanceInformationCommand(instanceInformationInput(instanceId))),
      );
      const found = output.InstanceInformationList?.find((information) => information.InstanceId === instanceId);
      if (!found) return undefined;
      return {
        PingStatus: found.PingStatus ?? 'unknown',
        LastPingDateTime: found.LastPingDateTime?.toISOString(),
        AgentVersion: found.AgentVersion,
        PlatformName: found.PlatformName,
      };
    },
    runShell: (instanceId, commands, comment, readOnly) =>
      runShell(ssm, shellCommandInput(instanceId, commands, comment), { ...options, readOnly }),
  };
}
