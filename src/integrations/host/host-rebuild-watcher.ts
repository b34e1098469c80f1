import type { HostConfig } from '../../config/host-config.js';
import type { Observation, Watcher } from '../../operations/operation-poller.js';
import type { HostInstance } from './host-instance.js';
import { onAirLook, type OnAirReaders } from './host-on-air.js';
import { associateAddressInput, hostTagInput, parseRebuildTarget, replacedTagValue } from './host-rebuild-inputs.js';
import type { HostRebuildVerbs } from './host-rebuild-verbs.js';
import { stopInstancesInput } from './host-resize-inputs.js';
import type { HostResizeVerbs } from './host-resize-verbs.js';

/** States after which an instance never runs again on its own: a launch that ended there has failed. */
const ENDED = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);
const tagValue = (instance: HostInstance, key: string) => instance.Tags.find((tag) => tag.Key === key)?.Value;

type RebuildVerbs = Pick<HostResizeVerbs, 'describeInstance' | 'stop'> &
  Pick<HostRebuildVerbs, 'elasticIpHolder' | 'associateAddress' | 'tagInstance'> & {
    host: Pick<HostConfig, 'tag' | 'elasticIp'>;
  };

/**
 * The `host-rebuild` watcher for the operation poller (target `<old InstanceId> <new InstanceId> <yyyy-mm-dd>`; the
 * launch was the command's run). Each look decides the next write from what EC2 reports now, never from memory, so
 * a restart or another replica resumes without repeating one; one write per look, audited through `followUp`:
 * 1. the new instance `pending` → wait; ended (stopped, terminated, …) → failed, the old one untouched;
 * 2. running and `host.elasticIp` set but held elsewhere (`DescribeAddresses`) → `AssociateAddress`;
 * 3. the old one `pending`/`running` → `StopInstances` (never terminated: it stays to fall back on);
 * 4. the old one still carries `<value>` → `CreateTags` `<value>-replaced-<date>` (first, so never two carry it);
 * 5. the new one not yet `<value>` → `CreateTags` `<value>`;
 * 6. then done once every channel is on air (one look at Icecast per tick, when `station` is given).
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateAddress.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
 */
export function createHostRebuildWatcher(ec2: RebuildVerbs, station?: OnAirReaders): Record<'host-rebuild', Watcher> {
  const { key, value } = ec2.host.tag;
  return {
    'host-rebuild': async (target, followUp): Promise<Observation> => {
      const { oldId, newId, replacedOn } = parseRebuildTarget(target);
      const fresh = await ec2.describeInstance(newId);
      const freshState = fresh?.State ?? 'not found';
      if (!fresh || ENDED.has(freshState)) return { state: `${newId} ${freshState}`, done: false, failed: true };
      if (fresh.State !== 'running') return { state: `${newId} ${fresh.State}`, done: false };
      const seen = `${newId} running`;

      const allocationId = ec2.host.elasticIp;
      if (allocationId && (await ec2.elasticIpHolder(allocationId)) !== newId) {
        const input = associateAddressInput(allocationId, newId);
        await followUp({ service: 'EC2', operation: 'AssociateAddress', input }, () =>
          ec2.associateAddress(allocationId, newId),
        );
        return { state: `${seen}: AssociateAddress sent`, done: false };
      }

      const old = await ec2.describeInstance(oldId);
      if (old && (old.State === 'running' || old.State === 'pending')) {
        await followUp({ service: 'EC2', operation: 'StopInstances', input: stopInstancesInput(oldId) }, () =>
          ec2.stop(oldId),
        );
        return { state: `${seen}: StopInstances sent to ${oldId}`, done: false };
      }
      if (old && tagValue(old, key) === value) {
        const replaced = replacedTagValue(value, replacedOn);
        await followUp({ service: 'EC2', operation: 'CreateTags', input: hostTagInput(oldId, key, replaced) }, () =>
          ec2.tagInstance(oldId, key, replaced),
        );
        return { state: `${seen}: ${oldId} tagged ${key}=${replaced}`, done: false };
      }
      if (tagValue(fresh, key) !== value) {
        await followUp({ service: 'EC2', operation: 'CreateTags', input: hostTagInput(newId, key, value) }, () =>
          ec2.tagInstance(newId, key, value),
        );
        return { state: `${seen}: tagged ${key}=${value}`, done: false };
      }
      return onAirLook(station, seen, 'rebuilt');
    },
  };
}
