// `logs --follow` over Slack: a run's progress keeps ONE message in the channel current (chat.postMessage
// once, then chat.update on its ts, the final answer included), never a new message per update and never
// response_url (5 uses in 30 minutes would not last a minute of updates). Real server, signed slash commands,
// the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

/** `tick <n>`: shows `n` progress replies in the channel, then answers with all of them. */
const tick = defineCommand({
  name: 'tick',
  usage: 'tick <n>',
  summary: 'test: a run that shows progress',
  examples: [],
  positional: ['n'],
  flags: {},
  args: z.object({ n: z.coerce.number().int().min(1).max(20) }),
  risk: () => 'read',
  async run({ args, progress }) {
    const lines: string[] = [];
    for (let i = 1; i <= args.n; i++) {
      lines.push(`tick ${i}`);
      progress?.({ summary: `ticking ${i}`, visibility: 'in_channel', parts: [text(lines.join(' '))] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return lines.join(' ');
  },
  present: (result: string) => ({ summary: `ticked: ${result}`, visibility: 'in_channel', parts: [text(result)] }),
});

let h: Harness;
let inChannel = true;
let posted = 0;
beforeAll(async () => {
  h = await startHarness([tick]);
  h.slack.onApi('chat.postMessage', (body) =>
    inChannel
      ? { ok: true, channel: body.channel, ts: `1742200000.00000${++posted}` }
      : { ok: false, error: 'not_in_channel' },
  );
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
});
afterAll(() => h.close());

const api = (method: string, since: number) =>
  h.slack.requests.slice(since).filter((r: RecordedRequest) => r.path === `/api/${method}`);

describe('a slash command that shows progress', () => {
  it('posts one message and edits it in place until the final answer, using no response_url', async () => {
    inChannel = true;
    const since = h.slack.requests.length;
    const { ack, responseUrl } = await h.slash('tick 5');
    expect(ack.status).toBe(200);
    await h.slack.next((r) => r.path === '/api/chat.update' && String(r.body.text).startsWith('ticked'));
    const posts = api('chat.postMessage', since);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ channel: 'C0EXAMPLE01', text: 'ticking 1' });
    const ts = `1742200000.00000${posted}`;
    const updates = api('chat.update', since);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.every((r) => r.body.ts === ts && r.body.channel === 'C0EXAMPLE01')).toBe(true);
    expect(updates.at(-1)!.body.text).toBe('ticked: tick 1 tick 2 tick 3 tick 4 tick 5');
    expect(h.slack.requests.slice(since).filter((r) => r.path === new URL(responseUrl).pathname)).toEqual([]);
  });

  it('answers on response_url as usual when the bot may not post in the channel', async () => {
    inChannel = false;
    const since = h.slack.requests.length;
    const { reply } = await h.slash('tick 3');
    expect(await reply()).toMatchObject({ response_type: 'in_channel', text: 'ticked: tick 1 tick 2 tick 3' });
    expect(api('chat.postMessage', since)).toHaveLength(1);
    expect(api('chat.update', since)).toEqual([]);
  });
});
