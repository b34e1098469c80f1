import type { FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';

/** Events asked for per `FilterLogEvents` page. */
export const EVENTS_PER_PAGE = 1000;
/** Pages read at most per `logs` command (so at most 10,000 events, or 10 MB, are read). */
export const MAX_PAGES = 10;

/** What `logs` asks for: a configured group, a window in epoch milliseconds, and an optional term. */
export interface LogsQuery {
  logGroupName: string;
  startTime: number;
  endTime: number;
  /** Plain text, matched as one quoted term. */
  filter?: string;
}

/**
 * The configured log group `name` stands for: a name from `logs.groups` or its last path segment
 * (`n8n-main` for `/ecs/n8n-main`).
 * @throws UserError `usage` naming the configured groups when it is neither.
 */
export function logGroupNamed(config: RadioConfig['logs'], name: string): string {
  const found = config.groups.find((group) => group === name || group.split('/').at(-1) === name);
  if (found) return found;
  throw new UserError(
    'usage',
    `\`${name}\` is not one of the log groups in logs.groups: ${config.groups.join(', ')} (or their last part, like ${config.groups[0]?.split('/').at(-1)}).`,
  );
}

/**
 * The first `FilterLogEvents` input of a query (later pages add `nextToken`). The filter text is sent as one
 * quoted term, so `--filter "ERROR 500"` matches that phrase and `-`, `:` or `[` in it mean nothing special.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function filterLogEventsInput(query: LogsQuery): FilterLogEventsCommandInput {
  return {
    logGroupName: query.logGroupName,
    startTime: query.startTime,
    endTime: query.endTime,
    ...(query.filter ? { filterPattern: `"${query.filter}"` } : {}),
    limit: EVENTS_PER_PAGE,
  };
}
