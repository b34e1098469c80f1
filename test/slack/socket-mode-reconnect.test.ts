// Issue 11, fault 3: Socket Mode must ride out `apps.connections.open` failing for a while, when
// it first connects and when it reconnects after the WebSocket drops: back off, log, never exit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import { InFlight } from '../../src/in-flight.js';
import type { Dispatch } from '../../src/pipeline/dispatcher.js';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app.js';
import { startFakeSocketMode } from '../support/fake-socket-mode.js';
import { waitFor } from '../support/wait-for.js';

type Fake = Awaited<ReturnType<typeof startFakeSocketMode>>;
const logLines: { msg?: string; level?: number }[] = [];
const log = pino(
  { level: 'info' },
  { write: (line: string) => void logLines.push(JSON.parse(line) as { msg?: string }) },
);
const noDispatch: Dispatch = async () => {
  throw new Error('no command is sent in these tests');
};
const crashes: unknown[] = [];
let crashed: () => void = () => undefined;
const record = (error: unknown) => {
  crashes.push(error);
  crashed();
};
/** `pending`, or as soon as the process would have crashed. */
const orCrash = (pending: Promise<unknown>) =>
  Promise.race([pending, new Promise<void>((resolve) => (crashed = resolve))]);

let fake: Fake;
let slack: SlackApp | undefined;

function socketModeApp(): SlackApp {
  const config = loadConfig('server', {
    SLACK_APP_TOKEN: 'xapp-1-test',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/x',
  });
  // Short waits between attempts keep the test quick; the policy (exponential, capped, forever) is the production one.
  slack = createSlackApp(config, noDispatch, new InFlight(), log, { reconnectBackoff: { initialMs: 5, maxMs: 40 } });
  return slack;
}

beforeEach(async () => {
  crashes.length = 0;
  logLines.length = 0;
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  fake = await startFakeSocketMode();
});

afterEach(async () => {
  await slack?.app.stop();
  slack = undefined;
  await fake.close();
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
});

const retryLines = () => logLines.filter((line) => line.msg === 'Slack Socket Mode could not connect; retrying');
const connectedLines = () => logLines.filter((line) => line.msg === 'Slack Socket Mode connected');

describe('Socket Mode when apps.connections.open fails for a while', () => {
  it('fault 3: reconnects after the WebSocket drops while apps.connections.open resets, answers 500 and ok:false', async () => {
    const { app } = socketModeApp();
    await app.start();
    expect(fake.connections).toBe(1);
    // Enough resets to exhaust the Web API client's own retries (3 calls), then the other two failures.
    fake.failNext('reset', 'reset', 'reset', 'http500', 'not_ok');
    fake.drop();
    await orCrash(waitFor('the second connection', async () => connectedLines().length === 2 || crashes.length > 0));
    expect(crashes).toEqual([]);
    expect(fake.connections).toBe(2);
    // The first connection, five failed attempts, the one that worked.
    expect(fake.openCalls).toBe(7);
    expect(retryLines()).toHaveLength(5);
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'Slack Socket Mode disconnected; reconnecting' }));
  });

  it('fault 3: the first start keeps trying until apps.connections.open works', async () => {
    fake.failNext('reset', 'reset', 'reset', 'http500', 'http500', 'http500', 'not_ok');
    const { app } = socketModeApp();
    await orCrash(app.start().catch((error: unknown) => record(error)));
    expect(crashes).toEqual([]);
    expect(fake.connections).toBe(1);
    expect(fake.openCalls).toBe(8);
    expect(retryLines()).toHaveLength(7);
    expect(connectedLines()).toHaveLength(1);
  });

  it('stops retrying once stopped', async () => {
    fake.failNext(...Array.from({ length: 1000 }, () => 'http500' as const));
    const { app } = socketModeApp();
    const starting = app.start();
    await orCrash(waitFor('two failed attempts', async () => retryLines().length >= 2 || crashes.length > 0));
    await app.stop();
    slack = undefined;
    // `start` resolves only when its attempt loop has ended: nothing calls apps.connections.open again.
    await starting;
    expect(fake.connections).toBe(0);
    expect(crashes).toEqual([]);
  });
});
