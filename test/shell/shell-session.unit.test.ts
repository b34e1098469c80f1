import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.js';
import { createShellSession } from '../../src/shell/shell-session.js';
import { demoRadioConfig, shellIdentity, ShellUsageError } from '../../src/shell/shell-identity.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

function setup(radio: RadioConfig, configPath?: string, user?: string) {
  const audit = memoryAuditLog();
  const dispatch = createDispatcher({
    registry: buildRegistry(),
    config: radio,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit },
  });
  const session = createShellSession({ dispatch, identity: shellIdentity(configPath, user), userName: 'alice-laptop' });
  return { audit, session };
}

describe('shell session', () => {
  it('in the demo, runs lines with or without /radio as U0LOCAL, and /as switches to another user with every role', async () => {
    const { audit, session } = setup(demoRadioConfig(RadioConfig.parse({})));
    expect(session.prompt()).toBe('radio-ops demo (U0LOCAL)> ');
    expect(await session.handle('/radio help db')).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('db size'),
    });
    expect(await session.handle('/as U0BOB')).toMatchObject({ exitCode: 0, stderr: expect.stringContaining('U0BOB') });
    expect(session.prompt()).toBe('radio-ops demo (U0BOB)> ');
    expect(await session.handle('help')).toMatchObject({ exitCode: 0 });
    expect(await session.handle('audit --limit 1')).toMatchObject({ exitCode: 0 });
    // Issue 10, item 5: help is not an operation and leaves no audit row; `audit` does, as the current user.
    expect(audit.events.map((e) => [e.source, e.userId, e.userName, e.text, e.outcome])).toEqual([
      ['shell', 'U0BOB', 'alice-laptop', 'audit --limit 1', 'started'],
      ['shell', 'U0BOB', 'alice-laptop', 'audit --limit 1', 'succeeded'],
    ]);
  });

  it('answers /as with a bad id as a usage error, and ignores blank lines', async () => {
    const { audit, session } = setup(demoRadioConfig(RadioConfig.parse({})));
    expect(await session.handle('/as bob smith')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('Slack user id'),
    });
    expect(await session.handle('   ')).toEqual({ exitCode: 0 });
    expect(session.userId).toBe('U0LOCAL');
    expect(audit.events).toEqual([]);
  });

  it('with a YAML file refuses /as, and the file roles apply to --user', async () => {
    const radio = RadioConfig.parse({ roles: { viewer: ['U0ALICE'] } });
    const { audit, session } = setup(radio, '/etc/radio.yml', 'U0MALLORY');
    expect(session.prompt()).toBe('radio-ops (U0MALLORY)> ');
    expect(await session.handle('/as U0ALICE')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/\/as is refused/),
    });
    expect(session.userId).toBe('U0MALLORY');
    expect(await session.handle('help')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('viewer or operator role'),
    });
    expect(await session.handle('db size')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('viewer or operator role'),
    });
    // Issue 10, item 5: a refused help is not audited (no operation); a refused db size is.
    expect(audit.events.map((e) => [e.userId, e.command, e.outcome])).toEqual([['U0MALLORY', 'db size', 'denied']]);
  });

  it('quits on exit and quit, not on a command that merely contains them', async () => {
    const { session } = setup(demoRadioConfig(RadioConfig.parse({})));
    expect(await session.handle('exit')).toEqual({ exitCode: 0, quit: true });
    expect(await session.handle(' QUIT ')).toEqual({ exitCode: 0, quit: true });
    expect(await session.handle('/radio exit')).toMatchObject({ exitCode: 2 });
  });
});

describe('shellIdentity', () => {
  it('is U0LOCAL in the demo unless --user says otherwise; --user is required with a YAML file', () => {
    expect(shellIdentity(undefined, undefined)).toEqual({ userId: 'U0LOCAL', demo: true });
    expect(shellIdentity(undefined, 'U0BOB')).toEqual({ userId: 'U0BOB', demo: true });
    expect(shellIdentity('radio.yml', 'U0ALICE')).toEqual({ userId: 'U0ALICE', demo: false });
    expect(() => shellIdentity('radio.yml', undefined)).toThrow(ShellUsageError);
    expect(() => shellIdentity('radio.yml', undefined)).toThrow(/--user is required/);
    expect(() => shellIdentity(undefined, 'alice')).toThrow(/Slack user id/);
  });

  it('refuses the demo identity on a real database: one keyboard must not be two approvers', () => {
    expect(() => shellIdentity(undefined, undefined, 'postgres://bot@db/radio_ops')).toThrow(
      /RADIO_CONFIG is required/,
    );
    expect(() => shellIdentity(undefined, 'U0BOB', 'postgres://bot@db/radio_ops')).toThrow(ShellUsageError);
    expect(shellIdentity('radio.yml', 'U0ALICE', 'postgres://bot@db/radio_ops')).toEqual({
      userId: 'U0ALICE',
      demo: false,
    });
  });

  it('gives the demo every role but no workspace, so Slack requests stay refused', async () => {
    const radio = demoRadioConfig(RadioConfig.parse({ slack: { teamId: 'T0EXAMPLE' } }));
    const dispatch = createDispatcher({
      registry: buildRegistry(),
      config: radio,
      directory: groups({}),
      log: silentLog,
      integrations: { stationDb: untouchedStationDb, audit: memoryAuditLog() },
    });
    expect(await dispatch({ source: 'slack', userId: 'U0ANYONE', teamId: 'T0EXAMPLE', text: 'help' })).toMatchObject({
      status: 'refused',
      code: 'denied',
    });
    expect(await dispatch({ source: 'shell', userId: 'U0ANYONE', text: 'help' })).toMatchObject({
      status: 'succeeded',
    });
  });
});

describe('shell session limits and failures', () => {
  it('refuses a line longer than 10,000 characters without dispatching it', async () => {
    const { audit, session } = setup(demoRadioConfig(RadioConfig.parse({})));
    // `help` and usage errors leave no audit row, so a dispatched line is shown by `audit`'s own rows.
    expect(await session.handle(`audit --reason ${'x'.repeat(9_985)}`)).toMatchObject({ exitCode: 0 });
    expect(audit.events).toHaveLength(2);
    const refused = await session.handle(`audit --reason ${'x'.repeat(9_986)}`);
    expect(refused).toEqual({
      exitCode: 2,
      stderr: 'A line longer than 10000 characters is refused (this one has 10001). Nothing was run.',
    });
    expect(audit.events).toHaveLength(2);
  });

  it('follows a failure that has a reference with the log file where its details are', async () => {
    const failing: Dispatch = async (request) => ({
      status: 'failed',
      requestId: 'abcdef12-0000',
      code: 'internal',
      command: 'cache memory',
      reference: 'abcdef12',
      reply: {
        summary: 'Something went wrong. Reference: abcdef12',
        visibility: 'ephemeral',
        parts: [{ kind: 'text', text: `Something went wrong (${request.text}). Reference: abcdef12` }],
      },
    });
    const identity = shellIdentity(undefined, undefined);
    const withLog = createShellSession({ dispatch: failing, identity, logPath: '/data/radio-ops.log' });
    const result = await withLog.handle('cache memory');
    expect(result.exitCode).toBe(1);
    expect(result.stderr?.split('\n').at(-1)).toBe('(details: /data/radio-ops.log, reference abcdef12)');
    const withoutLog = createShellSession({ dispatch: failing, identity });
    expect((await withoutLog.handle('cache memory')).stderr).not.toContain('details');
  });
});

describe('shell session, a run that shows progress', () => {
  it('prints each update as it comes (only lines not printed yet), then the answer', async () => {
    const notices: string[] = [];
    const code = (lines: string[]) => ({
      summary: 'following',
      visibility: 'in_channel' as const,
      parts: [{ kind: 'code' as const, text: lines.join('\n') }],
    });
    const dispatch: Dispatch = async (request) => {
      request.onProgress?.(code(['14:00 first']));
      request.onProgress?.(code(['14:00 first', '14:05 second']));
      return { status: 'succeeded', requestId: 'r1', command: 'logs', result: null, reply: code(['done']) };
    };
    const session = createShellSession({
      dispatch,
      identity: shellIdentity(undefined, undefined),
      notice: (text) => notices.push(text),
    });
    const result = await session.handle('logs n8n-main --follow 60s');
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('14:00 first');
    expect(notices[1]).toContain('14:05 second');
    expect(notices[1]).not.toContain('14:00 first');
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('done') });
  });
});
