import { z } from 'zod';
import type { DatabaseSize } from '../integrations/station-db/station-database.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text, type Reply } from '../pipeline/reply.js';

/** `db size`: the station database's size and its five largest tables (indexes and TOAST included). */
export const dbSizeCommand = defineCommand({
  name: 'db size',
  usage: 'db size',
  summary: 'Show the station database size and its largest tables',
  examples: ['db size'],
  positional: [],
  flags: {},
  needs: ['stationDb'],
  args: z.object({}),
  risk: () => 'read',
  run: ({ integrations }): Promise<DatabaseSize> => integrations.stationDb.size(),
  present(size): Reply {
    const parts = [text(`Database ${size.database} is ${size.pretty} (${size.bytes} bytes).`)];
    if (size.largestTables.length === 0) {
      parts.push(note('No tables outside the system schemas.'));
    } else {
      parts.push(
        table(
          ['table', 'size', 'bytes'],
          size.largestTables.map((t) => [t.table, t.pretty, t.bytes]),
        ),
        note('Largest tables first, by pg_total_relation_size: table, indexes and TOAST.'),
      );
    }
    return { summary: `Database ${size.database}: ${size.pretty}`, visibility: 'in_channel', parts };
  },
});
