import type { Observation, Watcher } from '../../operations/operation-poller.js';
import type { ChannelDirectory } from '../../station/channel-directory.js';
import { mountOf } from '../../station/channel-on-air.js';
import type { IcecastOperations } from '../icecast/icecast-operations.js';
import {
  modifyInstanceTypeInput,
  parseResizeTarget,
  startInstancesInput,
  stopInstancesInput,
} from './host-resize-inputs.js';
import type { HostResizeVerbs } from './host-resize-verbs.js';

/** What the on-air check after a resize reads; absent where Icecast or the channel list is not set up. */
export interface OnAirReaders {
  icecast: Pick<IcecastOperations, 'stats'>;
  channels: Pick<ChannelDirectory, 'list'>;
}

/** The readers from the process's integrations, when both are set up. */
export function onAirReaders(integrations: {
  icecast?: Pick<IcecastOperations, 'stats'>;
  channels?: Pick<ChannelDirectory, 'list'>;
}): OnAirReaders | undefined {
  const { icecast, channels } = integrations;
  return icecast && channels ? { icecast, channels } : undefined;
}

const NOT_CHECKED = 'on air not checked: Icecast or the channel list is not set up in this process';
const named = (items: { slug: string; mount: string }[]) => items.map((c) => `${c.slug} (${c.mount})`).join(', ');

/**
 * One look at Icecast after the host is running again (the poller looks again on its next tick, so a look
 * never waits): done once every channel's mount is listed (src/station/channel-on-air.ts), else what is missing.
 */
async function onAirLook(station: OnAirReaders | undefined, seen: string): Promise<Observation> {
  if (!station) return { state: seen, done: true, detail: `resized and running; ${NOT_CHECKED}` };
  const { channels } = await station.channels.list();
  let stats;
  try {
    stats = await station.icecast.stats();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { state: `${seen}: waiting for the mounts (Icecast: ${reason})`, done: false };
  }
  const missing = channels.filter((channel) => !mountOf(stats, channel));
  if (missing.length) return { state: `${seen}: waiting for the mounts; not on air: ${named(missing)}`, done: false };
  return { state: seen, done: true, detail: `resized, running and on air: ${named(channels)}` };
}

/**
 * The `host-resize` watcher for the operation poller (target `<InstanceId> <instance-type>`; the snapshots were
 * taken by the command's run). Each look decides the next step from what EC2 reports now, never from memory, so
 * a restart or another replica resumes without repeating a write: running with the old type → `StopInstances`;
 * stopped with the old type → `ModifyInstanceAttribute`; stopped with the new type → `StartInstances`; running with
 * the new type → done once every channel is on air again (one look at Icecast per tick, when `station` is given);
 * `pending`/`stopping` → wait. Each write goes through `followUp` (audited as a follow-up).
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html
 */
export function createHostWatchers(ec2: HostResizeVerbs, station?: OnAirReaders): Record<'host-resize', Watcher> {
  return {
    'host-resize': async (target, followUp): Promise<Observation> => {
      const { instanceId, instanceType } = parseResizeTarget(target);
      const instance = await ec2.describeInstance(instanceId);
      if (!instance || instance.State === 'terminated' || instance.State === 'shutting-down')
        return { state: instance?.State ?? 'not found', done: false, failed: true };
      const resized = instance.InstanceType === instanceType;
      const seen = `${instance.State}, ${instance.InstanceType}`;
      if (instance.State === 'running' && resized) return onAirLook(station, seen);
      if (instance.State === 'running') {
        await followUp({ service: 'EC2', operation: 'StopInstances', input: stopInstancesInput(instanceId) }, () =>
          ec2.stop(instanceId),
        );
        return { state: `${seen}: StopInstances sent`, done: false };
      }
      if (instance.State === 'stopped' && !resized) {
        const input = modifyInstanceTypeInput(instanceId, instanceType);
        await followUp({ service: 'EC2', operation: 'ModifyInstanceAttribute', input }, () =>
          ec2.modifyType(instanceId, instanceType),
        );
        return { state: `${seen}: ModifyInstanceAttribute sent`, done: false };
      }
      if (instance.State === 'stopped') {
        await followUp({ service: 'EC2', operation: 'StartInstances', input: startInstancesInput(instanceId) }, () =>
          ec2.start(instanceId),
        );
        return { state: `${seen}: StartInstances sent`, done: false };
      }
      return { state: seen, done: false };
    },
  };
}
