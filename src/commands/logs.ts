import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { filterLogEventsInput, logGroupNamed, MAX_PAGES, type LogsQuery } from '../integrations/logs/logs-inputs.js';
import type { LogEvents } from '../integrations/logs/logs-operations.js';
import { followLogs, REAL_TIME, type FollowTiming } from './logs-follow.js';
import { defineCommand } from '../pipeline/command.js';
import { code, longOutput, note, text, type Reply } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { countArgument } from './count-argument.js';
import { durationArgument } from './duration-argument.js';

/** The longest `--follow`: the run's deadline is this and a margin (src/pipeline/command-deadline.ts bounds it). */
export const MAX_FOLLOW_MS = 5 * 60_000;
/** Time a follow's run gets past its `--follow` for the last poll and the answer. */
const FOLLOW_MARGIN_MS = 30_000;

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
  follow: z
    .string()
    .optional()
    .pipe(durationArgument('60s').optional())
    .refine((ms) => ms === undefined || (ms >= 5_000 && ms <= MAX_FOLLOW_MS), 'a duration from 5s to 5m'),
});

/** What `logs` read: the query, the newest events (oldest first) and how much was read. */
export interface LogsResult extends LogEvents {
  query: LogsQuery;
  since: number;
  limit: number;
  /** `--follow`: how long it follows, and whether this is an update while it still does. */
  follow?: { ms: number; until: number; running: boolean };
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
 * `logs <group> [--since 15m] [--filter text] [--limit 50] [--follow 60s]`: the newest events of an
 * allow-listed CloudWatch Logs group (`logs.groups`), like `aws logs tail`. Reads at most 10 pages of
 * `FilterLogEvents` per read. `--follow` (5 s to 5 m) then polls for new events (src/commands/logs-follow.ts)
 * and shows each update through `progress` (Slack edits one message; the shell prints the new lines); the run
 * asks for a deadline of the follow plus 30 s instead of `deadlines.command`.
 * API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
 */
export function createLogsCommand(timing: FollowTiming = REAL_TIME) {
  return defineCommand({
    name: 'logs',
    usage: 'logs <group> [--since 15m] [--filter text] [--limit 50] [--follow 60s]',
    summary: 'Show the newest events of a configured CloudWatch Logs group',
    examples: [
      'logs n8n-main',
      'logs /ecs/n8n-worker --since 1h --filter ERROR --limit 100',
      'logs n8n-main --follow 60s',
    ],
    positional: ['group'],
    flags: { since: 'string', filter: 'string', limit: 'string', follow: 'string' },
    needs: ['logs'],
    args: Args,
    risk: () => 'read',
    deadline: ({ follow }) => (follow === undefined ? undefined : follow + FOLLOW_MARGIN_MS),
    dryRunOnly: awsDryRunOnly,
    async plan({ args, config }) {
      const input = filterLogEventsInput(queryOf(args, config.logs, timing.now()));
      return awsReadPlan([{ service: 'CloudWatch Logs', operation: 'FilterLogEvents', input }]);
    },
    async run({ args, config, integrations, signal, progress }): Promise<LogsResult> {
      const query = queryOf(args, config.logs, timing.now());
      const found = await integrations.logs.filter(query, args.limit);
      const result = { query, since: args.since, limit: args.limit };
      if (args.follow === undefined) return { ...found, ...result };
      const follow = { ms: args.follow, until: query.endTime + args.follow };
      const update = (events: LogEvents) =>
        progress?.(present({ ...events, ...result, follow: { ...follow, running: true } }));
      update(found);
      const followed = await followLogs({
        logs: integrations.logs,
        query,
        first: found,
        limit: args.limit,
        followMs: args.follow,
        timing,
        signal,
        onUpdate: update,
      });
      return { ...followed, ...result, follow: { ...follow, running: false } };
    },
    present,
  });
}

export const logsCommand = createLogsCommand();

function present(result: LogsResult): Reply {
  const window = `the last ${formatDuration(result.since)}`;
  const what = result.query.filter ? ` matching "${result.query.filter}"` : '';
  const lines = result.events.map((event) => {
    const message = event.message.replace(/\s+$/, '');
    const shown = message.length > MESSAGE_SHOWN ? `${message.slice(0, MESSAGE_SHOWN)}…` : message;
    return `${utc(event.timestamp)} ${event.logStreamName} ${shown}`;
  });
  const { follow } = result;
  const followed = follow ? ` and ${follow.running ? 'following' : 'followed'} for ${formatDuration(follow.ms)}` : '';
  // More than a screenful goes in the answer's thread (issue 15); the notes below stay in the answer.
  const thread = longOutput('log events', lines);
  return {
    summary: `${result.query.logGroupName}: ${result.events.length} events${what} in ${window}${followed}`,
    visibility: 'in_channel',
    ...(thread ? { thread } : {}),
    parts: [
      ...(thread ? [] : lines.length > 0 ? [code(lines.join('\n'))] : [note(`No events${what} in ${window}.`)]),
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
      ...(follow
        ? [
            note(
              follow.running
                ? `Following: new events appear here until ${utc(follow.until)}.`
                : `Followed until ${utc(follow.until)}; run it again to follow longer (at most 5m).`,
            ),
          ]
        : []),
    ],
  };
}
