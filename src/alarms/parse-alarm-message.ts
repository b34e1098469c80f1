import type { AlarmTransition } from './alarm-transition.js';
import { CloudWatchAlarmMessage, fromCloudWatchMessage } from './cloudwatch-alarm-message.js';
import { AlarmStateChangeEvent, fromAlarmStateChangeEvent } from './eventbridge-alarm-event.js';

/** The SNS fields an unknown message falls back on. */
export interface SnsContext {
  MessageId: string;
  /** Shown as the title of an unknown message's card; never parsed. */
  Subject?: string;
  /** ISO 8601; the card's time when the message has none we can read. */
  Timestamp: string;
}

/** A parsed notification: the card it belongs to (`AlarmArn`, else one card per message) and what changed. */
export interface ParsedAlarmMessage {
  alarmKey: string;
  transition: AlarmTransition;
}

const MAX_RAW_FIELDS = 20;
const MAX_RAW_TEXT = 500;

/**
 * Reads an SNS `Message` tolerantly: a CloudWatch alarm notification (metric, metric-math,
 * anomaly-detection, composite) or an EventBridge "CloudWatch Alarm State Change" event. Anything else
 * becomes an `unknown` transition carrying the raw fields, so it still gets a plain card. Never throws.
 */
export function parseAlarmMessage(message: string, sns: SnsContext): ParsedAlarmMessage {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    json = undefined;
  }
  const known = readKnown(json);
  if (known) return { alarmKey: known.AlarmArn ?? `sns:${sns.MessageId}`, transition: known };
  return { alarmKey: `sns:${sns.MessageId}`, transition: unknownTransition(json, message, sns) };
}

function readKnown(json: unknown): AlarmTransition | undefined {
  const event = AlarmStateChangeEvent.safeParse(json);
  if (event.success) return fromAlarmStateChangeEvent(event.data);
  const alarm = CloudWatchAlarmMessage.safeParse(json);
  return alarm.success ? fromCloudWatchMessage(alarm.data) : undefined;
}

function unknownTransition(json: unknown, message: string, sns: SnsContext): AlarmTransition {
  const fields =
    json && typeof json === 'object' && !Array.isArray(json) ? Object.entries(json) : [['Message', message] as const];
  const raw = fields.slice(0, MAX_RAW_FIELDS).map(([name, value]): [string, string] => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    return [name, text.length > MAX_RAW_TEXT ? `${text.slice(0, MAX_RAW_TEXT - 1)}…` : text];
  });
  if (fields.length > MAX_RAW_FIELDS) raw.push(['…', `${fields.length - MAX_RAW_FIELDS} more field(s)`]);
  return {
    kind: 'unknown',
    format: 'unknown',
    AlarmName: sns.Subject?.trim() || 'SNS notification',
    NewStateValue: 'UNKNOWN',
    StateChangeTime: new Date(Date.parse(sns.Timestamp) || 0).toISOString(),
    Dimensions: [],
    raw,
  };
}
