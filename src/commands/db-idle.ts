import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import type { BackendActivity } from '../integrations/station-db/station-database.js';
import { defineCommand } from '../pipeline/command.js';
import { note, text, type Reply } from '../pipeline/reply.js';
import { backendActivityParts } from './backend-activity-parts.js';
import { durationArgument } from './duration-argument.js';

const Args = z.object({
  /** Milliseconds since `state_change` a session must have been idle to be listed. */
  older: durationArgument('10m'),
});

/**
 * `db idle`: client sessions `idle`, `idle in transaction` or `idle in transaction (aborted)` since
 * longer than `--older` (default 10m), from `pg_stat_activity`, longest first. The query shown is the
 * session's last statement, literals masked.
 */
export const dbIdleCommand = defineCommand({
  name: 'db idle',
  usage: 'db idle [--older 10m]',
  summary: 'List sessions idle (or idle in a transaction) longer than a threshold',
  examples: ['db idle', 'db idle --older 1h'],
  positional: [],
  flags: { older: 'string' },
  needs: ['stationDb'],
  args: Args,
  risk: () => 'read',
  run: ({ args, integrations }): Promise<BackendActivity[]> => integrations.stationDb.idleSessions(args.older),
  present(rows, args): Reply {
    const threshold = formatDuration(args.older);
    if (rows.length === 0) {
      return {
        summary: `No sessions idle longer than ${threshold}`,
        visibility: 'in_channel',
        parts: [note(`No sessions idle longer than ${threshold}.`)],
      };
    }
    const inTransaction = rows.filter((row) => row.state?.startsWith('idle in transaction')).length;
    return {
      summary: `${rows.length} ${rows.length === 1 ? 'session' : 'sessions'} idle longer than ${threshold}`,
      visibility: 'in_channel',
      parts: [
        text(
          `Sessions idle for at least ${threshold} on the station database server, longest first (query: the last statement run):`,
        ),
        ...backendActivityParts(rows, 'idle for', 'masked'),
        ...(inTransaction > 0
          ? [
              note(
                `${inTransaction} idle in a transaction: it holds its locks and snapshot until it ends (see idle_in_transaction_session_timeout).`,
                'warning',
              ),
            ]
          : []),
        note('Literals in query text are shown as ?.'),
      ],
    };
  },
});
