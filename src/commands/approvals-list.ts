import { z } from 'zod';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import { approvalCard } from '../approvals/approval-card.js';
import { defineCommand } from '../pipeline/command.js';
import { codeSpan, note, rich, table, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { countArgument } from './count-argument.js';

/** `approvals`: requests waiting for a decision or running now. */
export const approvalsCommand = defineCommand({
  name: 'approvals',
  usage: 'approvals [--limit 20]',
  summary: 'List pending and running approval requests',
  examples: ['approvals'],
  positional: [],
  flags: { limit: 'string' },
  args: z.object({ limit: countArgument(1, 100, 20) }),
  risk: () => 'read',
  async run({ args, approvals }): Promise<ApprovalRecord[]> {
    if (!approvals) throw new UserError('not_configured', 'Approvals are not available here.');
    return approvals.listOpen(args.limit);
  },
  present: (records) =>
    records.length === 0
      ? {
          summary: 'No open approval requests',
          visibility: 'in_channel',
          parts: [text('No approval requests are pending or running.')],
        }
      : {
          summary: `${records.length} open approval request(s)`,
          visibility: 'in_channel',
          parts: [
            table(
              ['id', 'status', 'command', 'requested by', 'approvals', 'expires (UTC)'],
              records.map((r) => [
                r.id,
                r.status,
                `/radio ${r.text}`,
                r.requester_id,
                `${r.approvers.length}/${r.quorum}`,
                r.expires_at.toISOString().slice(0, 16).replace('T', ' '),
              ]),
            ),
            note(rich`${codeSpan('/radio approval <id>')} shows one with its history.`),
          ],
        },
});

/** `approval <id>`: one request as its card, with its audit history. */
export const approvalCommand = defineCommand({
  name: 'approval',
  usage: 'approval <request-id>',
  summary: 'Show one approval request and its history',
  examples: ['approval apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6'],
  positional: ['id'],
  flags: {},
  args: z.object({ id: z.string().min(1).max(64) }),
  risk: () => 'read',
  async run({ args, integrations, approvals }) {
    const record = await approvals?.get(args.id);
    if (!record) throw new UserError('precondition', `There is no approval request \`${args.id}\`.`);
    const history = await integrations.audit.query({ approvalId: record.id, limit: 100 });
    return { record, history: history.reverse() };
  },
  present: ({ record, history }) => {
    const card = approvalCard(record, new Date());
    return {
      ...card,
      parts: [
        ...card.parts.filter((part) => part.kind !== 'actions'),
        table(
          ['at (UTC)', 'outcome', 'by', 'detail'],
          history.map((row) => [
            row.at.toISOString().replace('T', ' ').slice(0, 19),
            row.outcome,
            row.user_id,
            row.error ?? row.reason ?? '',
          ]),
        ),
      ],
    };
  },
});
