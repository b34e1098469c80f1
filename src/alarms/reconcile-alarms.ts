import type { Logger } from 'pino';
import type { AlarmState } from '../integrations/alarms/alarm-operations.js';
import type { AlarmEventInput, AlarmStore } from './alarm-store.js';
import type { IngestResult } from './ingest-alarm-event.js';

/** An alarm's current state as `DescribeAlarms` reports it (what `AlarmOperations.listAlarms` returns). */
export interface AlarmSnapshot {
  AlarmName: string;
  StateValue?: AlarmState;
  StateReason?: string;
  StateUpdatedTimestamp?: Date;
}

/**
 * Where current alarm states come from: CloudWatch `DescribeAlarms` in one region.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
 */
export interface AlarmStateSource {
  /** The region `listAlarms` reads (cards of other regions are left alone). */
  region: string;
  listAlarms(): Promise<AlarmSnapshot[]>;
}

export interface ReconcileDependencies {
  source: AlarmStateSource;
  store: AlarmStore;
  ingest: (event: AlarmEventInput) => Promise<IngestResult>;
  log: Logger;
}

/**
 * Catches cards up with CloudWatch after an outage longer than SNS's retries: for every card whose
 * alarm changed state later than the card knows, records a `reconcile` transition (its id is derived
 * from the alarm and time, so replicas reconciling at once record it once). Only existing cards are
 * touched: alarms never notified get no card. Resolves how many cards moved.
 */
export async function reconcileAlarms(deps: ReconcileDependencies): Promise<number> {
  const cards = await deps.store.cardsIn(deps.source.region);
  if (cards.length === 0) return 0;
  const snapshots = new Map((await deps.source.listAlarms()).map((alarm) => [alarm.AlarmName, alarm]));
  let moved = 0;
  for (const card of cards) {
    const now = snapshots.get(card.transition.AlarmName);
    const at = now?.StateUpdatedTimestamp;
    if (!now?.StateValue || !at || at <= card.state_change_time) continue;
    const transition = {
      ...card.transition,
      NewStateValue: now.StateValue,
      OldStateValue: card.state,
      NewStateReason: now.StateReason,
      StateChangeTime: at.toISOString(),
    };
    const result = await deps.ingest({
      messageId: `reconcile:${card.alarm_key}:${transition.StateChangeTime}`,
      alarmKey: card.alarm_key,
      transition,
      source: 'reconcile',
    });
    if (result === 'recorded') moved++;
  }
  if (moved > 0) deps.log.info({ moved }, 'alarm cards reconciled with DescribeAlarms');
  return moved;
}
