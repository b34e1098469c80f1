import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import { AlarmTransition } from './alarm-transition.js';

/** One notification as recorded in `alarm_events`. */
export interface AlarmEventInput {
  /** SNS `MessageId` (kept across SNS retries), `reconcile:<AlarmArn>:<time>`, or the on-air watcher's `<key>:<time>`. */
  messageId: string;
  alarmKey: string;
  transition: AlarmTransition;
  /** `on-air`: the station's on-air watcher (`src/station/on-air-watcher.ts`). */
  source: 'sns' | 'reconcile' | 'on-air';
  topicArn?: string;
}

const CardRow = z.object({
  alarm_key: z.string(),
  channel_id: z.string(),
  message_ts: z.string().nullable(),
  state: z.string(),
  state_change_time: z.date(),
  transition: AlarmTransition,
  version: z.number().int(),
  rendered_version: z.number().int(),
});
/** A row of `alarm_cards`: the latest state (by `StateChangeTime`) and what Slack shows now. */
export type CardRow = z.infer<typeof CardRow>;

const EventRow = z.object({
  message_id: z.string(),
  old_state: z.string().nullable(),
  new_state: z.string(),
  state_change_time: z.date(),
});
/** A transition not yet shown on the card or in its thread. */
export type PendingEvent = z.infer<typeof EventRow>;

/**
 * `alarm_events` and `alarm_cards` in Postgres. Every write is one statement that is safe to repeat,
 * so two replicas (or SNS's retry after a crash) applying the same message change nothing twice.
 */
export function createAlarmStore(db: SqlClient) {
  return {
    /** `new` the first time; `retry` when recorded but not applied (a crash); `duplicate` when done. */
    async recordEvent(e: AlarmEventInput): Promise<'new' | 'retry' | 'duplicate'> {
      const t = e.transition;
      const { rows } = await db.query(
        `INSERT INTO alarm_events (message_id, alarm_key, alarm_name, old_state, new_state, state_change_time, reason, transition, source, topic_arn)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [
          e.messageId,
          e.alarmKey,
          t.AlarmName,
          t.OldStateValue ?? null,
          t.NewStateValue,
          t.StateChangeTime,
          t.NewStateReason ?? null,
          JSON.stringify(t),
          e.source,
          e.topicArn ?? null,
        ],
      );
      if (rows.length > 0) return 'new';
      const seen = await db.query<{ applied: boolean }>(
        'SELECT applied_at IS NOT NULL AS applied FROM alarm_events WHERE message_id = $1',
        [e.messageId],
      );
      return seen.rows[0]?.applied ? 'duplicate' : 'retry';
    },

    async markApplied(messageId: string, now: Date, options: { announced?: boolean } = {}): Promise<void> {
      await db.query(
        'UPDATE alarm_events SET applied_at = $2, announced_at = CASE WHEN $3 THEN $2 ELSE announced_at END WHERE message_id = $1',
        [messageId, now, options.announced ?? false],
      );
    },

    /** The recorded transition of `alarmKey` with the latest `StateChangeTime` (whatever order they came in), and whether it has a card. */
    async latest(alarmKey: string): Promise<{ transition?: AlarmTransition; hasCard: boolean }> {
      const { rows } = await db.query<{ transition: unknown; has_card: boolean }>(
        `SELECT (SELECT transition FROM alarm_events WHERE alarm_key = $1 ORDER BY state_change_time DESC, message_id DESC LIMIT 1) AS transition,
                EXISTS (SELECT 1 FROM alarm_cards WHERE alarm_key = $1) AS has_card`,
        [alarmKey],
      );
      const row = rows[0];
      return {
        transition: row?.transition ? AlarmTransition.parse(row.transition) : undefined,
        hasCard: row?.has_card ?? false,
      };
    },

    /**
     * In one statement (so all or nothing): moves the card to `t` when that is later than what it holds
     * (creating it in `channelId`), queues its update (due at `now`, or `coalesceMs` after its last sync;
     * an already queued one counts one more generation), and marks the event applied.
     */
    async applyEvent(
      messageId: string,
      alarmKey: string,
      channelId: string,
      t: AlarmTransition,
      now: Date,
      coalesceMs: number,
    ): Promise<void> {
      await db.query(
        `WITH card AS (
           INSERT INTO alarm_cards (alarm_key, alarm_name, region, channel_id, state, state_change_time, transition)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (alarm_key) DO UPDATE SET alarm_name = EXCLUDED.alarm_name, state = EXCLUDED.state,
             state_change_time = EXCLUDED.state_change_time, transition = EXCLUDED.transition, version = alarm_cards.version + 1
           WHERE alarm_cards.state_change_time < EXCLUDED.state_change_time
           RETURNING alarm_key
         ), queued AS (
           INSERT INTO alarm_outbox (alarm_key, due_at)
           VALUES ($1, GREATEST($8::timestamptz, (SELECT last_synced_at FROM alarm_cards WHERE alarm_key = $1) + $9::double precision * interval '1 millisecond'))
           ON CONFLICT (alarm_key) DO UPDATE SET generation = alarm_outbox.generation + 1
           RETURNING alarm_key
         )
         UPDATE alarm_events SET applied_at = $8 WHERE message_id = $10`,
        [
          alarmKey,
          t.AlarmName,
          t.region ?? null,
          channelId,
          t.NewStateValue,
          t.StateChangeTime,
          JSON.stringify(t),
          now,
          coalesceMs,
          messageId,
        ],
      );
    },

    async getCard(alarmKey: string): Promise<CardRow | undefined> {
      const { rows } = await db.query(
        'SELECT alarm_key, channel_id, message_ts, state, state_change_time, transition, version, rendered_version FROM alarm_cards WHERE alarm_key = $1',
        [alarmKey],
      );
      return rows[0] ? CardRow.parse(rows[0]) : undefined;
    },

    /** Cards of alarms in `region`, for reconciling with DescribeAlarms. */
    async cardsIn(region: string): Promise<CardRow[]> {
      const { rows } = await db.query(
        'SELECT alarm_key, channel_id, message_ts, state, state_change_time, transition, version, rendered_version FROM alarm_cards WHERE region = $1',
        [region],
      );
      return rows.map((row) => CardRow.parse(row));
    },

    /** Records what Slack now shows: `version` rendered on the message `ts`. */
    async markRendered(alarmKey: string, version: number, ts: string, now: Date): Promise<void> {
      await db.query(
        'UPDATE alarm_cards SET rendered_version = GREATEST(rendered_version, $2), message_ts = $3, last_synced_at = $4, last_error = NULL WHERE alarm_key = $1',
        [alarmKey, version, ts, now],
      );
    },

    async markSynced(alarmKey: string, now: Date, error?: string): Promise<void> {
      await db.query('UPDATE alarm_cards SET last_synced_at = $2, last_error = $3 WHERE alarm_key = $1', [
        alarmKey,
        now,
        error ?? null,
      ]);
    },

    async pendingEvents(alarmKey: string): Promise<PendingEvent[]> {
      const { rows } = await db.query(
        `SELECT message_id, old_state, new_state, state_change_time FROM alarm_events
         WHERE alarm_key = $1 AND announced_at IS NULL AND applied_at IS NOT NULL ORDER BY state_change_time, message_id`,
        [alarmKey],
      );
      return rows.map((row) => EventRow.parse(row));
    },

    async markAnnounced(messageIds: string[], cardTs: string, now: Date): Promise<void> {
      if (messageIds.length === 0) return;
      await db.query('UPDATE alarm_events SET announced_at = $2, card_ts = $3 WHERE message_id = ANY($1)', [
        messageIds,
        now,
        cardTs,
      ]);
    },

    /** The latest `StateChangeTime` of `alarmKey` already shown (on its card or in its thread). */
    async lastAnnouncedAt(alarmKey: string): Promise<Date | undefined> {
      const { rows } = await db.query<{ at: Date | null }>(
        'SELECT max(state_change_time) AS at FROM alarm_events WHERE alarm_key = $1 AND announced_at IS NOT NULL',
        [alarmKey],
      );
      return rows[0]?.at ?? undefined;
    },

    /** When the ALARM episode that ended at `okTime` began: the latest entry into ALARM before it. */
    async alarmEpisodeStart(alarmKey: string, okTime: Date): Promise<Date | undefined> {
      const { rows } = await db.query<{ at: Date }>(
        `SELECT state_change_time AS at FROM alarm_events WHERE alarm_key = $1 AND new_state = 'ALARM'
           AND old_state IS DISTINCT FROM 'ALARM' AND state_change_time < $2 ORDER BY state_change_time DESC LIMIT 1`,
        [alarmKey, okTime],
      );
      return rows[0]?.at;
    },
  };
}

export type AlarmStore = ReturnType<typeof createAlarmStore>;
