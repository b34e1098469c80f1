import type { AlarmEventInput } from '../alarms/alarm-store.js';
import type { AlarmTransition } from '../alarms/alarm-transition.js';
import { formatDuration } from '../config/duration.js';

/** The namespace of the watcher's cards: playbooks match it (`ON_AIR_PLAYBOOKS`). */
export const ON_AIR_NAMESPACE = 'radio-ops/OnAir';

/** A channel's card: one per slug (`on-air:rap`), named `on-air-rap` (`alarms history on-air-rap`). */
export const channelCard = (slug: string) => ({ alarmKey: `on-air:${slug}`, AlarmName: `on-air-${slug}` });

/** Icecast's own card, when it does not answer: its key has no `:`, so it is no channel's (`on-air:<slug>`). */
export const ICECAST_CARD = { alarmKey: 'on-air-icecast', AlarmName: 'icecast-reachable' } as const;

/** One state change of a watcher card, as the watcher decided it. */
export interface OnAirChange {
  card: { alarmKey: string; AlarmName: string };
  /** `OnAir` for a channel, `IcecastReachable` for Icecast. */
  metric: 'OnAir' | 'IcecastReachable';
  dimensions: { name: string; value: string }[];
  state: 'ALARM' | 'OK';
  /** The card's state before (what it shows). */
  old: string;
  /** The check's time, ms since the epoch. */
  at: number;
  /** What is wrong (or right again), in words: the card shows it as the reason. */
  reason: string;
  /** What is checked, shown under the reason. */
  description: string;
  everyMs: number;
}

/**
 * The watcher's change as an alarm notification, so it takes the CloudWatch cards' path (`ingestAlarmEvent`:
 * one living card per key, updated in place, thread replies, re-fires broadcast). The MessageId is unique per
 * transition (`<key>:<time>`), so a repeat of the same decision is a duplicate. Pure.
 */
export function onAirEvent(change: OnAirChange): AlarmEventInput {
  const StateChangeTime = new Date(change.at).toISOString();
  const transition: AlarmTransition = {
    kind: 'metric',
    format: 'radio-ops',
    AlarmName: change.card.AlarmName,
    AlarmDescription: change.description,
    NewStateValue: change.state,
    OldStateValue: change.old,
    NewStateReason: change.reason,
    StateChangeTime,
    Namespace: ON_AIR_NAMESPACE,
    MetricName: change.metric,
    Period: Math.round(change.everyMs / 1000),
    Dimensions: change.dimensions,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 2,
  };
  return {
    messageId: `${change.card.alarmKey}:${StateChangeTime}`,
    alarmKey: change.card.alarmKey,
    transition,
    source: 'on-air',
  };
}

/** "checks every 30s" as the cards say it. */
export const everyText = (everyMs: number) => `every ${formatDuration(everyMs)}`;
