import { z } from 'zod';
import type { AuditRow } from '../audit/audit-log.js';
import { parseDuration } from '../config/duration.js';
import { defineCommand } from '../pipeline/command.js';
import { MAX_DURATION_MS } from './duration-argument.js';
import { note, table, text } from '../pipeline/reply.js';
import { countArgument } from './count-argument.js';

const Args = z.object({
  user: z
    .string()
    // Slack sends an @mention as the person's id (`<@U0ALICE|alice>`); a bare `@alice` is a name, which the
    // shell (and a Slack without that user) has no directory to look up, and names are neither unique nor fixed.
    .regex(
      /^@?[UW][A-Z0-9]+$/,
      'a Slack user id like U0ALICE, not a name (in Slack, an @mention of the person works too)',
    )
    .transform((u) => u.replace(/^@/, ''))
    .optional(),
  command: z
    .string()
    .min(1)
    .max(100)
    .transform((c) => c.toLowerCase())
    .optional(),
  since: z
    .string()
    .refine((s) => (parseDuration(s) ?? Infinity) <= MAX_DURATION_MS, 'a duration like 30m, 2h or 1d, at most 366d')
    .optional(),
  limit: countArgument(1, 100, 20),
});

/** `audit`: the newest rows of the append-only audit log, filtered. */
export const auditCommand = defineCommand({
  name: 'audit',
  usage: 'audit [--user U0ALICE] [--command db] [--since 1d] [--limit 20]',
  summary: 'Show recent audit log rows (who ran what, and how it ended)',
  // Examples work as typed in Slack and in the shell (test/commands/help-examples.unit.test.ts).
  examples: ['audit', 'audit --user U0ALICE --since 1d', 'audit --command db --limit 50'],
  positional: [],
  flags: { user: 'string', command: 'string', since: 'string', limit: 'string' },
  args: Args,
  risk: () => 'read',
  async run({ args, integrations }): Promise<AuditRow[]> {
    const since = args.since ? new Date(Date.now() - (parseDuration(args.since) ?? 0)) : undefined;
    return integrations.audit.query({ userId: args.user, commandPrefix: args.command, since, limit: args.limit });
  },
  present(rows, args) {
    const filters = [
      args.user && `user ${args.user}`,
      args.command && `command ${args.command}*`,
      args.since && `since ${args.since}`,
    ]
      .filter(Boolean)
      .join(', ');
    if (rows.length === 0) {
      return {
        summary: 'No audit rows match',
        visibility: 'in_channel',
        parts: [text(`No audit rows match${filters ? ` (${filters})` : ''}.`)],
      };
    }
    return {
      summary: `${rows.length} audit row(s)`,
      visibility: 'in_channel',
      parts: [
        text(`Audit log, newest first${filters ? ` (${filters})` : ''}:`),
        table(
          ['at (UTC)', 'user', 'outcome', 'command', 'text', 'detail'],
          rows.map((row) => [
            row.at.toISOString().replace('T', ' ').slice(0, 19),
            row.user_id,
            // A dry run's rows never read as something done.
            row.dry_run ? `${row.outcome} (dry run)` : row.outcome,
            row.command ?? '-',
            row.text,
            row.error ?? row.reason ?? (row.duration_ms === null ? '' : `${row.duration_ms} ms`),
          ]),
        ),
        note(`Showing ${rows.length} of at most ${args.limit}.`),
      ],
    };
  },
});
