import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import type { ReplyButton } from '../pipeline/reply.js';
import type { PlaybookButton } from './playbook.js';

/** A stored button id: `run_` and 20 lower-case hex characters. Button values carry only this. */
export const BUTTON_ID = /^run_[0-9a-f]{20}$/;

const StoredButton = z.object({
  command_line: z.string(),
  label: z.string(),
  alarm_key: z.string(),
  channel_id: z.string().nullable(),
  message_ts: z.string().nullable(),
});

/** What a pressed button runs, and where its card is (to answer in the card's thread). */
export interface StoredButton {
  commandLine: string;
  label: string;
  alarmKey: string;
  channelId?: string;
  messageTs?: string;
}

/** Resolves a pressed button's id; `undefined` for an id that is unknown or malformed. */
export interface AlarmButtonLookup {
  get(id: string): Promise<StoredButton | undefined>;
}

/**
 * `alarm_buttons`: the command lines behind playbook buttons. One row per alarm and command line, so
 * a card keeps the same ids across updates and the table doesn't grow with transitions.
 */
export function createAlarmButtons(db: SqlClient) {
  return {
    /** `run` buttons for `buttons`, storing each command line (or finding its existing id). */
    async store(alarmKey: string, buttons: readonly PlaybookButton[]): Promise<ReplyButton[]> {
      const stored: ReplyButton[] = [];
      for (const button of buttons) {
        const { rows } = await db.query<{ id: string }>(
          `INSERT INTO alarm_buttons (id, alarm_key, label, command_line) VALUES ($1, $2, $3, $4)
           ON CONFLICT (alarm_key, command_line) DO UPDATE SET label = EXCLUDED.label RETURNING id`,
          [`run_${randomBytes(10).toString('hex')}`, alarmKey, button.label, button.command],
        );
        stored.push({ label: button.label, action: 'run', value: String(rows[0]?.id) });
      }
      return stored;
    },

    async get(id: string): Promise<StoredButton | undefined> {
      if (!BUTTON_ID.test(id)) return undefined;
      const { rows } = await db.query(
        `SELECT b.command_line, b.label, b.alarm_key, c.channel_id, c.message_ts
         FROM alarm_buttons b LEFT JOIN alarm_cards c ON c.alarm_key = b.alarm_key WHERE b.id = $1`,
        [id],
      );
      if (!rows[0]) return undefined;
      const row = StoredButton.parse(rows[0]);
      return {
        commandLine: row.command_line,
        label: row.label,
        alarmKey: row.alarm_key,
        channelId: row.channel_id ?? undefined,
        messageTs: row.message_ts ?? undefined,
      };
    },
  } satisfies AlarmButtonLookup & Record<string, unknown>;
}

export type AlarmButtons = ReturnType<typeof createAlarmButtons>;
