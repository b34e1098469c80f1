// A shell on the server's database advances only the runs started from the shell: a Slack run's card is the
// server's to update, so the shell's engine must never claim it (and show its progress only in a terminal).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/runbooks/run-store.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-run-store-source-test');
afterAll(() => db.close());

const newRun = (source: string) => ({
  requestId: randomUUID(),
  runbook: 'source-check',
  args: {},
  text: 'runbook source-check',
  requesterId: 'U0ALICE',
  source,
  steps: [{ kind: 'command' as const, line: 'db size', words: ['db', 'size'], ownApproval: false }],
});

describe('claiming due runs by source', () => {
  it("a store for `shell` claims the shell's run and leaves the Slack run; an unrestricted store takes it", async () => {
    // Far in the future: no other test's engine on this database is due to take them.
    const due = new Date('2100-01-01T00:00:00Z');
    const now = new Date('2100-01-01T00:01:00Z');
    const until = new Date('2100-01-01T00:02:00Z');
    const fromSlack = await createRunStore(db).create(newRun('slack'), due);
    const fromShell = await createRunStore(db).create(newRun('shell'), due);

    const shellClaims = await createRunStore(db, 'shell').claimDue('shell-owner', now, until, 100);
    const shellIds = shellClaims.map((run) => run.id);
    expect(shellIds).toContain(fromShell.id);
    expect(shellIds).not.toContain(fromSlack.id);

    const serverClaims = await createRunStore(db).claimDue('server-owner', now, until, 100);
    expect(serverClaims.map((run) => run.id)).toContain(fromSlack.id);
    await db.query(`UPDATE runbook_runs SET status = 'aborted' WHERE id = ANY($1)`, [[fromSlack.id, fromShell.id]]);
  });
});
