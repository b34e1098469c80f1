// Issue 12, faults 9 and 13, on the pure card and renderer: a plan of any length leaves the card its
// header, decision fields, buttons and request id within Slack's limits; mentions are real mentions.
import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/approvals/approval-card.js';
import type { ApprovalRecord } from '../../src/approvals/approval-record.js';
import { approvalPlanThread } from '../../src/approvals/approval-thread.js';
import { mention, text, type Reply } from '../../src/pipeline/reply.js';
import { LIMITS, renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';

const ID = 'apr_01JPAXK7Q9ZV3M8T2W6R4N5B7C';
const record = (calls: number, reason: string | null): ApprovalRecord => ({
  id: ID,
  request_id: '00000000-0000-4000-8000-000000000009',
  command: 'db kill-idle',
  args: { older: 0 },
  text: `db kill-idle --older 0s${reason ? ` --reason "${reason}"` : ''}`,
  reason,
  plan: {
    current: [['Sessions', String(calls)]],
    calls: Array.from({ length: calls }, (_, i) => ({
      service: 'PostgreSQL',
      operation: 'pg_terminate_backend',
      input: { pid: 10_000 + i, backend_start: '2025-03-14T20:00:00.123456+00:00', state: 'idle in transaction' },
    })),
    warnings: [],
    state: [],
  },
  requester_id: 'U0ALICE',
  requester_name: 'alice',
  source: 'slack',
  team_id: 'T0EXAMPLE',
  channel_id: 'C0EXAMPLE01',
  message_channel: null,
  message_ts: null,
  quorum: 1,
  status: 'pending',
  created_at: new Date('2025-03-14T21:10:00Z'),
  expires_at: new Date('2025-03-14T21:40:00Z'),
  decided_at: null,
  decided_by: null,
  decision_reason: null,
  result: null,
  error: null,
  approvers: [],
});

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };
function checkFits(message: { blocks: unknown[] }) {
  const blocks = message.blocks as Block[];
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
  expect(JSON.stringify(blocks)).not.toMatch(/Output truncated/);
  return blocks;
}

describe('fault 9: the approval card with a long plan', () => {
  it.each([
    [45, null],
    [25, 'y'.repeat(2_500)],
    [2_000, '>'.repeat(5_000)],
  ])(
    'fault 9: %i calls keep the header, fields, buttons and request id, and the thread holds every call',
    (calls, reason) => {
      const blocks = checkFits(renderBlockKit(approvalCard(record(calls, reason), new Date('2025-03-14T21:12:00Z'))));
      expect(blocks[0]?.type).toBe('header');
      expect(blocks.find((b) => b.type === 'actions')?.elements?.map((e) => [e.action_id, e.value])).toEqual([
        ['radio_approve', ID],
        ['radio_reject', ID],
        ['radio_cancel', ID],
      ]);
      expect(JSON.stringify(blocks)).toContain(`Request ${ID}`);
      expect(JSON.stringify(blocks)).toContain(`${calls} calls planned`);
      const thread = approvalPlanThread(record(calls, reason)).map(renderBlockKit);
      const all = thread.map((message) => JSON.stringify(checkFits(message))).join('\n');
      for (let i = 0; i < calls; i++) expect(all).toContain(`\\"pid\\":${10_000 + i},`);
    },
  );

  it('fault 9: the renderer never cuts the heading or the buttons, even for a reply far over the limits', () => {
    const reply: Reply = {
      summary: 'huge',
      visibility: 'in_channel',
      parts: [
        { kind: 'heading', text: 'Huge' },
        ...Array.from({ length: 80 }, (_, i) => text(`line ${i} ${'z'.repeat(400)}`)),
        { kind: 'actions', buttons: [{ label: 'Approve', action: 'approve', value: ID }] },
      ],
    };
    const blocks = renderBlockKit(reply).blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-2)?.type).toBe('context'); // the truncation note, just before the buttons
    expect(blocks.at(-1)?.elements?.[0]?.action_id).toBe('radio_approve');
  });
});

describe('fault 13: mentions', () => {
  it('fault 13: a mention is a real mention in Slack, the id in a terminal, and nothing else becomes markup', () => {
    const reply: Reply = {
      summary: 's',
      visibility: 'in_channel',
      parts: [text([mention('U0BOB'), ' ', mention('S0ONCALL'), ' ', mention('<!channel>')])],
    };
    expect(JSON.stringify(renderBlockKit(reply).blocks)).toContain('<@U0BOB> <!subteam^S0ONCALL> @&lt;!channel&gt;');
    expect(renderTerminal(reply)).toBe('@U0BOB @S0ONCALL @<!channel>');
  });

  it('fault 13: the pending card mentions approver groups, else approver users; a decided card mentions no one', () => {
    const at = new Date('2025-03-14T21:12:00Z');
    const shown = (r: ApprovalRecord, approvers: string[]) =>
      JSON.stringify(renderBlockKit(approvalCard(r, at, approvers)));
    expect(shown(record(1, null), ['U0BOB', 'S0ONCALL', '*'])).toContain('<!subteam^S0ONCALL>: this request waits');
    expect(shown(record(1, null), ['U0BOB', 'W0CAROL'])).toContain('<@U0BOB> <@W0CAROL>: this request waits');
    expect(shown({ ...record(1, null), status: 'rejected' }, ['U0BOB'])).not.toContain('<@U0BOB>');
  });
});
