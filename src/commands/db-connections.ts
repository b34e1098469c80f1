import { z } from 'zod';
import type { ConnectionCounts } from '../integrations/station-db/station-database.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text, type Reply, type ReplyPart } from '../pipeline/reply.js';

/** Share of `max_connections` in use from which the reply warns. */
const WARN_PERCENT = 80;

/** `db connections`: client connections by state across the station database server, against `max_connections`. */
export const dbConnectionsCommand = defineCommand({
  name: 'db connections',
  usage: 'db connections',
  summary: 'Count connections to the station database by state, against max_connections',
  examples: ['db connections'],
  positional: [],
  flags: {},
  needs: ['stationDb'],
  args: z.object({}),
  risk: () => 'read',
  run: ({ integrations }): Promise<ConnectionCounts> => integrations.stationDb.connections(),
  present(counts): Reply {
    const percent = Math.round((counts.total / counts.maxConnections) * 100);
    const notes: ReplyPart[] = [];
    if (percent >= WARN_PERCENT) notes.push(note(`${percent}% of max_connections in use.`, 'warning'));
    if (counts.byState.some(({ state }) => state === 'unknown')) {
      notes.push(note('unknown: sessions whose state this role may not see (grant it pg_monitor) or does not track.'));
    }
    notes.push(note("Client backends on the whole server; this bot's own inspection connection is not counted."));
    return {
      summary: `${counts.total} of ${counts.maxConnections} connections in use (${percent}%)`,
      visibility: 'in_channel',
      parts: [
        text(`Connections by state: ${counts.total} of max_connections ${counts.maxConnections} (${percent}%).`),
        table(
          ['state', 'connections'],
          [
            ...counts.byState.map(({ state, count }) => [state, String(count)]),
            ['total', `${counts.total} of ${counts.maxConnections} (${percent}%)`],
          ],
        ),
        ...notes,
      ],
    };
  },
});
