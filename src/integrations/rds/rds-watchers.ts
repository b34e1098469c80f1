import type { DBInstance } from '@aws-sdk/client-rds';
import type { Observation, Watcher } from '../../operations/operation-poller.js';
import { UserError } from '../../pipeline/user-error.js';
import { followUpInputFrom } from './rds-restore-input.js';
import type { RdsRestoreVerbs } from './rds-restore.js';

/**
 * `DBInstanceStatus` values that end an operation as failed (or mean it can't finish: `deleting`).
 * Source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status
 */
const FAILED = new Set([
  'failed',
  'incompatible-restore',
  'incompatible-parameters',
  'incompatible-network',
  'incompatible-option-group',
  'storage-full',
  'inaccessible-encryption-credentials',
  'restore-error',
  'deleting',
]);

/** `Endpoint.Address:Port`, once RDS reports one. */
const endpointOf = (instance: DBInstance) =>
  instance.Endpoint?.Address ? `endpoint ${instance.Endpoint.Address}:${instance.Endpoint.Port ?? ''}` : undefined;

/**
 * One look at an instance: done when `available` with nothing pending (a `ModifyDBInstance` with
 * `ApplyImmediately` shows under `PendingModifiedValues` before the status moves, so `available` alone
 * would end a resize before it began); failed for the statuses above or when the instance is gone.
 */
export function observeInstance(instance: DBInstance | undefined): Observation {
  if (!instance) return { state: 'not found', done: false, failed: true };
  const status = instance.DBInstanceStatus ?? 'unknown';
  if (FAILED.has(status)) return { state: status, done: false, failed: true };
  if (status !== 'available') return { state: status, done: false };
  const pending = Object.entries(instance.PendingModifiedValues ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name]) => name);
  if (pending.length > 0) return { state: `available, changes pending (${pending.join(', ')})`, done: false };
  return { state: 'available', done: true, detail: endpointOf(instance) };
}

/**
 * The watchers of RDS operations for the operation poller:
 * - `rds-instance` (`db resize`): {@link observeInstance} of the target, by `DescribeDBInstances`.
 * - `rds-restore` (`dr restore-db`): the same until the restored instance is available; then, while it
 *   lacks the source's (`sourceId`) Enhanced Monitoring or Performance Insights settings, a
 *   `ModifyDBInstance` (ApplyImmediately, audited as a follow-up of the restore) and on until it is available again. Which settings are missing is
 *   read from AWS on every look, never remembered, so a restart or another replica resumes it safely.
 *   When the modification is refused or the source is gone, the restore still ends `done`, saying so.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html
 */
export function createRdsWatchers(
  rds: RdsRestoreVerbs,
  sourceId: string,
): Record<'rds-instance' | 'rds-restore', Watcher> {
  return {
    'rds-instance': async (target) => observeInstance(await rds.findInstance(target)),
    'rds-restore': async (target, followUp) => {
      const restored = await rds.findInstance(target);
      const seen = observeInstance(restored);
      if (!seen.done || !restored) return seen;
      const source = await rds.findInstance(sourceId);
      if (!source)
        return { ...seen, detail: `${seen.detail ?? ''}; monitoring settings not copied: ${sourceId} is gone` };
      const modification = followUpInputFrom(source, restored, target);
      if (!modification) return seen;
      try {
        await followUp({ service: 'RDS', operation: 'ModifyDBInstance', input: modification }, () =>
          rds.modify(modification),
        );
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return { ...seen, detail: `${seen.detail ?? ''}; monitoring settings not applied: ${error.message}` };
      }
      return {
        state: 'available, applying monitoring and Performance Insights settings (ModifyDBInstance)',
        done: false,
      };
    },
  };
}
