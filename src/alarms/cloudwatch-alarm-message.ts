import { z } from 'zod';
import {
  alarmNameOfArn,
  evaluatedQuery,
  isoTime,
  regionOfArn,
  type AlarmKind,
  type AlarmTransition,
} from './alarm-transition.js';

/** An optional field that tolerates `null` and drops a value of an unexpected type instead of failing. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);

// SNS alarm messages spell dimension keys in lower case ({"value","name"}); the API spells them Name/Value.
const Dimension = z
  .object({ name: opt(z.string()), value: opt(z.string()), Name: opt(z.string()), Value: opt(z.string()) })
  .transform((d) => ({ name: d.name ?? d.Name ?? '', value: d.value ?? d.Value ?? '' }));
const Dimensions = opt(z.array(Dimension));

const MetricStat = z.object({
  Metric: opt(z.object({ Namespace: opt(z.string()), MetricName: opt(z.string()), Dimensions })),
  Period: opt(z.number()),
  Stat: opt(z.string()),
});
const MetricQuery = z.object({
  Id: z.string(),
  Expression: opt(z.string()),
  Label: opt(z.string()),
  MetricStat: opt(MetricStat),
  ReturnData: opt(z.boolean()),
});

const Trigger = z.object({
  MetricName: opt(z.string()),
  Namespace: opt(z.string()),
  Statistic: opt(z.string()),
  ExtendedStatistic: opt(z.string()),
  Period: opt(z.number()),
  Dimensions,
  ComparisonOperator: opt(z.string()),
  Threshold: opt(z.number()),
  ThresholdMetricId: opt(z.string()),
  EvaluationPeriods: opt(z.number()),
  DatapointsToAlarm: opt(z.number()),
  Metrics: opt(z.array(MetricQuery)),
});

/**
 * The `Message` of a CloudWatch alarm notification (itself JSON inside the SNS JSON). Metric alarms
 * carry `Trigger.MetricName`; metric-math ones `Trigger.Metrics[]`; anomaly-detection ones
 * `ThresholdMetricId` instead of `Threshold`; composite ones no `Trigger`, but `AlarmRule` and
 * `TriggeringChildren`. `Region` is a display name and is not read.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-sns-notifications.html
 */
export const CloudWatchAlarmMessage = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: opt(z.string()),
  AWSAccountId: opt(z.string()),
  NewStateValue: z.string().min(1),
  OldStateValue: opt(z.string()),
  NewStateReason: opt(z.string()),
  StateChangeTime: z.string().refine((text) => isoTime(text) !== undefined, 'a time'),
  AlarmArn: opt(z.string()),
  Trigger: opt(Trigger),
  AlarmRule: opt(z.string()),
  TriggeringChildren: opt(z.array(z.object({ Arn: z.string(), State: opt(z.object({ Value: opt(z.string()) })) }))),
});
export type CloudWatchAlarmMessage = z.infer<typeof CloudWatchAlarmMessage>;

type Query = z.infer<typeof MetricQuery>;

/** A query's expression, or its metric as `Namespace MetricName (Stat, Period s)`. */
function defineQuery(query: Query): string {
  if (query.Expression) return query.Expression;
  const metric = query.MetricStat?.Metric;
  const stat = [query.MetricStat?.Stat, query.MetricStat?.Period && `${query.MetricStat.Period} s`]
    .filter(Boolean)
    .join(', ');
  return `${[metric?.Namespace, metric?.MetricName].filter(Boolean).join(' ')}${stat ? ` (${stat})` : ''}`;
}

/** The query a metric-math alarm evaluates, as the card leads with it. */
function evaluated(kind: AlarmKind, queries: readonly Query[]): AlarmTransition['Evaluated'] {
  const query = kind === 'metric-math' ? evaluatedQuery(queries, (q) => q.ReturnData) : undefined;
  return query && { Id: query.Id, Label: query.Label ?? undefined, Definition: defineQuery(query) };
}

function kindOf(message: CloudWatchAlarmMessage): AlarmKind {
  const trigger = message.Trigger;
  if (!trigger) return message.AlarmRule ? 'composite' : 'metric';
  if (trigger.ThresholdMetricId) return 'anomaly-detection';
  if (!trigger.MetricName && trigger.Metrics?.length) return 'metric-math';
  return 'metric';
}

/** A CloudWatch alarm message as an {@link AlarmTransition}. */
export function fromCloudWatchMessage(message: CloudWatchAlarmMessage): AlarmTransition {
  const trigger = message.Trigger ?? undefined;
  const firstStat = trigger?.Metrics?.find((query) => query.MetricStat?.Metric)?.MetricStat ?? undefined;
  const kind = kindOf(message);
  return {
    kind,
    format: 'sns',
    AlarmName: message.AlarmName,
    AlarmArn: message.AlarmArn ?? undefined,
    AlarmDescription: message.AlarmDescription ?? undefined,
    AWSAccountId: message.AWSAccountId ?? undefined,
    region: regionOfArn(message.AlarmArn ?? undefined),
    NewStateValue: message.NewStateValue,
    OldStateValue: message.OldStateValue ?? undefined,
    NewStateReason: message.NewStateReason ?? undefined,
    StateChangeTime: isoTime(message.StateChangeTime) as string,
    Namespace: trigger?.Namespace ?? firstStat?.Metric?.Namespace ?? undefined,
    MetricName: trigger?.MetricName ?? firstStat?.Metric?.MetricName ?? undefined,
    Statistic: trigger?.Statistic ?? trigger?.ExtendedStatistic ?? firstStat?.Stat ?? undefined,
    Period: trigger?.Period ?? firstStat?.Period ?? undefined,
    Dimensions: trigger?.Dimensions ?? firstStat?.Metric?.Dimensions ?? [],
    Threshold: trigger?.Threshold ?? undefined,
    ThresholdMetricId: trigger?.ThresholdMetricId ?? undefined,
    ComparisonOperator: trigger?.ComparisonOperator ?? undefined,
    EvaluationPeriods: trigger?.EvaluationPeriods ?? undefined,
    DatapointsToAlarm: trigger?.DatapointsToAlarm ?? undefined,
    Metrics: trigger?.Metrics?.map((query) => `${query.Id}: ${defineQuery(query)}`),
    Evaluated: evaluated(kind, trigger?.Metrics ?? []),
    AlarmRule: message.AlarmRule ?? undefined,
    TriggeringChildren: message.TriggeringChildren?.map(
      (child) => `${alarmNameOfArn(child.Arn)}${child.State?.Value ? ` (${child.State.Value})` : ''}`,
    ),
  };
}
