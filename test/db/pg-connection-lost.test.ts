// Issue 11, fault 1: the station database dropping a connection in the middle of a `db` read must
// never take the process down; the person gets words, and the next command works.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSideConnection, openStationHarness } from '../support/station-harness.js';
import { waitFor } from '../support/wait-for.js';

// Long enough that only the test's pg_terminate_backend ends the blocked statement.
const harness = openStationHarness({ statementTimeoutMs: 600_000 });
const TABLE = 'public.fault1_locked';
const crashes: unknown[] = [];
const record = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  await harness.db.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id int)`);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
});

afterEach(() => {
  crashes.length = 0;
});

afterAll(async () => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
  await harness.db.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await harness.close();
});

describe('a station database connection dropped mid-query', () => {
  it('fault 1: pg_terminate_backend of the inspector while `db size` runs answers in words and the server stays up', async () => {
    // `db size` opens every table with pg_total_relation_size (AccessShareLock): a table locked by
    // another session keeps the inspector's statement running until its backend is terminated.
    const locker = await openSideConnection('fault1-locker');
    await locker.client.query(`BEGIN; LOCK TABLE ${TABLE} IN ACCESS EXCLUSIVE MODE`);
    try {
      const answer = harness.run('db size');
      let inspectorPid: number | undefined;
      await waitFor('the inspector to wait for the lock', async () => {
        const { rows } = await harness.db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [harness.inspectorName],
        );
        inspectorPid = rows[0]?.pid;
        return inspectorPid !== undefined;
      });
      const { rows } = await harness.db.query<{ terminated: boolean }>(
        'SELECT pg_terminate_backend($1) AS terminated',
        [inspectorPid],
      );
      expect(rows[0]?.terminated).toBe(true);
      const outcome = await answer;
      // The reply comes after the socket's 'end' (the ROLLBACK fails there), where an unheard 'error' would be thrown.
      await new Promise((resolve) => setImmediate(resolve));
      expect(crashes).toEqual([]);
      expect(outcome.status).toBe('failed');
      expect(outcome.reply.summary).toMatch(
        /^The station database \(RADIO_DATABASE_URL\) dropped the connection \(failover\?\)\. Reference: \w{8}$/,
      );
    } finally {
      await locker.client.query('ROLLBACK');
      await locker.client.end();
    }
    // The pool replaced the dead client: the next read works.
    expect((await harness.run('db connections')).status).toBe('succeeded');
  });
});
