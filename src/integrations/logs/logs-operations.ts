import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { awsCall } from '../aws/aws-errors.js';
import { filterLogEventsInput, MAX_PAGES, type LogsQuery } from './logs-inputs.js';

/** One log event: epoch milliseconds, its stream, its text, and CloudWatch's `eventId` (unique per event). */
export interface LogEvent {
  eventId: string;
  timestamp: number;
  logStreamName: string;
  message: string;
}

/** The newest `limit` events of a window (oldest first), and whether the window was read to its end. */
export interface LogEvents {
  events: LogEvent[];
  /** Events read in all. */
  read: number;
  /** False when {@link MAX_PAGES} pages were read and CloudWatch still had a `nextToken`. */
  complete: boolean;
}

/** CloudWatch Logs for `logs`. API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html */
export interface LogsOperations {
  /**
   * `FilterLogEvents` paged with `nextToken` (at most {@link MAX_PAGES} pages; CloudWatch may answer a page
   * with no events and a token while it searches), keeping the newest `limit`.
   * Errors in words: AccessDenied names `logs:FilterLogEvents` and the group; a missing group is `precondition`.
   */
  filter(query: LogsQuery, limit: number): Promise<LogEvents>;
}

export function createLogsOperations(logs: CloudWatchLogsClient): LogsOperations {
  return {
    async filter(query, limit) {
      const input = filterLogEventsInput(query);
      const kept: LogEvent[] = [];
      let read = 0;
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await awsCall({ action: 'logs:FilterLogEvents', resource: query.logGroupName }, () =>
          logs.send(new FilterLogEventsCommand({ ...input, ...(nextToken ? { nextToken } : {}) })),
        );
        for (const event of page.events ?? []) {
          read++;
          kept.push({
            eventId: event.eventId ?? `${event.logStreamName}/${event.timestamp}/${event.message}`,
            timestamp: event.timestamp ?? 0,
            logStreamName: event.logStreamName ?? '-',
            message: event.message ?? '',
          });
        }
        // Pages come oldest first: only the newest `limit` are kept as they arrive.
        if (kept.length > limit) kept.splice(0, kept.length - limit);
        nextToken = page.nextToken;
        pages++;
      } while (nextToken && pages < MAX_PAGES);
      return { events: kept.sort((a, b) => a.timestamp - b.timestamp), read, complete: !nextToken };
    },
  };
}
