import { formatDuration } from '../config/duration.js';
import type { BackendActivity } from '../integrations/station-db/station-database.js';
import { code, note, table, type ReplyPart } from '../pipeline/reply.js';
import { maskSqlLiterals } from './mask-sql-literals.js';

/** Rows shown in one reply; Slack cuts long messages anyway, and a note says how many were left out. */
export const MAX_BACKEND_ROWS = 30;
/** Queries shown in full (`--full`), each as its own code block. */
const MAX_FULL_QUERIES = 10;

/** How query text is shown: `masked` replaces literals with `?`; `full` shows it as Postgres has it. */
export type QueryText = 'masked' | 'full';

/**
 * The parts listing backends from `pg_stat_activity`: one table row each (query on one line, cut by
 * the renderer), and with `full` the complete text of the first queries as code blocks.
 *
 * @param durationLabel column title of {@link BackendActivity.durationMs} (`running`, `idle for`).
 */
export function backendActivityParts(
  rows: BackendActivity[],
  durationLabel: string,
  queryText: QueryText,
): ReplyPart[] {
  const shown = rows.slice(0, MAX_BACKEND_ROWS);
  const show = (query: string | undefined) =>
    query === undefined ? '-' : queryText === 'full' ? query : maskSqlLiterals(query);
  const parts: ReplyPart[] = [
    table(
      ['pid', 'db', 'user', 'application', 'client', durationLabel, 'state', 'wait event', 'query'],
      shown.map((row) => [
        String(row.pid),
        row.database ?? '-',
        row.user ?? '-',
        row.application ?? '-',
        row.client ?? '-',
        row.durationMs === undefined ? '-' : formatDuration(row.durationMs),
        row.state ?? '-',
        row.waitEvent ?? '-',
        collapseWhitespace(show(row.query)),
      ]),
    ),
  ];
  if (rows.length > shown.length) parts.push(note(`${rows.length - shown.length} more not shown.`));
  if (queryText === 'full') {
    for (const row of shown.slice(0, MAX_FULL_QUERIES)) {
      if (row.query !== undefined)
        parts.push(code(`-- pid ${row.pid}${row.queryId ? `, query_id ${row.queryId}` : ''}\n${row.query}`));
    }
    if (shown.length > MAX_FULL_QUERIES) parts.push(note(`Full text of the first ${MAX_FULL_QUERIES} queries only.`));
  }
  return parts;
}

/** One line per query: runs of spaces, tabs and newlines become one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
