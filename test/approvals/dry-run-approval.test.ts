// Issue 13, fault 23: a destructive request asked for where it can only be planned (AWS without
// credentials, `aws.mode: dry-run`) goes through the two-person gate marked as a dry run, and its
// approved run plans, calls nothing and says so: on the card, in the thread and in every audit row.
import { afterAll, describe, expect, it } from 'vitest';
import type { ApprovalNotifier } from '../../src/approvals/approval-notifier.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-dry-run-approval-test');
afterAll(() => db.close());

const OFFLINE = 'aws.mode is dry-run in the configuration.';

/** A notifier that keeps every card and thread reply as the terminal shows it. */
function shownNotifier() {
  const shown: string[] = [];
  const keep = async (_record: unknown, reply: Reply) => void shown.push(renderTerminal(reply));
  const notifier: ApprovalNotifier = {
    post: async (record, card) => {
      await keep(record, card);
      return { channel: 'C0EXAMPLE01', ts: '1.0001' };
    },
    update: keep,
    thread: keep,
  };
  return { shown, notifier };
}

async function dryRunChain(approvalId: string) {
  const { rows } = await db.query<{ outcome: string; user_id: string; dry_run: boolean | null }>(
    `SELECT outcome, user_id, (args->>'dryRun')::boolean AS dry_run FROM audit_events WHERE approval_id = $1 ORDER BY id`,
    [approvalId],
  );
  return rows.map((row) => [row.outcome, row.user_id, row.dry_run]);
}

describe('fault 23: a destructive request that can only be planned here', () => {
  it('fault 23: waits for approval as a dry run; approved, it calls nothing, says so, and every row is marked', async () => {
    const { shown, notifier } = shownNotifier();
    const setup = approvalSetup(db, { dryRunOnly: OFFLINE, notifier });
    const asked = await setup.send('wipe rap --reason "trying it"', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    expect(renderTerminal(asked.reply)).toContain(
      `Once approved it runs as a dry run, because it can only be planned here: ${OFFLINE}`,
    );
    expect(shown[0]).toContain('Approval needed (dry run only): wipe');

    const approved = await setup.send(`approve ${asked.approvalId}`, 'U0BOB');
    expect(approved).toMatchObject({ status: 'succeeded' });
    expect(renderTerminal(approved.reply)).toContain('approved, and run as a dry run: nothing was changed');
    expect(setup.state.executions).toEqual([]);
    const after = shown.join('\n');
    expect(after).toContain('Approved, run as a dry run: nothing was changed: wipe');
    expect(after).toContain(`Dry run: wipe\n`);
    expect(after).toContain(`Dry run only: ${OFFLINE}`);
    expect(after).not.toMatch(/Approved and done/);
    expect(await dryRunChain(asked.approvalId)).toEqual([
      ['requested', 'U0ALICE', true],
      ['approved', 'U0BOB', true],
      ['started', 'U0ALICE', true],
      ['succeeded', 'U0ALICE', true],
    ]);
  });

  it('fault 23: stays a dry run when it is approved where it could run: what was approved was a dry run', async () => {
    const offline = approvalSetup(db, { dryRunOnly: OFFLINE });
    const asked = await offline.send('wipe jazz', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    const live = approvalSetup(db);
    expect(await live.send(`approve ${asked.approvalId}`, 'U0BOB')).toMatchObject({ status: 'succeeded' });
    expect([...offline.state.executions, ...live.state.executions]).toEqual([]);
    expect((await dryRunChain(asked.approvalId)).at(-1)).toEqual(['succeeded', 'U0ALICE', true]);
  });

  it('fault 23: is asked for with the roles of the act, not those of a dry run: a viewer pages nobody', async () => {
    const setup = approvalSetup(db, { dryRunOnly: OFFLINE });
    const outcome = await setup.send('wipe rap', 'U0VIEWER');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(setup.cards).toEqual([]);
  });
});
