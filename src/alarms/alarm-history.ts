import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';

const HistoryRow = z.object({
  message_id: z.string(),
  old_state: z.string().nullable(),
  new_state: z.string(),
  state_change_time: z.date(),
  received_at: z.date(),
  source: z.string(),
  card_ts: z.string().nullable(),
});
/** One row of `alarm_events`: a transition as received (`source` `sns` or `reconcile`). */
export type AlarmHistoryRow = z.infer<typeof HistoryRow>;

/** Recorded alarm transitions, for `alarms history`. */
export interface AlarmHistory {
  /** The newest `limit` transitions of the alarm named exactly `alarmName`, latest `StateChangeTime` first. */
  recent(alarmName: string, limit: number): Promise<AlarmHistoryRow[]>;
}

/** {@link AlarmHistory} over `alarm_events`. */
export function createAlarmHistory(db: SqlClient): AlarmHistory {
  return {
    async recent(alarmName, limit) {
      const { rows } = await db.query(
        `SELECT message_id, old_state, new_state, state_change_time, received_at, source, card_ts FROM alarm_events
         WHERE alarm_name = $1 ORDER BY state_change_time DESC, received_at DESC LIMIT $2`,
        [alarmName, limit],
      );
      return rows.map((row) => HistoryRow.parse(row));
    },
  };
}
