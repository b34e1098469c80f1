import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { cpuMetricInput, instanceInformationInput, instanceStatusInput } from '../integrations/host/host-inputs.js';
import type { HostCpu, HostInstance, HostSsmAgent, HostStatusChecks } from '../integrations/host/host-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, type ReplyPart } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

/** Stands for the tagged instance's id in a plan: it is known only once DescribeInstances has answered. */
export const TAGGED_INSTANCE = '<InstanceId of the tagged instance>';

/** What `host status` read, and when (`readAt`: ages and uptime are counted from it). */
export interface HostStatusResult {
  readAt: Date;
  instance: HostInstance;
  checks: HostStatusChecks;
  cpu: HostCpu;
  /** `undefined`: not registered with Systems Manager. */
  agent?: HostSsmAgent;
}

/**
 * `host status`: the host found by `host.tag`: state, type, AZ, uptime (from `LaunchTime`, the last start), the
 * system and instance status checks with scheduled events, CPUUtilization over the last hour (CloudWatch), and
 * whether its SSM agent is online (what `host logs` and `host restart` need).
 * APIs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceStatus.html,
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
 */
export function createHostStatusCommand(now: () => Date = () => new Date()) {
  return defineCommand({
    name: 'host status',
    usage: 'host status',
    summary: 'Show the Liquidsoap host: EC2 state, status checks, CPU, uptime and SSM agent',
    examples: ['host status'],
    positional: [],
    flags: {},
    needs: ['host'],
    args: z.object({}),
    risk: () => 'read',
    dryRunOnly: awsDryRunOnly,
    async plan({ integrations }) {
      return awsReadPlan([
        { service: 'EC2', operation: 'DescribeInstances', input: integrations.host.findHostInput() },
        { service: 'EC2', operation: 'DescribeInstanceStatus', input: instanceStatusInput(TAGGED_INSTANCE) },
        { service: 'CloudWatch', operation: 'GetMetricData', input: cpuMetricInput(TAGGED_INSTANCE, now()) },
        { service: 'SSM', operation: 'DescribeInstanceInformation', input: instanceInformationInput(TAGGED_INSTANCE) },
      ]);
    },
    async run({ integrations }): Promise<HostStatusResult> {
      const { host } = integrations;
      const instance = await host.findHost();
      const readAt = now();
      const [checks, cpu, agent] = await Promise.all([
        host.statusChecks(instance.InstanceId),
        host.cpu(instance.InstanceId, readAt),
        host.ssmAgent(instance.InstanceId),
      ]);
      return { readAt, instance, checks, cpu, agent };
    },
    present(result) {
      const { instance, checks, agent } = result;
      const agentText = agent ? agent.PingStatus : 'not registered';
      return {
        summary: `Host ${instance.InstanceId}: ${instance.State}, ${instance.InstanceType} in ${instance.AvailabilityZone ?? '?'}; checks system ${checks.SystemStatus}, instance ${checks.InstanceStatus}; SSM agent ${agentText}`,
        visibility: 'in_channel',
        parts: [
          fields(
            ['Instance', `${instance.InstanceId} (${instance.ImageId ?? '?'})`],
            ['State', instance.State],
            ['Type', instance.InstanceType],
            ['Availability Zone', instance.AvailabilityZone ?? '-'],
            ['Launched', utcWithAge(instance.LaunchTime ? new Date(instance.LaunchTime) : undefined, result.readAt)],
            ['Uptime', uptime(instance, result.readAt)],
            ['Status checks', `system ${checks.SystemStatus}, instance ${checks.InstanceStatus}`],
            ['CPU', cpuLine(result.cpu)],
            ['SSM agent', agentLine(agent, result.readAt)],
            ['Addresses', [instance.PrivateIpAddress, instance.PublicIpAddress].filter(Boolean).join(', ') || '-'],
          ),
          ...warnings(result),
        ],
      };
    },
  });
}

/** The registry's `host status`, on the wall clock. */
export const hostStatusCommand = createHostStatusCommand();

function uptime(instance: HostInstance, readAt: Date): string {
  if (instance.State !== 'running' || !instance.LaunchTime) return `- (${instance.State})`;
  return formatDuration(readAt.getTime() - Date.parse(instance.LaunchTime));
}

const percent = (value: number) => `${Number(value.toFixed(1))}%`;

function cpuLine(cpu: HostCpu): string {
  if (cpu.latestAverage === undefined) return 'no data points in the last hour';
  const at = cpu.latestAt ? ` at ${cpu.latestAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const highest = cpu.hourMaximum === undefined ? '' : `; highest ${percent(cpu.hourMaximum)} in the last hour`;
  return `${percent(cpu.latestAverage)} (5-minute average${at})${highest}`;
}

function agentLine(agent: HostSsmAgent | undefined, readAt: Date): string {
  if (!agent) return 'not registered with Systems Manager';
  const ping = agent.LastPingDateTime ? `, last ping ${utcWithAge(new Date(agent.LastPingDateTime), readAt)}` : '';
  return `${agent.PingStatus} (${agent.AgentVersion ?? 'version unknown'}${ping})`;
}

function warnings({ instance, checks, agent }: HostStatusResult): ReplyPart[] {
  const parts: ReplyPart[] = checks.Events.map((event) =>
    note(`Scheduled: ${event.Code} not before ${event.NotBefore ?? '?'}: ${event.Description ?? ''}`.trim(), 'warning'),
  );
  for (const [name, status] of [
    ['system', checks.SystemStatus],
    ['instance', checks.InstanceStatus],
  ] as const) {
    if (status === 'impaired') parts.push(note(`The ${name} status check is impaired.`, 'error'));
  }
  if (instance.State === 'running' && agent?.PingStatus !== 'Online') {
    parts.push(
      note(
        'The SSM agent is not online: `host logs` and `host restart` need it (Run Command reaches the host through it).',
        'warning',
      ),
    );
  }
  return parts;
}
