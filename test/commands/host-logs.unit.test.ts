import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { shown } from '../support/aws-command-harness.js';
import { commandRunner, replyText } from '../support/command-runner.js';
import { HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';

const m = mockedHost();
beforeEach(() => {
  m.reset();
  m.instancesAre(hostInstance());
  m.ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-logs' } });
});
const runner = () => commandRunner({ host: m.host });
const sentCommands = () =>
  m.ssmMock.commandCalls(SendCommandCommand).map((call) => call.args[0].input.Parameters?.commands);

function journalAnswers(output: string, status: 'Success' | 'Failed' = 'Success', error = '') {
  m.ssmMock.on(GetCommandInvocationCommand).resolves({
    Status: status,
    StatusDetails: status,
    ResponseCode: status === 'Success' ? 0 : 1,
    StandardOutputContent: output,
    StandardErrorContent: error,
  });
}

describe('host logs', () => {
  it('sends journalctl of the unit, last 15 minutes, 100 lines, through AWS-RunShellScript, and shows it in a code block', async () => {
    journalAnswers('2025-03-14T20:59:01+0000 radio liquidsoap[812]: [rap:3] Connection setup was successful.\n');
    const outcome = await runner().run('host logs liquidsoap');
    expect(outcome.status).toBe('succeeded');
    expect(m.ssmMock.commandCalls(SendCommandCommand).map((call) => call.args[0].input)).toEqual([
      {
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [HOST_ID],
        Comment: 'radio-ops host logs liquidsoap',
        Parameters: {
          commands: ["journalctl -u 'liquidsoap' --since='-15m' --no-pager -o short-iso | tail -n 100 | tail -c 20000"],
          executionTimeout: ['60'],
        },
      },
    ]);
    expect(outcome.reply.parts).toContainEqual({
      kind: 'code',
      text: '2025-03-14T20:59:01+0000 radio liquidsoap[812]: [rap:3] Connection setup was successful.',
    });
    expect(outcome.reply.summary).toBe(`liquidsoap on ${HOST_ID}: 1 line from the last 15m`);
  });

  it('passes --grep as a fixed string, single-quoted, and --since and --lines as given', async () => {
    journalAnswers('');
    await runner().run('host logs icecast2 --grep "source (rap.mp3) [x]" --since 2h --lines 50');
    expect(sentCommands()).toEqual([
      [
        "journalctl -u 'icecast2' --since='-2h' --no-pager -o short-iso | grep -F -e 'source (rap.mp3) [x]' | tail -n 50 | tail -c 20000",
      ],
    ]);
  });

  it.each([
    ['a command substitution', 'host logs liquidsoap --grep "$(reboot)"', /--grep/],
    ['a semicolon', 'host logs liquidsoap --grep "error; reboot"', /--grep/],
    ['a backtick', 'host logs liquidsoap --grep "a`reboot`"', /--grep/],
    ['a newline', 'host logs liquidsoap --grep "error\nreboot"', /--grep takes/],
    ['a quote', `host logs liquidsoap --grep "it's"`, /--grep/],
    ['a shell word in --since', 'host logs liquidsoap --since "15m;reboot"', /--since/],
    ['a command substitution in --since', 'host logs liquidsoap --since "$(id)"', /--since/],
    ['a --since beyond 7 days', 'host logs liquidsoap --since 8d', /--since/],
    ['more than 200 lines', 'host logs liquidsoap --lines 201', /--lines/],
    ['a unit outside host.units', 'host logs sshd', /host\.units/],
  ])('refuses %s and sends nothing', async (_what, line, why) => {
    const outcome = await runner().run(line);
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(replyText(outcome.reply)).toMatch(why);
    expect(m.ssmMock.calls()).toHaveLength(0);
  });

  it('names the allowed units when another is asked for', async () => {
    const outcome = await runner().run('host logs sshd');
    expect(outcome.reply.summary).toContain('`sshd` is not in host.units (liquidsoap, icecast2)');
  });

  it('puts more than 40 lines in the thread: the answer says how many, the thread holds every line', async () => {
    const lines = Array.from(
      { length: 200 },
      (_, i) => `2025-03-14T20:00:${String(i % 60).padStart(2, '0')} line ${i} ${'x'.repeat(20)}`,
    );
    journalAnswers(`${lines.join('\n')}\n`);
    const outcome = await runner().run('host logs liquidsoap --lines 200');
    expect(outcome.reply.thread).toEqual({ noun: 'journal lines', lines });
    expect(outcome.reply.parts.filter((part) => part.kind === 'code')).toEqual([]);
    expect(replyText(outcome.reply)).toContain('Run Command: cmd-logs');
    expect(outcome.reply.summary).toBe(`liquidsoap on ${HOST_ID}: 200 lines from the last 15m`);
  });

  it('puts fewer lines in the thread too when they are long (over 2,500 characters)', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i} ${'y'.repeat(150)}`);
    journalAnswers(lines.join('\n'));
    const outcome = await runner().run('host logs liquidsoap');
    expect(outcome.reply.thread?.lines).toEqual(lines);
  });

  it('keeps 40 short lines in the answer itself', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    journalAnswers(`${lines.join('\n')}\n`);
    const outcome = await runner().run('host logs liquidsoap');
    expect(outcome.reply.thread).toBeUndefined();
    expect(outcome.reply.parts).toContainEqual({ kind: 'code', text: lines.join('\n') });
  });

  it('says when the command failed on the host, with its standard error', async () => {
    journalAnswers('', 'Failed', 'Failed to add filter for units: No data available');
    const outcome = await runner().run('host logs liquidsoap');
    expect(shown(outcome.reply)).toContain('Failed to add filter for units: No data available');
    expect(outcome.reply.summary).toContain('Run Command cmd-logs Failed (exit 1)');
  });

  it('dry-run shows the exact SendCommand for the tagged instance and sends nothing', async () => {
    const outcome = await runner().run('host logs liquidsoap --grep error --dry-run');
    const text = shown(outcome.reply);
    expect(text).toContain('SSM SendCommand');
    expect(text).toContain(
      "journalctl -u 'liquidsoap' --since='-15m' --no-pager -o short-iso | grep -F -e 'error' | tail -n 100 | tail -c 20000",
    );
    expect(m.ssmMock.calls()).toHaveLength(0);
  });
});
