import { z } from 'zod';
import { evaluatedQuery, isoTime, regionOfArn, type AlarmKind, type AlarmTransition } from './alarm-transition.js';

const opt = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);

const State = z.object({ value: z.string().min(1), reason: opt(z.string()), timestamp: opt(z.string()) });
const Metric = z.object({
  id: z.string(),
  expression: opt(z.string()),
  label: opt(z.string()),
  returnData: opt(z.boolean()),
  metricStat: opt(
    z.object({
      metric: opt(
        z.object({
          namespace: opt(z.string()),
          name: opt(z.string()),
          dimensions: opt(z.record(z.string(), z.string())),
        }),
      ),
      period: opt(z.number()),
      stat: opt(z.string()),
    }),
  ),
});

/**
 * An EventBridge "CloudWatch Alarm State Change" event (delivered through SNS by a rule whose target
 * is the topic). Dimensions are a map here; `time` has no milliseconds; the threshold is not included.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 */
export const AlarmStateChangeEvent = z.object({
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  account: opt(z.string()),
  time: opt(z.string()),
  resources: z.array(z.string()).default([]),
  detail: z.object({
    alarmName: z.string().min(1),
    configuration: opt(
      z.object({ description: opt(z.string()), metrics: opt(z.array(Metric)), alarmRule: opt(z.string()) }),
    ),
    previousState: opt(State),
    state: State,
  }),
});
export type AlarmStateChangeEvent = z.infer<typeof AlarmStateChangeEvent>;

type EventMetric = z.infer<typeof Metric>;

function kindOf(metrics: EventMetric[], alarmRule: string | undefined): AlarmKind {
  if (alarmRule) return 'composite';
  if (metrics.some((m) => /ANOMALY_DETECTION_BAND/i.test(m.expression ?? ''))) return 'anomaly-detection';
  return metrics.length === 1 && metrics[0]?.metricStat ? 'metric' : 'metric-math';
}

/** A metric's expression, or its metric as `namespace name (stat, period s)`. */
function define(metric: EventMetric): string {
  if (metric.expression) return metric.expression;
  const stat = metric.metricStat;
  return `${[stat?.metric?.namespace, stat?.metric?.name].filter(Boolean).join(' ')}${stat?.stat ? ` (${stat.stat}, ${stat.period ?? '?'} s)` : ''}`;
}

/** The metric a metric-math alarm evaluates, as the card leads with it. */
function evaluated(kind: AlarmKind, metrics: readonly EventMetric[]): AlarmTransition['Evaluated'] {
  const metric = kind === 'metric-math' ? evaluatedQuery(metrics, (m) => m.returnData) : undefined;
  return metric && { Id: metric.id, Label: metric.label ?? undefined, Definition: define(metric) };
}

/** An EventBridge alarm event as an {@link AlarmTransition}; `undefined` when its time is unreadable. */
export function fromAlarmStateChangeEvent(event: AlarmStateChangeEvent): AlarmTransition | undefined {
  const { detail } = event;
  const metrics = detail.configuration?.metrics ?? [];
  const alarmRule = detail.configuration?.alarmRule ?? undefined;
  const kind = kindOf(metrics, alarmRule);
  const stat = metrics.find((m) => m.metricStat?.metric)?.metricStat ?? undefined;
  const arn = event.resources.find((resource) => resource.includes(':alarm:'));
  const at = isoTime(detail.state.timestamp ?? undefined) ?? isoTime(event.time ?? undefined);
  if (!at) return undefined;
  return {
    kind,
    format: 'eventbridge',
    AlarmName: detail.alarmName,
    AlarmArn: arn,
    AlarmDescription: detail.configuration?.description ?? undefined,
    AWSAccountId: event.account ?? undefined,
    region: regionOfArn(arn),
    NewStateValue: detail.state.value,
    OldStateValue: detail.previousState?.value,
    NewStateReason: detail.state.reason ?? undefined,
    StateChangeTime: at,
    Namespace: stat?.metric?.namespace ?? undefined,
    MetricName: stat?.metric?.name ?? undefined,
    Statistic: stat?.stat ?? undefined,
    Period: stat?.period ?? undefined,
    Dimensions: Object.entries(stat?.metric?.dimensions ?? {}).map(([name, value]) => ({ name, value })),
    Metrics: kind === 'metric' ? undefined : metrics.map((metric) => `${metric.id}: ${define(metric)}`),
    Evaluated: evaluated(kind, metrics),
    AlarmRule: alarmRule,
  };
}
