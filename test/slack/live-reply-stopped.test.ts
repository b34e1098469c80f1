// A run that keeps one message in the channel current (`logs --follow`) and then stops short: a dependency that
// drops mid-follow (the run fails) or hangs (the deadline passes). The message in the channel must say it
// stopped and why, not go on saying "Following…", and the person still gets the answer. Real server, signed
// slash commands, the fake Slack; a 2 s deadline.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/pipeline/command.js';
import { note } from '../../src/pipeline/reply.js';
import { UserError } from '../../src/pipeline/user-error.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { tempDirs } from '../support/temp-dirs.js';

/** `follow-then <drop|hang>`: shows one progress reply, then fails as a dropped dependency or waits for its signal. */
const followThen = defineCommand({
  name: 'follow-then',
  usage: 'follow-then <drop|hang>',
  summary: 'test: a follow that stops short',
  examples: [],
  positional: ['fault'],
  flags: {},
  args: z.object({ fault: z.enum(['drop', 'hang']) }),
  risk: () => 'read',
  async run({ args, progress, signal }) {
    progress?.({ summary: 'following', visibility: 'in_channel', parts: [note('Following: new events appear here.')] });
    if (args.fault === 'drop')
      throw new UserError('unavailable', 'CloudWatch Logs dropped the connection during `logs:FilterLogEvents`.');
    await new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    return 'never';
  },
  present: (result: string) => ({ summary: result, visibility: 'in_channel', parts: [] }),
});

const newDir = tempDirs('radio-ops-live-stopped-');
let h: Harness;
beforeAll(async () => {
  const radioConfig = join(newDir(), 'radio.yml');
  const fixture = readFileSync(new URL('../fixtures/radio.test.yml', import.meta.url), 'utf8');
  writeFileSync(radioConfig, `${fixture}\ndeadlines: { command: 2s, stillRunning: 1m }\n`);
  h = await startHarness([followThen], { radioConfig });
  h.slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: '1742200000.000001' }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
});
afterAll(() => h.close());

const words = (request: RecordedRequest) => JSON.stringify(request.body.blocks ?? request.body.text);

describe('a live message whose run stops short', () => {
  it.each([
    ['drop', /CloudWatch Logs dropped the connection during/],
    ['hang', /follow-then.* got no answer within 2 s/],
  ])('%s: the message in the channel says it stopped and why; the person is answered', async (fault, why) => {
    const since = h.slack.requests.length;
    const marker = `live-stopped-${fault}-${Date.now()}`;
    const { ack, responseUrl } = await h.slash(`follow-then ${fault} --reason ${marker}`);
    expect(ack.status).toBe(200);
    const answer = await h.answerOn(responseUrl);
    expect(words(answer)).toMatch(why);
    const updates = h.slack.requests.slice(since).filter((r) => r.path === '/api/chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body).toMatchObject({ channel: 'C0EXAMPLE01', ts: '1742200000.000001' });
    expect(words(updates[0]!)).toMatch(/Following: new events appear here\..*Stopped before the end/);
    expect(words(updates[0]!)).toMatch(why);
    expect(String(updates[0]!.body.text)).toMatch(/^Stopped before the end: /);
    expect((await h.auditRows(marker)).map((row) => row.outcome)).toEqual(['started', 'failed']);
  });
});
