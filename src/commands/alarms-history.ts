import { z } from 'zod';
import type { AlarmHistoryRow } from '../alarms/alarm-history.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { countArgument } from './count-argument.js';

const Args = z.object({
  name: z.string().min(1).max(255),
  limit: countArgument(1, 100, 20),
});

interface AlarmsHistoryResult {
  name: string;
  rows: AlarmHistoryRow[];
}

const utc = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 19);

/** `alarms history <name>`: the transitions radio-ops recorded for one alarm (from SNS and reconciling). */
export const alarmsHistoryCommand = defineCommand({
  name: 'alarms history',
  usage: 'alarms history <alarm-name> [--limit 20]',
  summary: 'Show the recent state changes of one CloudWatch alarm, as radio-ops received them',
  examples: ['alarms history radio-db-cpu-high', 'alarms history "name with spaces" --limit 50'],
  positional: ['name'],
  flags: { limit: 'string' },
  args: Args,
  risk: () => 'read',
  async run({ args, integrations }): Promise<AlarmsHistoryResult> {
    if (!integrations.alarmHistory)
      throw new UserError('not_configured', 'Alarm history is not available in this process.');
    return { name: args.name, rows: await integrations.alarmHistory.recent(args.name, args.limit) };
  },
  present({ name, rows }, args) {
    if (rows.length === 0) {
      return {
        summary: `No transitions recorded for ${name}`,
        visibility: 'in_channel',
        parts: [text(`No transitions recorded for alarm ${name}. Names are exact (case-sensitive).`)],
      };
    }
    return {
      summary: `${rows.length} transition(s) of ${name}`,
      visibility: 'in_channel',
      parts: [
        text(`State changes of ${name}, latest first:`),
        table(
          ['StateChangeTime (UTC)', 'change', 'received (UTC)', 'via', 'card'],
          rows.map((row) => [
            utc(row.state_change_time),
            `${row.old_state ?? '?'} → ${row.new_state}`,
            utc(row.received_at),
            row.source,
            row.card_ts ?? '-',
          ]),
        ),
        note(`Showing ${rows.length} of at most ${args.limit}.`),
      ],
    };
  },
});
