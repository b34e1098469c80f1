import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../../src/cli/send.js';
import { SIGNING_SECRET, startHarness, type Harness } from '../support/slack-server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function send(line: string, overrides: Partial<Parameters<typeof sendSlashCommand>[0]> = {}) {
  const lines: string[] = [];
  const result = sendSlashCommand({
    line,
    url: h.base,
    signingSecret: SIGNING_SECRET,
    teamId: 'T0EXAMPLE',
    channelId: 'C0EXAMPLE01',
    userId: 'U0ALICE',
    waitMs: 10_000,
    json: false,
    out: (text) => lines.push(text),
    ...overrides,
  });
  return result.then((code) => ({ code, output: lines.join('\n') }));
}

describe('radio-ops send', () => {
  it('signs the command as Slack does, and prints the response_url reply', async () => {
    const { code, output } = await send('/radio db connections');
    expect(code).toBe(0);
    expect(output).toMatch(/^ack: HTTP 200/);
    expect(output).toContain('[in_channel]');
    expect(output).toMatch(/max_connections|connections/i);
  });

  it('exits 1 when the server refuses the signature', async () => {
    const { code, output } = await send('/radio help', { signingSecret: 'wrong' });
    expect(code).toBe(1);
    expect(output).toMatch(/ack: HTTP 401/);
  });

  it('prints only the ack when the reply goes to a remote response_url', async () => {
    const { code, output } = await send('help', { responseUrl: h.slack.responseUrl() });
    expect(code).toBe(0);
    expect(output.split('\n')).toHaveLength(1);
  });

  it('says which URL it could not reach and why when no server listens there (exit 1)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const problems: string[] = [];
    const { code, output } = await send('help', {
      url: `http://127.0.0.1:${port}`,
      err: (text) => problems.push(text),
    });
    expect(code).toBe(1);
    expect(output).toBe('');
    expect(problems).toEqual([`could not reach http://127.0.0.1:${port}/slack/events: ECONNREFUSED`]);
  });
});
