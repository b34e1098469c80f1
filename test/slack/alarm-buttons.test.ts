// A playbook button whose command is destructive: the press becomes an approval request in the alarm
// channel (through the real approval service on this worker's Postgres) and a pointer in the card's thread.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredButton } from '../../src/alarms/alarm-buttons.js';
import { createHttpServer } from '../../src/http-server.js';
import { InFlight } from '../../src/in-flight.js';
import { boltLogger } from '../../src/logger.js';
import { registerAlarmButtons } from '../../src/slack/register-alarm-buttons.js';
import { slackSignatureHeaders } from '../../src/slack/sign-request.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { silentLog } from '../support/fakes.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const SECRET = 'alarm-buttons-secret';
const CARD_TS = '1742000000.000001';
const db = openWorkerDatabase();
const setup = approvalSetup(db);
const stored: Record<string, StoredButton> = {
  run_00000000000000000001: {
    commandLine: 'wipe rap',
    label: 'Wipe rap',
    alarmKey: 'arn:x',
    channelId: 'C0EXAMPLE01',
    messageTs: CARD_TS,
  },
};
let slack: FakeSlack;
let server: ReturnType<typeof createHttpServer>;
let base: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: '1742000000.000099' }));
  const receiver = new HTTPReceiver({
    signingSecret: SECRET,
    endpoints: ['/slack/events'],
    logger: boltLogger(silentLog),
  });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: 'xoxb-test' }),
    logger: boltLogger(silentLog),
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  registerAlarmButtons(app, setup.dispatch, new InFlight(), { get: async (id) => stored[id] });
  server = createHttpServer({
    slack: { receiver, signingSecret: SECRET },
    log: silentLog,
    readiness: async () => ({ ready: true, detail: '' }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await slack.close();
  await db.close();
});

function press(value: string, userId: string) {
  const raw = readFileSync(
    fileURLToPath(new URL('../fixtures/slack/block-actions-approve.form.txt', import.meta.url)),
    'utf8',
  );
  const payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? '{}');
  payload.user = { ...payload.user, id: userId };
  payload.actions = [{ ...payload.actions[0], action_id: 'radio_run_2', value }];
  payload.response_url = slack.responseUrl();
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(body, SECRET) },
  });
}

describe('alarm card buttons', () => {
  it('turns a destructive line into an approval request in the channel and points to it from the thread', async () => {
    expect((await press('run_00000000000000000001', 'U0ALICE')).status).toBe(200);
    const pointer = await slack.next((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts === CARD_TS);
    expect(pointer.body.channel).toBe('C0EXAMPLE01');
    expect(String(pointer.body.blocks)).toContain('<@U0ALICE> pressed “Wipe rap”');
    expect(String(pointer.body.text)).toMatch(/^Approval requested: apr_/);
    expect(setup.cards).toEqual([{ kind: 'post', status: 'pending' }]);
    // This request's chain only: other files on this worker's database press `wipe` buttons too.
    const approvalId = /apr_\w+/.exec(String(pointer.body.text))?.[0];
    const { rows } = await db.query<{ source: string; channel_id: string; outcome: string }>(
      `SELECT source, channel_id, outcome FROM audit_events WHERE approval_id = $1 ORDER BY id`,
      [approvalId],
    );
    expect(rows).toEqual([{ source: 'alarm', channel_id: 'C0EXAMPLE01', outcome: 'requested' }]);
    expect(setup.state.executions).toEqual([]);
  });

  it('answers an unknown or tampered id only to the presser, running nothing', async () => {
    await press('run_"; wipe --all', 'U0ALICE');
    const reply = await slack.next((r) => r.path.startsWith('/response/'));
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'This button no longer runs anything; nothing was done.',
    });
  });
});
