import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../src/audit/audit-log.js';
import { openWorkerDatabase } from './support/worker-db.js';

const db = openWorkerDatabase();
const audit = createAuditLog(db);
afterAll(() => db.close());

async function appendOne(userId: string, command: string, outcome: 'started' | 'succeeded' = 'succeeded') {
  await audit.append({
    requestId: randomUUID(),
    source: 'shell',
    userId,
    text: command,
    command,
    args: { a: 1 },
    risk: 'read',
    outcome,
  });
}

describe('audit_events', () => {
  it('rejects UPDATE, DELETE and TRUNCATE (append-only, enforced by triggers)', async () => {
    const user = `U0${randomUUID().slice(0, 8).toUpperCase()}`;
    await appendOne(user, 'db size');
    await expect(db.query(`UPDATE audit_events SET outcome = 'failed' WHERE user_id = $1`, [user])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.query(`DELETE FROM audit_events WHERE user_id = $1`, [user])).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE/);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE user_id = $1`, [user]);
    expect(rows[0]?.n).toBe('1');
  });

  it('filters by user, by command prefix and limits, newest first', async () => {
    const user = `U0${randomUUID().slice(0, 8).toUpperCase()}`;
    await appendOne(user, 'db size');
    await appendOne(user, 'db connections');
    await appendOne(user, 'audit');
    const dbRows = await audit.query({ userId: user, commandPrefix: 'db', limit: 10 });
    expect(dbRows.map((row) => row.command)).toEqual(['db connections', 'db size']);
    const limited = await audit.query({ userId: user, limit: 1 });
    expect(limited.map((row) => row.command)).toEqual(['audit']);
    const future = await audit.query({ userId: user, since: new Date(Date.now() + 60_000), limit: 10 });
    expect(future).toEqual([]);
  });

  it('treats LIKE wildcards in the command filter literally', async () => {
    const user = `U0${randomUUID().slice(0, 8).toUpperCase()}`;
    await appendOne(user, 'db size');
    expect(await audit.query({ userId: user, commandPrefix: '%', limit: 10 })).toEqual([]);
  });
});
