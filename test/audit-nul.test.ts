// Issue 13, fault 20: Postgres `text` can't hold U+0000, so a line with a NUL in it made every audit
// insert fail, and the refusal (or the run) went unrecorded: exactly the lines an attacker sends. The
// audit layer now writes it as the visible `\u0000`, in audit_events, approval_requests and operations.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../src/audit/audit-log.js';
import { buildRegistry } from '../src/commands/index.js';
import { RadioConfig } from '../src/config/radio-config.js';
import { createOperationStore } from '../src/operations/operation-store.js';
import { createDispatcher } from '../src/pipeline/dispatcher.js';
import { createShellSession } from '../src/shell/shell-session.js';
import { shellIdentity } from '../src/shell/shell-identity.js';
import { approvalSetup } from './support/approvals-fixture.js';
import { groups, silentLog, untouchedStationDb } from './support/fakes.js';
import { openWorkerDatabase } from './support/worker-db.js';

const db = openWorkerDatabase('radio-ops-audit-nul-test');
afterAll(() => db.close());

/** What the audit shows for a NUL: the six characters `\u0000`. */
const SHOWN = '\\u0000';

interface Row {
  outcome: string;
  text: string;
  reason: string | null;
  user_id: string;
  command: string | null;
  args: Record<string, unknown> | null;
}
const rowsWithReason = async (reason: string) =>
  (
    await db.query<Row>(
      'SELECT outcome, text, reason, user_id, command, args FROM audit_events WHERE reason = $1 ORDER BY id',
      [reason],
    )
  ).rows;

/** A shell whose lines go through the real dispatcher into this worker's audit_events, as `user`. */
function shellAs(user: string) {
  const dispatch = createDispatcher({
    registry: buildRegistry(),
    config: RadioConfig.parse({ roles: { viewer: ['U0ALICE'] } }),
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit: createAuditLog(db) },
  });
  return createShellSession({ dispatch, identity: shellIdentity('/etc/radio.yml', user), userName: 'laptop' });
}

describe('a NUL character typed in the shell', () => {
  it('fault 20: a refusal is audited, the NUL shown as \\u0000', async () => {
    const marker = `probe-${randomUUID()}`;
    const result = await shellAs('U0MALLORY').handle(`db size --reason "${marker}\u0000' OR 1=1"`);
    expect(result.exitCode).toBe(1);
    const rows = await rowsWithReason(`${marker}${SHOWN}' OR 1=1`);
    expect(rows.map((row) => [row.user_id, row.command, row.outcome])).toEqual([['U0MALLORY', 'db size', 'denied']]);
    expect(rows[0]!.text).toBe(`db size --reason "${marker}${SHOWN}' OR 1=1"`);
  });

  it('fault 20: a command run with a NUL in its arguments is audited started and succeeded', async () => {
    const marker = `probe-${randomUUID()}`;
    const result = await shellAs('U0ALICE').handle(`audit --command "db\u0000size" --reason ${marker}`);
    expect(result.exitCode).toBe(0);
    const rows = await rowsWithReason(marker);
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'succeeded']);
    expect(rows[0]!.args).toMatchObject({ command: `db${SHOWN}size` });
  });
});

describe('the audit log read back', () => {
  it('fault 20: filters with a NUL find the rows written with \\u0000, and nothing else', async () => {
    const audit = createAuditLog(db);
    const user = `U0${randomUUID().slice(0, 8).toUpperCase()}`;
    for (const command of ['probe\u0000one', 'probe\\u0000two', 'probeu0000three'])
      await audit.append({
        requestId: randomUUID(),
        source: 'shell',
        userId: user,
        text: command,
        command,
        outcome: 'denied',
      });
    const found = await audit.query({ userId: user, commandPrefix: 'probe\u0000', limit: 10 });
    expect(found.map((row) => row.command).sort()).toEqual([`probe${SHOWN}one`, `probe${SHOWN}two`]);
  });
});

describe('a NUL character in a destructive request and a followed operation', () => {
  let setup: ReturnType<typeof approvalSetup>;
  beforeAll(() => {
    setup = approvalSetup(db);
  });

  it('fault 20: the request is stored with \\u0000, approved and run; a reject reason with NUL is stored too', async () => {
    const marker = `probe-${randomUUID()}`;
    const requested = await setup.send(`wipe disk --reason "${marker}\u0000"`, 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(requested)}`);
    const { rows } = await db.query<{ reason: string; text: string }>(
      'SELECT reason, text FROM approval_requests WHERE id = $1',
      [requested.approvalId],
    );
    expect(rows[0]).toEqual({ reason: `${marker}${SHOWN}`, text: `wipe disk --reason "${marker}${SHOWN}"` });
    expect((await setup.send(`approve ${requested.approvalId}`, 'U0BOB')).status).toBe('succeeded');
    expect((await setup.chain(requested.approvalId)).map((row) => row.outcome)).toEqual([
      'requested',
      'approved',
      'started',
      'succeeded',
    ]);

    const second = await setup.send(`wipe disk --reason ${marker}`, 'U0ALICE');
    if (second.status !== 'pending') throw new Error(`expected pending, got ${second.status}`);
    expect((await setup.send(`reject ${second.approvalId} --reason "no\u0000"`, 'U0BOB')).status).toBe('succeeded');
    const decided = await db.query<{ status: string; decision_reason: string }>(
      'SELECT status, decision_reason FROM approval_requests WHERE id = $1',
      [second.approvalId],
    );
    expect(decided.rows[0]).toEqual({ status: 'rejected', decision_reason: `no${SHOWN}` });
  });

  it('fault 20: an operation followed for a line with NUL is stored with \\u0000', async () => {
    const row = await createOperationStore(db).follow({
      kind: 'rds-restore',
      target: `radio-db\u0000`,
      requestId: randomUUID(),
      userId: 'U0ALICE',
      source: 'shell',
      command: 'dr restore-db',
      text: `dr restore-db --reason "x\u0000"`,
    });
    expect([row.target, row.text]).toEqual([`radio-db${SHOWN}`, `dr restore-db --reason "x${SHOWN}"`]);
  });
});
