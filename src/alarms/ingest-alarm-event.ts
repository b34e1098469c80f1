import type { AlarmEventInput, AlarmStore } from './alarm-store.js';

/** What {@link ingestAlarmEvent} writes to and the settings it applies. */
export interface AlarmIngestDependencies {
  store: AlarmStore;
  /** `alarms.channel`: where new cards are posted. */
  channel: string;
  /** `alarms.suppressInitialOk`: a new alarm's first INSUFFICIENT_DATA → OK gets no card. */
  suppressInitialOk: boolean;
  /** `alarms.coalesce` in milliseconds. */
  coalesceMs: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Called once a transition is queued, so the worker looks at once. */
  queued?: () => void;
}

/** What became of a notification: queued for its card, seen before, or noise by configuration. */
export type IngestResult = 'recorded' | 'duplicate' | 'suppressed';

/**
 * Records one alarm notification and queues its card update. The MessageId is recorded first, so a
 * second delivery (a retry, another replica) changes nothing; a delivery recorded but not applied
 * (a crash in between) is applied again, which is safe because every step is idempotent. The card
 * takes the recorded transition with the latest `StateChangeTime`, whatever order SNS delivers in.
 */
export async function ingestAlarmEvent(deps: AlarmIngestDependencies, event: AlarmEventInput): Promise<IngestResult> {
  const { store } = deps;
  const recorded = await store.recordEvent(event);
  if (recorded === 'duplicate') return 'duplicate';
  const t = event.transition;
  const initialOk = t.OldStateValue === 'INSUFFICIENT_DATA' && t.NewStateValue === 'OK';
  const { transition: latest = t, hasCard } = await store.latest(event.alarmKey);
  if (deps.suppressInitialOk && initialOk && latest.StateChangeTime === t.StateChangeTime && !hasCard) {
    await store.markApplied(event.messageId, new Date(deps.now()), { announced: true });
    return 'suppressed';
  }
  // The latest recorded transition, not necessarily this one: a suppressed initial OK that is newer still wins.
  await store.applyEvent(event.messageId, event.alarmKey, deps.channel, latest, new Date(deps.now()), deps.coalesceMs);
  deps.queued?.();
  return 'recorded';
}
