// Issue 12, fault 14: a request whose `requested` row can't be written is never stored or shown; a vote cast
// by someone whose approver role was revoked before the quorum was reached no longer counts.
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditEvent, type AuditLog } from '../../src/audit/audit-log.js';
import { approvalConfig, approvalSetup } from '../support/approvals-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-approval-integrity-test');
afterAll(() => db.close());

/** The real audit log, refusing rows with one outcome (as a full disk or a lost connection would). */
function auditRefusing(outcome: AuditEvent['outcome']): AuditLog {
  const real = createAuditLog(db);
  return {
    ...real,
    append: (event) => (event.outcome === outcome ? Promise.reject(new Error('disk full')) : real.append(event)),
  };
}

describe('fault 14: the approval chain stays whole', () => {
  it('stores and shows nothing when the requested row cannot be written', async () => {
    const setup = approvalSetup(db, { audit: auditRefusing('requested') });
    const reason = `integrity-${Date.now()}`;
    const outcome = await setup.send(`wipe rap --reason ${reason}`, 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'failed', code: 'unavailable' });
    expect(outcome.reply.summary).toMatch(/audit log could not be written, so the request was not made/);
    const { rows } = await db.query('SELECT id FROM approval_requests WHERE reason = $1', [reason]);
    expect(rows).toEqual([]);
    expect(setup.cards).toEqual([]);
    expect(setup.state.executions).toEqual([]);
  });

  it('does not count the vote of an approver whose role was revoked before the quorum was reached', async () => {
    const group = ['U0XAVIER', 'U0YVONNE', 'U0ZOE'];
    const setup = approvalSetup(db, { config: approvalConfig({ quorum: 2 }), approverGroup: group });
    const outcome = await setup.send('wipe jazz --reason "disk full"', 'U0ALICE');
    if (outcome.status !== 'pending') throw new Error(`expected pending, got ${outcome.status}`);
    const id = outcome.approvalId;
    expect((await setup.service.approve(id, setup.as('U0XAVIER'))).state).toBe('waiting');
    group.splice(group.indexOf('U0XAVIER'), 1); // Xavier leaves the approvers' group
    expect((await setup.service.approve(id, setup.as('U0YVONNE'))).state).toBe('waiting');
    expect(setup.state.executions).toEqual([]);
    expect((await setup.service.approve(id, setup.as('U0ZOE'))).state).toBe('executed');
    expect(setup.state.executions).toEqual([{ target: 'jazz', key: id }]);
  });
});
