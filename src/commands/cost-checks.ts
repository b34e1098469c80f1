import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { DbReservation, LifecycleRule } from '../integrations/cost/cost-checks-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { formatBytes } from './format-bytes.js';

/** What `cost checks` read. */
export interface CostChecksResult {
  bucket: string;
  lifecycle: LifecycleRule[];
  intelligentTiering: string[];
  storage: Record<string, number>;
  instance: string;
  DBInstanceClass: string;
  reservations: DbReservation[];
}

const RUNBOOK_RULE = '30 d to STANDARD_IA, 90 d to GLACIER_IR';

function lifecycleFinding(bucket: string, rules: LifecycleRule[]): string {
  if (rules.length === 0) return `none on ${bucket}: add the runbook's rule (${RUNBOOK_RULE}).`;
  const enabled = rules.filter((rule) => rule.status === 'Enabled');
  const described = rules
    .map(
      (r) =>
        `${r.id} (${r.status}, prefix "${r.prefix}"): ${r.transitions.map((t) => `${t.days} d to ${t.storageClass}`).join(', ') || 'no transitions'}${r.expirationDays ? `; expire after ${r.expirationDays} d` : ''}`,
    )
    .join('; ');
  const has = (days: number, storageClass: string) =>
    enabled.some((r) => r.transitions.some((t) => t.days === days && t.storageClass === storageClass));
  return has(30, 'STANDARD_IA') && has(90, 'GLACIER_IR')
    ? `${described}. The runbook's tiering is in place.`
    : `${described}. The runbook's ${RUNBOOK_RULE} is not among the enabled rules: add or enable it.`;
}

function storageFinding(storage: Record<string, number>, hasLifecycle: boolean): string {
  const total = Object.values(storage).reduce((sum, bytes) => sum + bytes, 0);
  if (total === 0) return 'no BucketSizeBytes in the last 3 days (S3 publishes it once a day): check again tomorrow.';
  const parts = Object.entries(storage)
    .sort(([, a], [, b]) => b - a)
    .map(([type, bytes]) => `${type} ${formatBytes(bytes).split(' (')[0]} (${Math.round((bytes / total) * 100)}%)`);
  const standard = (storage.StandardStorage ?? 0) / total;
  return `${parts.join(', ')}${standard > 0.5 && !hasLifecycle ? '. Most bytes are in STANDARD: a lifecycle rule would move old audio to cheaper classes.' : '.'}`;
}

function reservationFinding(DBInstanceClass: string, reservations: DbReservation[]): string {
  const covering = reservations.filter((r) => r.State === 'active' && r.DBInstanceClass === DBInstanceClass);
  if (covering.length > 0)
    return `${covering.reduce((n, r) => n + r.DBInstanceCount, 0)} active for ${DBInstanceClass}: covered.`;
  const others = reservations.filter((r) => r.State === 'active').map((r) => r.DBInstanceClass);
  return `none active for ${DBInstanceClass}${others.length ? ` (active: ${others.join(', ')}, another class)` : ''}: it runs on demand; a 1-year reservation of ${DBInstanceClass} costs noticeably less if the class is settled.`;
}

/**
 * `cost checks`: the runbook's cost strategies checked read-only on `s3.bucket` and `rds.instance`: the S3
 * lifecycle rules (the runbook's: 30 d to Standard-IA, 90 d to Glacier Instant Retrieval), Intelligent-Tiering
 * configurations, storage by class (CloudWatch `BucketSizeBytes` per `StorageType`) and RDS reserved-instance
 * coverage of the instance's class. Each finding says what to do; nothing is changed.
 */
export const costChecksCommand = defineCommand({
  name: 'cost checks',
  usage: 'cost checks',
  summary: "Check the runbook's cost strategies (S3 lifecycle and tiering, storage classes, RDS reservations)",
  examples: ['cost checks'],
  positional: [],
  flags: {},
  needs: ['cost', 'rds'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ config }) {
    const Bucket = config.s3.bucket;
    return awsReadPlan([
      { service: 'S3', operation: 'GetBucketLifecycleConfiguration', input: { Bucket } },
      { service: 'S3', operation: 'ListBucketIntelligentTieringConfigurations', input: { Bucket } },
      {
        service: 'CloudWatch',
        operation: 'GetMetricData',
        input: { Namespace: 'AWS/S3', MetricName: 'BucketSizeBytes', BucketName: Bucket },
      },
      { service: 'RDS', operation: 'DescribeDBInstances', input: { DBInstanceIdentifier: config.rds.instance } },
      { service: 'RDS', operation: 'DescribeReservedDBInstances', input: {} },
    ]);
  },
  async run({ config, integrations }): Promise<CostChecksResult> {
    const { cost, rds } = integrations;
    const lifecycle = await cost.lifecycle();
    const intelligentTiering = await cost.intelligentTiering();
    const storage = await cost.storageByClass(new Date());
    const instance = await rds.describeInstance();
    const reservations = await cost.reservedDbInstances();
    return {
      bucket: config.s3.bucket,
      lifecycle,
      intelligentTiering,
      storage,
      instance: config.rds.instance,
      DBInstanceClass: instance.DBInstanceClass ?? '?',
      reservations,
    };
  },
  present: (r) => ({
    summary: `Cost checks: lifecycle ${r.lifecycle.length ? `${r.lifecycle.length} rules` : 'none'}, Intelligent-Tiering ${r.intelligentTiering.length || 'none'}, RDS reservations for ${r.DBInstanceClass}: ${r.reservations.some((x) => x.State === 'active' && x.DBInstanceClass === r.DBInstanceClass) ? 'yes' : 'none'}`,
    visibility: 'in_channel',
    parts: [
      fields(
        ['S3 lifecycle', lifecycleFinding(r.bucket, r.lifecycle)],
        [
          'Intelligent-Tiering',
          r.intelligentTiering.length > 0
            ? `${r.intelligentTiering.join(', ')}: archive tiers configured.`
            : 'no configurations: objects in INTELLIGENT_TIERING never reach the archive tiers; add one if old audio is rarely played.',
        ],
        ['Storage by class', storageFinding(r.storage, r.lifecycle.length > 0)],
        ['RDS reserved instances', reservationFinding(r.DBInstanceClass, r.reservations)],
      ),
      note('Read-only: nothing was changed.'),
    ],
  }),
});
