import { z } from 'zod';
import { InstanceType } from '../config/host-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import {
  createSnapshotsInput,
  modifyInstanceTypeInput,
  resizeTarget,
  startInstancesInput,
  stopInstancesInput,
} from '../integrations/host/host-resize-inputs.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { TAGGED_INSTANCE } from './host-status.js';

/** What the plan saw; stored with the approval, so read back with zod. */
const ResizeState = z.object({ instanceId: z.string(), from: z.string().nullable(), to: z.string() });
type ResizeState = z.infer<typeof ResizeState>;

/** What `host resize` started: snapshots taken; `follow` makes the approvals follow stop → modify → start. */
export interface HostResizeResult extends ResizeState {
  SnapshotIds: string[];
  follow: { kind: 'host-resize'; target: string };
}

const description = (state: ResizeState) =>
  `radio-ops host resize ${state.instanceId} ${state.from ?? '?'} -> ${state.to}`;

function checkAllowed(config: RadioConfig, instanceType: string): void {
  if (!config.host.allowedInstanceTypes.includes(instanceType)) {
    throw new UserError(
      'precondition',
      `\`${instanceType}\` is not in host.allowedInstanceTypes (${config.host.allowedInstanceTypes.join(', ')}). Nothing was done.`,
    );
  }
}

function planFrom(state: ResizeState, current: [string, string][], lookup?: unknown): Plan<ResizeState> {
  const id = state.instanceId;
  return {
    current,
    calls: [
      ...(lookup ? [{ service: 'EC2', operation: 'DescribeInstances', input: lookup }] : []),
      { service: 'EC2', operation: 'CreateSnapshots', input: createSnapshotsInput(id, description(state)) },
      { service: 'EC2', operation: 'StopInstances', input: stopInstancesInput(id) },
      { service: 'EC2', operation: 'ModifyInstanceAttribute', input: modifyInstanceTypeInput(id, state.to) },
      { service: 'EC2', operation: 'StartInstances', input: startInstancesInput(id) },
    ],
    warnings: [
      'The station is off air from the stop until Liquidsoap and Icecast are up again on the started instance (usually a few minutes).',
      'The snapshots are crash-consistent (taken while running, no reboot); the stop waits for them to be started, not completed.',
      "Without an Elastic IP the instance's public IP changes at the start.",
      "The operation is done only once Icecast lists every channel's mount again (the on-air check after the start).",
    ],
    state,
  };
}

/**
 * `host resize <instance-type>`: crash-consistent snapshots of the tagged host's volumes (`CreateSnapshots`), then,
 * followed by the operation poller (`host-resize` watcher): `StopInstances`, `ModifyInstanceAttribute` InstanceType,
 * `StartInstances`, until running with the new type and every channel on air again (Icecast's stats). Each step is decided from EC2's state of the moment, so a
 * restart resumes without repeating a write; each is audited as a follow-up. Types from `host.allowedInstanceTypes`.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html
 */
export const hostResizeCommand = defineCommand({
  name: 'host resize',
  usage: 'host resize <instance-type>',
  summary: 'Snapshot, stop, retype and start the Liquidsoap host (needs approval)',
  examples: ['host resize t3.large --reason "CPU pinned during the evening show"', 'host resize c6i.large --dry-run'],
  positional: ['instanceType'],
  flags: {},
  needs: ['host'],
  args: z.object({ instanceType: z.string().toLowerCase().pipe(InstanceType) }),
  risk: () => 'destructive',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }) {
    checkAllowed(config, args.instanceType);
    const offline = awsDryRunOnly(integrations);
    if (offline) {
      const state = { instanceId: TAGGED_INSTANCE, from: null, to: args.instanceType };
      return planFrom(state, [['Host', `not read: ${offline}`]], integrations.host.findHostInput());
    }
    const instance = await integrations.host.findHost();
    if (instance.InstanceType === args.instanceType)
      throw new UserError('precondition', `${instance.InstanceId} is already ${args.instanceType}. Nothing was done.`);
    if (instance.State !== 'running' && instance.State !== 'stopped')
      throw new UserError(
        'precondition',
        `${instance.InstanceId} is ${instance.State}: resize it once it is running or stopped.`,
      );
    const state = { instanceId: instance.InstanceId, from: instance.InstanceType, to: args.instanceType };
    return planFrom(state, [
      ['Host', `${instance.InstanceId} (${instance.State}, ${instance.AvailabilityZone ?? '?'})`],
      ['InstanceType', `${instance.InstanceType} -> ${args.instanceType}`],
    ]);
  },
  recheck(planThen, planNow) {
    const then = ResizeState.parse(planThen.state);
    const now = ResizeState.parse(planNow.state);
    if (then.instanceId !== now.instanceId)
      return `The host is now ${now.instanceId}, not the ${then.instanceId} shown when this was approved.`;
    return then.from === now.from
      ? undefined
      : `${now.instanceId} is now ${now.from ?? '?'}, not the ${then.from ?? '?'} shown when this was approved.`;
  },
  async run({ integrations, plan }): Promise<HostResizeResult> {
    const state = ResizeState.parse(plan?.state);
    const SnapshotIds = await integrations.host.createSnapshots(state.instanceId, description(state));
    return { ...state, SnapshotIds, follow: { kind: 'host-resize', target: resizeTarget(state.instanceId, state.to) } };
  },
  present: (result) => ({
    summary: `${result.instanceId}: snapshots started; InstanceType ${result.from ?? '?'} -> ${result.to} follows`,
    visibility: 'in_channel',
    parts: [
      text(`Started crash-consistent snapshots of ${result.instanceId}; next: stop, change to ${result.to}, start.`),
      fields(['Snapshots', result.SnapshotIds.join(', ') || '-']),
      note('Progress follows in this thread until the instance runs with the new type; then check `host status`.'),
    ],
  }),
});
