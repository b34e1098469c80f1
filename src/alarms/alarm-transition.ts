import { z } from 'zod';

/** What kind of alarm a transition is about; `unknown` when the message had a shape we don't read. */
export const ALARM_KINDS = ['metric', 'metric-math', 'anomaly-detection', 'composite', 'unknown'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

const Dimension = z.object({ name: z.string(), value: z.string() });

/**
 * One alarm state change, normalized from whichever message carried it (a CloudWatch alarm
 * notification through SNS, an EventBridge "CloudWatch Alarm State Change", or an unreadable
 * message). Stored as `alarm_cards.transition` and read back through this schema. Names are
 * CloudWatch's own; `region` is the code from `AlarmArn`; `StateChangeTime` is ISO 8601 UTC.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export const AlarmTransition = z.object({
  kind: z.enum(ALARM_KINDS),
  /**
   * Where it came from: `sns` (the alarm's own SNS message), `eventbridge`, or `radio-ops` (a check of radio-ops'
   * own, like the on-air watcher's: no region, no console link).
   */
  format: z.enum(['sns', 'eventbridge', 'radio-ops', 'unknown']),
  AlarmName: z.string(),
  AlarmArn: z.string().optional(),
  AlarmDescription: z.string().optional(),
  AWSAccountId: z.string().optional(),
  region: z.string().optional(),
  NewStateValue: z.string(),
  OldStateValue: z.string().optional(),
  /** CloudWatch's words for the change: shown as text, never parsed. */
  NewStateReason: z.string().optional(),
  StateChangeTime: z.string(),
  Namespace: z.string().optional(),
  MetricName: z.string().optional(),
  /** `AVERAGE`, `p99`, … as the message spells it. */
  Statistic: z.string().optional(),
  /** Seconds. */
  Period: z.number().optional(),
  Dimensions: z.array(Dimension),
  Threshold: z.number().optional(),
  ThresholdMetricId: z.string().optional(),
  ComparisonOperator: z.string().optional(),
  EvaluationPeriods: z.number().optional(),
  DatapointsToAlarm: z.number().optional(),
  /** Metric-math and anomaly-detection alarms: each query as `id: expression` or `id: namespace metric`. */
  Metrics: z.array(z.string()).optional(),
  /**
   * Metric-math alarms: the query whose result is compared with the threshold (`ReturnData: true`),
   * with its `Id`, its `Label` if any, and its definition (its `Expression`, or its metric as text).
   */
  Evaluated: z.object({ Id: z.string(), Label: z.string().optional(), Definition: z.string() }).optional(),
  /** Composite alarms. */
  AlarmRule: z.string().optional(),
  TriggeringChildren: z.array(z.string()).optional(),
  /** Unknown shapes: the message's top-level fields as text, so nothing is dropped silently. */
  raw: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export type AlarmTransition = z.infer<typeof AlarmTransition>;

/**
 * `StateChangeTime` as CloudWatch writes it (`2025-03-14T21:15:37.412+0000`, no colon in the offset)
 * or as EventBridge does (`2025-03-14T21:15:37Z`), as ISO 8601 UTC; `undefined` when unreadable.
 */
export function isoTime(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const millis = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

/** The region code of an ARN (`arn:aws:cloudwatch:us-east-1:…` → `us-east-1`). */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region && /^[a-z0-9-]+$/.test(region) ? region : undefined;
}

/** The alarm name of an alarm ARN (names may hold `:`); the ARN itself when it is not one. */
export function alarmNameOfArn(arn: string): string {
  return /^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(arn)?.[1] ?? arn;
}

/**
 * Of a metric-math alarm's queries, the one CloudWatch compares with the threshold: the only one with
 * `ReturnData` true, else the only one not marked false (an omitted `ReturnData` means true);
 * `undefined` when that is not one query. Source:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html
 */
export function evaluatedQuery<T>(queries: readonly T[], returnData: (query: T) => boolean | null | undefined) {
  const marked = queries.filter((query) => returnData(query) === true);
  const candidates = marked.length > 0 ? marked : queries.filter((query) => returnData(query) !== false);
  return candidates.length === 1 ? candidates[0] : undefined;
}
