// Issue 11, fault 4 (the bot's own database): a locked `audit_events` made every command wait (40 s seen).
// With a lock held on the table, a signed slash command is answered with "the audit log could not be
// written, so nothing was run" once the bot database's statement_timeout passes, and the command never runs.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

const ran: string[] = [];
const probe = defineCommand({
  name: 'probe-audit',
  usage: 'probe-audit',
  summary: 'records that it ran',
  examples: [],
  positional: [],
  flags: {},
  args: z.object({}),
  risk: () => 'read',
  run: async ({ reason }) => {
    ran.push(reason ?? '');
    return 'ran';
  },
  present: (result: string) => ({ summary: result, visibility: 'ephemeral', parts: [text(result)] }),
});

let h: Harness;
let locker: pg.Client;
beforeAll(async () => {
  h = await startHarness([probe]);
  locker = new pg.Client({ connectionString: process.env.RADIO_OPS_TEST_DATABASE_URL });
  await locker.connect();
});
afterAll(async () => {
  await locker.query('ROLLBACK').catch(() => undefined);
  await locker.end();
  await h.close();
});

describe('fault 4: audit_events locked by another session', () => {
  it('answers that the audit log could not be written and runs nothing', async () => {
    const marker = `audit-locked-${Date.now()}`;
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    const { ack, reply } = await h.slash(`probe-audit --reason ${marker}`, { user_id: 'U0ALICE' });
    expect(ack.status).toBe(200);
    const message = await reply();
    expect(String(message.text).replaceAll('\u2060', '')).toMatch(
      /The audit log could not be written, so nothing was run\./,
    );
    expect(ran).not.toContain(marker);
    await locker.query('ROLLBACK');
    expect(await h.auditRows(marker)).toEqual([]);
  });
});
