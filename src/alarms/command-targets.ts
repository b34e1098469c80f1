import type { RadioConfig } from '../config/radio-config.js';
import { ecsTargets } from '../integrations/ecs/ecs-targets.js';
import type { ModuleId } from '../integrations/modules.js';
import type { AnyCommand } from '../pipeline/command.js';
import { LOGS_CACHE_COST_TARGETS } from './logs-cache-cost-targets.js';

/**
 * A configured resource a command acts on, as the CloudWatch dimension that names it in an alarm
 * (`BucketName` `radio-audio-bucket`). `values` are every name the command may act on (all of
 * `ecs.services` for `ecs status`); `setting` is where they come from in the YAML, for the card.
 */
export interface ResourceTarget {
  dimension: string;
  values: string[];
  setting: string;
}

type TargetsOf = (radio: RadioConfig, args: Record<string, unknown>) => ResourceTarget[];

const dbInstance: TargetsOf = (radio) => [
  { dimension: 'DBInstanceIdentifier', values: [radio.rds.instance], setting: 'rds.instance' },
];

/**
 * What the commands of each integration module act on. A `Record` over every module id, so a new module
 * must say (an empty list when no alarm dimension names what it uses). The station database
 * (`stationDb`, `terminator` on it, and `channelWriter`'s own connection) is the RDS instance `rds.instance`. An ECS command that names a
 * service (`scale n8n 4`) acts on that one only.
 * Dimensions: https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/dimensions.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html
 */
const MODULE_TARGETS: Record<ModuleId, TargetsOf> = {
  s3: (radio) => [{ dimension: 'BucketName', values: [radio.s3.bucket], setting: 's3.bucket' }],
  rds: dbInstance,
  stationDb: dbInstance,
  terminator: dbInstance,
  // channel add's INSERT-only connection to the same station database
  channelWriter: dbInstance,
  cdn: (radio) => [
    { dimension: 'DistributionId', values: [radio.cloudfront.distributionId], setting: 'cloudfront.distributionId' },
  ],
  ecs: (radio, args) => {
    const ecs = ecsTargets(radio.ecs);
    const named = typeof args.service === 'string' ? [ecs.target(args.service)] : ecs.targets();
    return [
      { dimension: 'ClusterName', values: [radio.ecs.cluster], setting: 'ecs.cluster' },
      {
        dimension: 'ServiceName',
        values: named.map((target) => target.service),
        setting: named.map((target) => `ecs.services.${target.alias}`).join(', '),
      },
    ];
  },
  redis: () => [],
  alarms: () => [],
  // The station's own servers and its channel list: no CloudWatch dimension names them.
  channels: () => [],
  icecast: () => [],
  liquidsoap: () => [],
  // Reads HLS playlists from s3.bucket: an alarm about another bucket is not about these.
  hls: (radio) => [{ dimension: 'BucketName', values: [radio.s3.bucket], setting: 's3.bucket' }],
  ...LOGS_CACHE_COST_TARGETS,
  // The host is found by its tag (host.tag) when a command runs: its InstanceId is not in the YAML, and this
  // function is pure (no DescribeInstances while a card is drawn), so no alarm dimension is matched against it.
  // A host button is offered on any alarm; the command acts on the tagged instance whatever the alarm named.
  host: () => [],
};

/**
 * The configured resources `command` with validated `args` acts on, one entry per dimension. Pure.
 *
 * @throws UserError (`usage`) when the arguments name a resource that is not configured (an ECS alias).
 */
export function commandTargets(command: AnyCommand, args: unknown, radio: RadioConfig): ResourceTarget[] {
  const named = (args ?? {}) as Record<string, unknown>;
  const byDimension = new Map<string, ResourceTarget>();
  for (const id of (command.needs ?? []) as readonly ModuleId[]) {
    for (const target of MODULE_TARGETS[id](radio, named)) byDimension.set(target.dimension, target);
  }
  return [...byDimension.values()];
}

/** A dimension of the alarm naming another resource of a kind the button acts on. */
export interface TargetMismatch {
  target: ResourceTarget;
  /** The alarm's value of `target.dimension`. */
  value: string;
}

/** The first dimension of the alarm that names another resource than `targets` do; `undefined` when none. */
export function targetMismatch(
  targets: readonly ResourceTarget[],
  dimensions: readonly { name: string; value: string }[],
): TargetMismatch | undefined {
  for (const target of targets) {
    const other = dimensions.find((d) => d.name === target.dimension && !target.values.includes(d.value));
    if (other) return { target, value: other.value };
  }
  return undefined;
}
