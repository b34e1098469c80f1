import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import type { BackendActivity } from '../integrations/station-db/station-database.js';
import { defineCommand } from '../pipeline/command.js';
import { note, text, type Reply } from '../pipeline/reply.js';
import { backendActivityParts } from './backend-activity-parts.js';
import { durationArgument } from './duration-argument.js';

const Args = z.object({
  /** Milliseconds a statement must have run to be listed. */
  min: durationArgument('5m'),
  full: z.boolean().default(false),
});

/**
 * `db slow-queries`: client backends whose current statement has run at least `--min` (default 5m),
 * from `pg_stat_activity`, longest first. Literals in the query text are masked (they can hold
 * passwords or personal data); `--full` shows the text as written, to the asker only.
 */
export const dbSlowQueriesCommand = defineCommand({
  name: 'db slow-queries',
  usage: 'db slow-queries [--min 5m] [--full]',
  summary: 'List statements running longer than a threshold on the station database',
  examples: ['db slow-queries', 'db slow-queries --min 30s', 'db slow-queries --min 1m --full'],
  positional: [],
  flags: { min: 'string', full: 'boolean' },
  needs: ['stationDb'],
  args: Args,
  risk: () => 'read',
  run: ({ args, integrations }): Promise<BackendActivity[]> => integrations.stationDb.activeQueries(args.min),
  present(rows, args): Reply {
    const threshold = formatDuration(args.min);
    const visibility = args.full ? 'ephemeral' : 'in_channel';
    if (rows.length === 0) {
      return {
        summary: `No queries running longer than ${threshold}`,
        visibility,
        parts: [note(`No queries running longer than ${threshold}.`)],
      };
    }
    return {
      summary: `${rows.length} ${rows.length === 1 ? 'query' : 'queries'} running longer than ${threshold}`,
      visibility,
      parts: [
        text(`Statements running for at least ${threshold} on the station database server, longest first:`),
        ...backendActivityParts(rows, 'running', args.full ? 'full' : 'masked'),
        note(
          args.full
            ? 'Full query text, shown only to you.'
            : 'Literals in query text are shown as ?. Add --full to see the text as written (only you will see it).',
        ),
      ],
    };
  },
});
