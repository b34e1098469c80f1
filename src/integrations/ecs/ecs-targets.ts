import type { DescribeServicesCommandInput, UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';

/** A service from `ecs.services` in the YAML: the alias people type and the ECS names it stands for. */
export interface EcsServiceTarget {
  alias: string;
  cluster: string;
  /** The ECS service name (`n8n-worker`). */
  service: string;
  /** Tasks: below `min` is destructive, above `max` is refused. */
  min: number;
  max: number;
}

/** What an `UpdateService` call changes. */
export type EcsServiceChange = { desiredCount: number } | { forceNewDeployment: true } | { taskDefinition: string };

/** The pure part of `EcsOperations`: names and exact inputs, from the YAML only (no SDK, no I/O). */
export interface EcsTargets {
  /** @throws UserError `usage` naming the configured aliases when `alias` is not one. */
  target(alias: string): EcsServiceTarget;
  /** Every configured service, in YAML order. */
  targets(): EcsServiceTarget[];
  /** The exact `DescribeServices` inputs `describeServices` sends (10 services per call). */
  describeServicesInputs(aliases: string[]): DescribeServicesCommandInput[];
  /** The exact `UpdateService` input for a change. */
  updateServiceInput(alias: string, change: EcsServiceChange): UpdateServiceCommandInput;
}

const DESCRIBE_BATCH = 10; // DescribeServices takes at most 10 services per call.

/** {@link EcsTargets} of `ecsConfig` (`ecs.cluster`, `ecs.services`). */
export function ecsTargets(ecsConfig: RadioConfig['ecs']): EcsTargets {
  const target = (alias: string): EcsServiceTarget => {
    const found = Object.hasOwn(ecsConfig.services, alias) ? ecsConfig.services[alias] : undefined;
    if (!found) {
      throw new UserError(
        'usage',
        `No ECS service \`${alias}\` is configured. Configured: ${Object.keys(ecsConfig.services).join(', ')}.`,
      );
    }
    return { alias, cluster: ecsConfig.cluster, ...found };
  };
  return {
    target,
    targets: () => Object.keys(ecsConfig.services).map(target),
    describeServicesInputs(aliases) {
      const services = aliases.map((alias) => target(alias).service);
      const batches: DescribeServicesCommandInput[] = [];
      for (let i = 0; i < services.length; i += DESCRIBE_BATCH) {
        batches.push({ cluster: ecsConfig.cluster, services: services.slice(i, i + DESCRIBE_BATCH) });
      }
      return batches;
    },
    updateServiceInput: (alias, change) => ({ cluster: ecsConfig.cluster, service: target(alias).service, ...change }),
  };
}
