import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

// A command that waits on a latch the test controls: proves the ack does not wait for the work.
let release: () => void = () => undefined;
let started: () => void = () => undefined;
const latchStarted = new Promise<void>((resolve) => (started = resolve));
const latch = defineCommand({
  name: 'test latch',
  usage: 'test latch',
  summary: 'waits for the test',
  examples: [],
  positional: [],
  flags: {},
  args: z.object({}),
  risk: () => 'read',
  async run() {
    started();
    await new Promise<void>((resolve) => (release = resolve));
    return 'released';
  },
  present: (result: string) => ({ summary: result, visibility: 'in_channel', parts: [text(result)] }),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness([latch]);
});
afterAll(() => h.close());

const marker = () => `test-${randomUUID()}`;

describe('POST /slack/events with a signed slash command', () => {
  it('acks, answers db connections on response_url in channel, and audits started then succeeded', async () => {
    const reason = marker();
    const { ack, reply } = await h.slash(`db connections --reason ${reason}`);
    expect(ack.status).toBe(200);
    const message = await reply();
    expect(message.response_type).toBe('in_channel');
    expect(JSON.stringify(message.blocks)).toMatch(/max_connections|connections/i);
    const rows = await h.auditRows(reason);
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'succeeded']);
    expect(new Set(rows.map((row) => row.request_id)).size).toBe(1);
    expect(rows[0]).toMatchObject({ command: 'db connections', user_id: 'U0ALICE', source: 'slack', risk: 'read' });
  });

  it('acks before the command finishes (the work is held on a latch)', async () => {
    const reason = marker();
    const { ack, reply } = await h.slash(`test latch --reason ${reason}`);
    expect(ack.status).toBe(200);
    await latchStarted;
    expect((await h.auditRows(reason)).map((row) => row.outcome)).toEqual(['started']);
    release();
    const message = await reply();
    expect(JSON.stringify(message.blocks)).toContain('released');
    expect((await h.auditRows(reason)).map((row) => row.outcome)).toEqual(['started', 'succeeded']);
  });

  it('answers empty text with help, ephemeral', async () => {
    const { ack, reply } = await h.slash('');
    expect(ack.status).toBe(200);
    const message = await reply();
    expect(message.response_type).toBe('ephemeral');
    expect(JSON.stringify(message.blocks)).toContain('db slow-queries');
  });

  it('answers an unknown command with suggestions, ephemeral, audited as invalid', async () => {
    const { reply } = await h.slash('db conections');
    const message = await reply();
    expect(message.response_type).toBe('ephemeral');
    expect(JSON.stringify(message.blocks)).toContain('db connections');
  });
});

describe('request verification', () => {
  const cases: [string, () => { timestamp?: number; secret?: string }][] = [
    ['a bad signature', () => ({ secret: 'not-the-secret' })],
    ['a timestamp 6 minutes old', () => ({ timestamp: Math.floor(Date.now() / 1000) - 360 })],
    ['a timestamp 6 minutes ahead', () => ({ timestamp: Math.floor(Date.now() / 1000) + 360 })],
  ];
  it.each(cases)('refuses %s with 401 and runs nothing', async (_name, options) => {
    const reason = marker();
    const { ack, responseUrl } = await h.slash(`db connections --reason ${reason}`, {}, options());
    expect(ack.status).toBe(401);
    // A request that is accepted is answered within the same run; give the server a round trip of work.
    const control = await h.slash('help');
    await control.reply();
    expect(h.slack.requests.some((request) => request.path === new URL(responseUrl).pathname)).toBe(false);
    expect(await h.auditRows(reason)).toEqual([]);
  });
});

describe('who may run what', () => {
  // Group membership is cached for a minute, so the order matters: a failed read (never cached) first,
  // then a member, then users who are in no group.
  it('denies when group membership cannot be read (fail closed)', async () => {
    h.slack.onApi('usergroups.users.list', () => ({ ok: false, error: 'ratelimited' }));
    const reason = marker();
    const { reply } = await h.slash(`db connections --reason ${reason}`, { user_id: 'U0DAVE' });
    expect(String((await reply()).text)).toMatch(/could not check/i);
    expect((await h.auditRows(reason)).map((row) => row.outcome)).toEqual(['denied']);
  });
  it('lets a member of a viewer group in, from usergroups.users.list', async () => {
    h.slack.onApi('usergroups.users.list', (body) => ({
      ok: true,
      users: body.usergroup === 'S0VIEWERS' ? ['U0CAROL'] : [],
    }));
    const reason = marker();
    const { reply } = await h.slash(`db connections --reason ${reason}`, { user_id: 'U0CAROL' });
    expect((await reply()).response_type).toBe('in_channel');
    expect((await h.auditRows(reason)).map((row) => row.outcome)).toEqual(['started', 'succeeded']);
  });

  it.each([
    ['a user without a role', { user_id: 'U0NOBODY' }, /need the viewer or operator role/],
    ['a channel not listed', { channel_id: 'C0ELSEWHERE' }, /channel/],
    ['another team', { team_id: 'T0OTHER' }, /workspace/],
  ])('refuses %s and audits it as denied', async (_name, fields, message) => {
    const reason = marker();
    const { reply } = await h.slash(`db connections --reason ${reason}`, fields);
    const answer = await reply();
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toMatch(message);
    const rows = await h.auditRows(reason);
    expect(rows.map((row) => row.outcome)).toEqual(['denied']);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz once migrated', async () => {
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; detail: string };
    expect(body.status).toBe('ready');
    // Issue 11, fault 8: the harness runs without RADIO_DATABASE_URL, so the bot database is also the station's.
    expect(body.detail).toMatch(/warning: the bot database \(DATABASE_URL\) is also the station database/);
  });
});
