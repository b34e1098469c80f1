// Issue 11, fault 2: correctly signed bodies of the wrong shape get a 400 and a log line from our
// HTTP layer, before Bolt's receiver sees them; the process keeps serving.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { slashBody, startHarness, type Harness } from '../support/slack-server-harness.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const slashWithout = (...names: string[]) => {
  const params = new URLSearchParams(slashBody({ text: 'help' }));
  for (const name of names) params.delete(name);
  return params.toString();
};

/** Signed bodies Slack never sends: [what, body, content type]. */
const MALFORMED: [string, string, string][] = [
  ['payload=null', 'payload=null', FORM],
  ['payload= (empty)', 'payload=', FORM],
  ['payload=123', 'payload=123', FORM],
  ['payload="x"', form({ payload: '"x"' }), FORM],
  ['payload=[]', form({ payload: '[]' }), FORM],
  ['payload=true', 'payload=true', FORM],
  ['payload of invalid JSON', form({ payload: '{"type":' }), FORM],
  ['payload object without a type', form({ payload: '{"user":{"id":"U1"}}' }), FORM],
  [
    'block_actions with user and actions null',
    form({ payload: '{"type":"block_actions","user":null,"actions":null}' }),
    FORM,
  ],
  [
    'block_actions with a null action',
    form({ payload: '{"type":"block_actions","user":{"id":"U1"},"actions":[null]}' }),
    FORM,
  ],
  [
    'view_submission without a view',
    form({ payload: '{"type":"view_submission","user":{"id":"U1"},"view":null}' }),
    FORM,
  ],
  ['payload given twice', 'payload=%7B%7D&payload=%7B%7D', FORM],
  ['slash command without command', slashWithout('command'), FORM],
  ['slash command without user_id', slashWithout('user_id'), FORM],
  ['slash command without team_id and channel_id', slashWithout('team_id', 'channel_id'), FORM],
  ['slash command with user_id twice', `${slashBody({ text: 'help' })}&user_id=U2`, FORM],
  ['empty form', '', FORM],
  ['JSON null', 'null', JSON_TYPE],
  ['JSON []', '[]', JSON_TYPE],
  ['JSON "x"', '"x"', JSON_TYPE],
  ['JSON 7', '7', JSON_TYPE],
  ['invalid JSON', '{"type":', JSON_TYPE],
  ['JSON object without a type', '{"challenge":"x"}', JSON_TYPE],
  ['no content type match', 'payload=null', 'text/plain'],
];

const logLines: { msg?: string; problem?: string }[] = [];
const log = pino(
  { level: 'info' },
  { write: (line: string) => void logLines.push(JSON.parse(line) as { msg?: string }) },
);
const crashes: unknown[] = [];
let crashed: () => void = () => undefined;
const record = (error: unknown) => {
  crashes.push(error);
  crashed();
};
/** The response, or `undefined` as soon as the process would have crashed (a crashed request never answers). */
const responseOrCrash = (pending: Promise<Response>) =>
  Promise.race([pending, new Promise<undefined>((resolve) => (crashed = () => resolve(undefined)))]);
let h: Harness;

beforeAll(async () => {
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  h = await startHarness([], { log });
});

afterEach(() => {
  crashes.length = 0;
});

afterAll(async () => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
  await h.close();
});

describe('POST /slack/events with a correctly signed body of the wrong shape', () => {
  it.each(MALFORMED)(
    'fault 2: %s gets a 400 and a log line, and the server keeps answering',
    async (_what, body, contentType) => {
      const before = logLines.length;
      const response = await responseOrCrash(h.post(body, { contentType }));
      expect(crashes).toEqual([]);
      expect(response?.status).toBe(400);
      expect(await response?.json()).toEqual({ error: 'malformed request' });
      expect(logLines.slice(before)).toContainEqual(
        expect.objectContaining({ msg: 'Slack request refused', problem: expect.stringMatching(/\S/) }),
      );
      expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
      expect(crashes).toEqual([]);
    },
  );

  it('checks the signature first: a wrongly signed malformed body is refused as forged (401), not as malformed', async () => {
    const response = await h.post('payload=null', { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    expect(crashes).toEqual([]);
  });

  it("lets Slack's unsigned ssl_check through to Bolt, which answers it", async () => {
    const response = await h.post('ssl_check=1&token=x', { secret: 'not-the-secret' });
    expect(response.status).toBe(200);
  });

  it('fault 2: a well-formed slash command still gets through after the malformed ones', async () => {
    const { ack, reply } = await h.slash('help');
    expect(ack.status).toBe(200);
    expect(JSON.stringify(await reply())).toMatch(/db connections/);
    expect(crashes).toEqual([]);
  });
});
