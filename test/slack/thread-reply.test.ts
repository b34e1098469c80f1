// Long output in the answer's thread (issue 15, `host logs`): the real server, a correctly signed slash command,
// EC2 and SSM mocked with aws-sdk-client-mock (class-wide, so the clients the composition root builds answer
// from here), and the fake Slack Web API on a real socket. The answer is posted with chat.postMessage (so it has
// a `ts`), its journal lines go in thread replies with that `thread_ts`; a bot outside the channel or a hung
// Slack API still gives the asker the answer on response_url, trimmed, saying why.
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/pipeline/command.js';
import { fields, type Reply } from '../../src/pipeline/reply.js';
import { LIMITS, renderBlockKit } from '../../src/render/block-kit.js';
import { replyPointingToThread, threadMessages } from '../../src/render/thread-output.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { HOST_ID, hostInstance } from '../support/host-fixtures.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);

/** 200 journal lines of about 90 characters: 18,000 characters, more than one Slack message holds. */
const LINES = Array.from(
  { length: 200 },
  (_, i) =>
    `2025-03-14T20:${String(i % 60).padStart(2, '0')}:00+0000 radio liquidsoap[812]: [rap:3] line ${i} <ok> & on`,
);
/** What `host logs` answers with, as the pure functions draw it: the test's expected messages. */
const EXPECTED: Reply = {
  summary: `liquidsoap on ${HOST_ID}: 200 lines from the last 15m`,
  visibility: 'in_channel',
  parts: [fields(['Run Command', 'cmd-logs'])],
  thread: { noun: 'journal lines', lines: LINES },
};

/** `private-logs`: the same answer, but only for the asker (ephemeral), where Slack has no thread to offer. */
const privateLogs = defineCommand({
  name: 'private-logs',
  usage: 'private-logs',
  summary: 'test: long output in an ephemeral answer',
  examples: [],
  positional: [],
  flags: {},
  args: z.object({}),
  risk: () => 'read',
  run: async () => undefined,
  present: (): Reply => ({ ...EXPECTED, visibility: 'ephemeral' }),
});

let h: Harness;
let answer: (body: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;
let posted = 0;
beforeAll(async () => {
  h = await startHarness([privateLogs]);
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('chat.postMessage', (body) => answer(body));
});
afterAll(() => h.close());
beforeEach(() => {
  ec2.reset();
  ssm.reset();
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [hostInstance()] }] });
  ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-logs' } });
  ssm.on(GetCommandInvocationCommand).resolves({
    Status: 'Success',
    StatusDetails: 'Success',
    ResponseCode: 0,
    StandardOutputContent: `${LINES.join('\n')}\n`,
    StandardErrorContent: '',
  });
});

/** Web API calls and response_url answers since `since`, bodies with `blocks` parsed back from the form. */
const sent = (since: number, path: string) =>
  h.slack.requests
    .slice(since)
    .filter((r: RecordedRequest) => r.path === path)
    .map((r): Record<string, unknown> =>
      typeof r.body.blocks === 'string' ? { ...r.body, blocks: JSON.parse(r.body.blocks) as unknown } : r.body,
    );
const messageOf = (reply: Reply) => {
  const { text, blocks } = renderBlockKit(reply);
  return { text, blocks };
};
const answers = (since: number, responseUrl: string) =>
  sent(since, new URL(responseUrl).pathname).filter((body) => body.text !== 'Still running…');

describe('/radio host logs with long output', () => {
  it('posts the answer with chat.postMessage, then every journal line in thread replies on its ts', async () => {
    answer = (body) => ({ ok: true, channel: body.channel, ts: `1742200000.10000${++posted}` });
    const since = h.slack.requests.length;
    const { ack, responseUrl } = await h.slash('host logs liquidsoap --lines 200');
    expect(ack.status).toBe(200);
    const thread = threadMessages(EXPECTED);
    expect(thread.length).toBeGreaterThan(1);
    await h.slack.next((r) => r.path === '/api/chat.postMessage' && r.body.text === thread.at(-1)!.summary);
    const mainTs = `1742200000.10000${posted - thread.length}`;
    const posts = sent(since, '/api/chat.postMessage');
    expect(posts.map(({ channel, thread_ts, text, blocks }) => ({ channel, thread_ts, text, blocks }))).toEqual([
      { channel: 'C0EXAMPLE01', thread_ts: undefined, ...messageOf(replyPointingToThread(EXPECTED)) },
      ...thread.map((message) => ({ channel: 'C0EXAMPLE01', thread_ts: mainTs, ...messageOf(message) })),
    ]);
    expect(JSON.stringify(posts[0]!.blocks)).toContain('200 journal lines in the thread.');
    for (const post of posts) {
      const blocks = post.blocks as { text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageText);
      for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    expect(answers(since, responseUrl)).toEqual([]);
  });

  it('answers on response_url, trimmed and saying why, when the bot is not in the channel', async () => {
    answer = () => ({ ok: false, error: 'not_in_channel' });
    const since = h.slack.requests.length;
    const { reply, responseUrl } = await h.slash('host logs liquidsoap --lines 200');
    const message = await reply();
    expect(message).toMatchObject({ response_type: 'in_channel', text: EXPECTED.summary });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toMatch(
      /The bot is not in this channel \(not_in_channel\), so the lines could not go in a thread: invite it with \/invite\. Showing the newest \d+ of 200 journal lines; \d+ left out\./,
    );
    expect(shown).toContain('line 199 &lt;ok&gt; &amp; on');
    expect(sent(since, '/api/chat.postMessage')).toHaveLength(1);
    expect(answers(since, responseUrl)).toHaveLength(1);
  });

  it('answers on response_url when the Slack API hangs: one attempt, then the trimmed answer', async () => {
    answer = () => new Promise(() => undefined);
    const since = h.slack.requests.length;
    const { reply } = await h.slash('host logs liquidsoap --lines 200');
    const message = await reply();
    expect(message).toMatchObject({ response_type: 'in_channel', text: EXPECTED.summary });
    expect(JSON.stringify(message.blocks)).toMatch(
      /The answer could not be posted in this channel \(Slack did not answer in time\), so the lines could not go in a thread\. Showing the newest \d+ of 200 journal lines; \d+ left out\./,
    );
    expect(sent(since, '/api/chat.postMessage')).toHaveLength(1);
  }, 30_000);

  it('shows the lines in the answer itself when a thread reply is refused', async () => {
    answer = (body) =>
      body.thread_ts
        ? { ok: false, error: 'msg_too_long' }
        : { ok: true, channel: body.channel, ts: '1742200000.200001' };
    const since = h.slack.requests.length;
    await h.slash('host logs liquidsoap --lines 200');
    const update = await h.slack.next((r) => r.path === '/api/chat.update' && h.slack.requests.indexOf(r) >= since);
    expect(update.body).toMatchObject({ channel: 'C0EXAMPLE01', ts: '1742200000.200001', text: EXPECTED.summary });
    expect(String(update.body.blocks)).toMatch(
      /The thread could not be posted \(msg_too_long\)\. Showing the newest \d+ of 200 journal lines; \d+ left out\./,
    );
    expect(sent(since, '/api/chat.postMessage').map((post) => post.thread_ts)).toEqual([
      undefined,
      '1742200000.200001',
    ]);
  });

  it('answers an ephemeral reply on response_url, trimmed, posting nothing in the channel', async () => {
    answer = (body) => ({ ok: true, channel: body.channel, ts: `1742200000.30000${++posted}` });
    const since = h.slack.requests.length;
    const { reply } = await h.slash('private-logs');
    const message = await reply();
    expect(message).toMatchObject({ response_type: 'ephemeral', text: EXPECTED.summary });
    expect(JSON.stringify(message.blocks)).toMatch(
      /Only you can see this answer, so its lines have no thread\. Showing the newest \d+ of 200 journal lines; \d+ left out\./,
    );
    expect(sent(since, '/api/chat.postMessage')).toEqual([]);
  });
});
