import { formatDuration } from '../config/duration.js';
import {
  fields,
  heading,
  link,
  note,
  text,
  type Reply,
  type ReplyButton,
  type ReplyPart,
  type Tone,
} from '../pipeline/reply.js';
import type { AlarmTransition } from './alarm-transition.js';
import { alarmConsoleUrl } from './console-link.js';

/** What a card shows: the alarm's latest transition, its buttons, and how long it lasted once OK. */
export interface AlarmCardView {
  transition: AlarmTransition;
  /** `run` buttons whose values are stored command-line ids; shown unless the alarm is OK. */
  buttons: ReplyButton[];
  /** Why some playbook buttons are not offered (they act on another resource than the alarm's). */
  withheld?: string;
  /** Milliseconds from entering ALARM to this OK, when known. */
  resolvedAfterMs?: number;
}

/** What an alarm state means; a state CloudWatch may add later is a `warning` until it is known. */
const STATE_TONE: Record<string, Tone> = { ALARM: 'error', OK: 'success', INSUFFICIENT_DATA: 'info' };

/** CloudWatch's `ComparisonOperator`s in words. Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html */
const COMPARISON: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

/** `2025-03-14 21:15:37 UTC`. */
export const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

/** The tone of an alarm state, on cards and in thread replies (each renderer picks its glyph). */
export const stateTone = (state: string): Tone => STATE_TONE[state] ?? 'warning';

function thresholdText(t: AlarmTransition): string | undefined {
  const op = t.ComparisonOperator ? (COMPARISON[t.ComparisonOperator] ?? t.ComparisonOperator) : undefined;
  const periods = t.EvaluationPeriods
    ? `, ${t.DatapointsToAlarm ?? t.EvaluationPeriods} of ${t.EvaluationPeriods} periods`
    : '';
  if (t.ThresholdMetricId)
    return `${op ?? 'compared with'} ${t.ThresholdMetricId} (${t.ComparisonOperator ?? '?'})${periods}`;
  if (t.Threshold === undefined) return undefined;
  return `${op ?? '?'} ${t.Threshold} (${t.ComparisonOperator ?? '?'})${periods}`;
}

function metricText(t: AlarmTransition): string {
  if (t.kind === 'metric-math' && t.Evaluated) {
    // What the threshold is compared with leads (its Label, then its expression), then what it is made of.
    const { Id, Label, Definition } = t.Evaluated;
    const others = (t.Metrics ?? []).filter((query) => !query.startsWith(`${Id}: `));
    return [Label ? `${Label} = ${Definition}` : Definition, ...others].join('\n');
  }
  const name = [t.Namespace, t.MetricName].filter(Boolean).join(' ');
  const stat = [t.Statistic, t.Period !== undefined && `over ${t.Period} s`].filter(Boolean).join(' ');
  const base = [name, stat].filter(Boolean).join(', ');
  if (t.kind === 'metric') return base || '-';
  return [`${t.kind}${base ? ` (${base})` : ''}`, ...(t.Metrics ?? [])].join('\n');
}

function detailFields(t: AlarmTransition): [string, string][] {
  const state: [string, string] = [
    'State',
    `${t.NewStateValue} since ${utc(t.StateChangeTime)}${t.OldStateValue ? ` (was ${t.OldStateValue})` : ''}`,
  ];
  const where: [string, string][] = [
    ['Region', t.region ?? '-'],
    ...(t.AWSAccountId ? [['Account', t.AWSAccountId] as [string, string]] : []),
  ];
  if (t.kind === 'unknown') return [...(t.raw ?? [])];
  if (t.format === 'radio-ops') return [state, ...ownCheckFields(t)];
  if (t.kind === 'composite') {
    return [state, ['Rule', t.AlarmRule ?? '-'], ['Triggered by', t.TriggeringChildren?.join('\n') || '-'], ...where];
  }
  const threshold = thresholdText(t);
  return [
    state,
    ['Metric', metricText(t)],
    ['Dimensions', t.Dimensions.length ? t.Dimensions.map((d) => `${d.name}=${d.value}`).join('\n') : 'none'],
    ...(threshold ? [['Threshold', threshold] as [string, string]] : []),
    ...where,
  ];
}

/** A check of radio-ops' own (the on-air watcher's): what it checks and how often, and each dimension as a field. */
function ownCheckFields(t: AlarmTransition): [string, string][] {
  const every = t.Period !== undefined ? `, every ${formatDuration(t.Period * 1000)}` : '';
  return [
    ['Check', `${[t.Namespace, t.MetricName].filter(Boolean).join(' ')}${every}`],
    ...t.Dimensions.map((d): [string, string] => [d.name, d.value]),
  ];
}

/**
 * An alarm's living card: name with its state's tone, since when, CloudWatch's reason as text, metric,
 * dimensions, threshold, region, a console link and the playbook's buttons; once OK, "Resolved after …"
 * instead of buttons. Every string from the alarm is plain text (the renderer escapes it). Pure.
 */
export function alarmCard({ transition: t, buttons, withheld, resolvedAfterMs }: AlarmCardView): Reply {
  const parts: ReplyPart[] = [heading(t.AlarmName, stateTone(t.NewStateValue))];
  if (t.kind === 'unknown')
    parts.push(note('A notification radio-ops could not read as a CloudWatch alarm; its fields as received:'));
  parts.push(fields(...detailFields(t)));
  if (t.NewStateReason) parts.push(text(t.NewStateReason));
  if (t.AlarmDescription) parts.push(note(t.AlarmDescription));
  const url = alarmConsoleUrl(t.region, t.AlarmName);
  if (url && t.kind !== 'unknown') parts.push(link('Open in the CloudWatch console', url));
  if (t.NewStateValue === 'OK') {
    parts.push(
      note(`Resolved${resolvedAfterMs !== undefined ? ` after ${formatDuration(resolvedAfterMs)}` : ''}`, 'success'),
    );
  } else {
    if (buttons.length > 0) parts.push({ kind: 'actions', buttons });
    if (withheld) parts.push(note(withheld));
  }
  return {
    summary: `${t.NewStateValue}: ${t.AlarmName}${t.region ? ` (${t.region})` : ''}`,
    visibility: 'in_channel',
    parts,
  };
}
