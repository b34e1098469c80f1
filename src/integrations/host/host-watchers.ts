import type { HostConfig } from '../../config/host-config.js';
import type { Observation, Watcher } from '../../operations/operation-poller.js';
import { onAirLook, type OnAirReaders } from './host-on-air.js';
import { createHostRebuildWatcher } from './host-rebuild-watcher.js';
import type { HostRebuildVerbs } from './host-rebuild-verbs.js';
import {
  modifyInstanceTypeInput,
  parseResizeTarget,
  startInstancesInput,
  stopInstancesInput,
} from './host-resize-inputs.js';
import type { HostResizeVerbs } from './host-resize-verbs.js';

export { onAirReaders, type OnAirReaders } from './host-on-air.js';

/**
 * The `host-resize` watcher for the operation poller (target `<InstanceId> <instance-type>`; the snapshots were
 * taken by the command's run). Each look decides the next step from what EC2 reports now, never from memory, so
 * a restart or another replica resumes without repeating a write: running with the old type → `StopInstances`;
 * stopped with the old type → `ModifyInstanceAttribute`; stopped with the new type → `StartInstances`; running with
 * the new type → done once every channel is on air again (one look at Icecast per tick, when `station` is given);
 * `pending`/`stopping` → wait. Each write goes through `followUp` (audited as a follow-up). With it, the
 * `host-rebuild` watcher of `dr rebuild-host` (src/integrations/host/host-rebuild-watcher.ts).
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html
 */
export function createHostWatchers(
  ec2: HostResizeVerbs & HostRebuildVerbs & { host: Pick<HostConfig, 'tag' | 'elasticIp'> },
  station?: OnAirReaders,
): Record<'host-resize' | 'host-rebuild', Watcher> {
  return {
    ...createHostRebuildWatcher(ec2, station),
    'host-resize': async (target, followUp): Promise<Observation> => {
      const { instanceId, instanceType } = parseResizeTarget(target);
      const instance = await ec2.describeInstance(instanceId);
      if (!instance || instance.State === 'terminated' || instance.State === 'shutting-down')
        return { state: instance?.State ?? 'not found', done: false, failed: true };
      const resized = instance.InstanceType === instanceType;
      const seen = `${instance.State}, ${instance.InstanceType}`;
      if (instance.State === 'running' && resized) return onAirLook(station, seen, 'resized');
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
