// Issue 11, fault 5: SIGTERM while a command waits on an AWS endpoint that accepts the connection and never
// answers. Before: the server logged "radio-ops stopped" and stayed alive for minutes, its audit row left at
// `started`. Now: after the drain deadline the unfinished command is audited `interrupted` and the process exits 0.
import { createServer, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../src/slack/sign-request.js';
import { slashBody } from '../support/slack-server-harness.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { collect, emptyEnv, spawnRadioOps } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const SECRET = 'test-signing-secret-sigterm';
const db = openWorkerDatabase();
const newDir = tempDirs('radio-ops-sigterm-');
const sockets: Socket[] = [];
/** Accepts every connection and never answers: an AWS endpoint that hangs. */
const hanging = createServer((socket) => sockets.push(socket.on('error', () => undefined)));
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
  await db.close();
});

const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
const freePort = async () => {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

describe('radio-ops start and SIGTERM', () => {
  it('fault 5: ends within its drain deadline with a hung AWS call running, audited interrupted', async () => {
    const slack = await startFakeSlack();
    const cwd = newDir();
    const radioConfig = join(cwd, 'radio.yml');
    writeFileSync(
      radioConfig,
      'slack: { teamId: T0EXAMPLE, channels: [C0EXAMPLE01] }\nroles: { viewer: [U0ALICE], operator: [U0ALICE] }\ndeadlines: { command: 120s }\n',
    );
    const port = await freePort();
    const child = spawnRadioOps(['start'], {
      cwd,
      env: emptyEnv({
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL ?? '',
        RADIO_CONFIG: radioConfig,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        AWS_ENDPOINT_URL: `http://127.0.0.1:${await listen(hanging)}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_MAX_ATTEMPTS: '1',
      }),
    });
    const exited = collect(child);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(
        'the server to be ready',
        async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.ok === true,
        600,
        100,
      );
      const marker = `sigterm-${Date.now()}`;
      const body = slashBody({
        text: `ecs status --reason ${marker}`,
        user_id: 'U0ALICE',
        response_url: slack.responseUrl(),
      });
      const ack = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(body, SECRET) },
        body,
      });
      expect(ack.status).toBe(200);
      const rows = async () =>
        (
          await db.query<{ outcome: string; error: string | null }>(
            'SELECT outcome, error FROM audit_events WHERE reason = $1 ORDER BY id',
            [marker],
          )
        ).rows;
      await waitFor(
        'the command to start and reach the hung endpoint',
        async () => (await rows()).length === 1 && sockets.length > 0,
        600,
        50,
      );
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect((await rows()).map((row) => row.outcome)).toEqual(['started', 'interrupted']);
      expect((await rows())[1]?.error).toMatch(/server stopped before it finished/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await slack.close();
    }
  }, 120_000);
});
