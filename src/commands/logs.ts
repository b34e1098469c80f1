import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { filterLogEventsInput, logGroupNamed, MAX_PAGES, type LogsQuery } from '../integrations/logs/logs-inputs.js';
import type { LogEvents } from '../integrations/logs/logs-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { code, note, text } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { countArgument } from './count-argument.js';
import { durationArgument } from './duration-argument.js';

/** Characters of one message shown; the rest is cut (a stack trace in one event can be kilobytes). */
const MESSAGE_SHOWN = 500;

const Args = z.object({
  group: z.string().min(1),
  since: durationArgument('15m'),
  filter: z
    .string()
    .min(1)
    .refine((value) => !value.includes('"'), 'plain text without double quotes (it is sent as one quoted term)')
    .optional(),
  limit: countArgument(1, 200, 50),
});

/** What `logs` read: the query, the newest events (oldest first) and how much was read. */
export interface LogsResult extends LogEvents {
  query: LogsQuery;
  since: number;
  limit: number;
}

function queryOf(args: z.infer<typeof Args>, logs: Parameters<typeof logGroupNamed>[0], now: number): LogsQuery {
  return {
    logGroupName: logGroupNamed(logs, args.group),
    startTime: now - args.since,
    endTime: now,
    ...(args.filter ? { filter: args.filter } : {}),
  };
}

const utc = (timestamp: number) => `${new Date(timestamp).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * `logs <group> [--since 15m] [--filter text] [--limit 50]`: the newest events of an allow-listed CloudWatch
 * Logs group (`logs.groups`), like `aws logs tail`. Reads at most 10 pages of `FilterLogEvents`.
 * There is no `--follow`: a command answers once within its deadline (30 s by default) and a slash command
 * has no message it may keep editing; run it again instead.
 * API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
 */
export const logsCommand = defineCommand({
  name: 'logs',
  usage: 'logs <group> [--since 15m] [--filter text] [--limit 50]',
  summary: 'Show the newest events of a configured CloudWatch Logs group',
  examples: ['logs n8n-main', 'logs /ecs/n8n-worker --since 1h --filter ERROR --limit 100'],
  positional: ['group'],
  flags: { since: 'string', filter: 'string', limit: 'string' },
  needs: ['logs'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config }) {
    const input = filterLogEventsInput(queryOf(args, config.logs, Date.now()));
    return awsReadPlan([{ service: 'CloudWatch Logs', operation: 'FilterLogEvents', input }]);
  },
  async run({ args, config, integrations }): Promise<LogsResult> {
    const query = queryOf(args, config.logs, Date.now());
    const found = await integrations.logs.filter(query, args.limit);
    return { ...found, query, since: args.since, limit: args.limit };
  },
  present(result) {
    const window = `the last ${formatDuration(result.since)}`;
    const what = result.query.filter ? ` matching "${result.query.filter}"` : '';
    const lines = result.events.map((event) => {
      const message = event.message.replace(/\s+$/, '');
      const shown = message.length > MESSAGE_SHOWN ? `${message.slice(0, MESSAGE_SHOWN)}…` : message;
      return `${utc(event.timestamp)} ${event.logStreamName} ${shown}`;
    });
    return {
      summary: `${result.query.logGroupName}: ${result.events.length} events${what} in ${window}`,
      visibility: 'in_channel',
      parts: [
        ...(lines.length > 0 ? [code(lines.join('\n'))] : [note(`No events${what} in ${window}.`)]),
        ...(result.read > result.events.length
          ? [
              note(
                `Showing the newest ${result.events.length} of ${result.read} events read; --limit shows more (at most 200).`,
              ),
            ]
          : []),
        ...(!result.complete
          ? [
              text(
                `CloudWatch had more than ${MAX_PAGES} pages for this window: newer events may be missing. Narrow --since or add --filter.`,
                'warning',
              ),
            ]
          : []),
      ],
    };
  },
});
