// Starts the real server (in-process, port 0) against this worker's Postgres and a fake Slack,
// and sends slash commands formatted and signed exactly as Slack does.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer, type ServerOptions } from '../../src/main.js';
import type { AnyCommand } from '../../src/pipeline/command.js';
import { slackSignatureHeaders } from '../../src/slack/sign-request.js';
import { isStillRunningNotice } from '../../src/slack/still-running-notice.js';
import { startFakeSlack } from './fake-slack.js';
import { testSigningKey, TEST_CERT_URL, TOPIC_ARN } from './sns-signing.js';
import { testRedisUrl } from './test-redis.js';
import { openWorkerDatabase } from './worker-db.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A slash-command fixture body with `text`, `response_url` and other fields replaced, order kept. */
export function slashBody(overrides: Record<string, string>, fixtureName = 'slash-scale.form.txt'): string {
  const params = new URLSearchParams(readFileSync(fixture(`slack/${fixtureName}`), 'utf8'));
  for (const [key, value] of Object.entries(overrides)) params.set(key, value);
  return params.toString();
}

/**
 * Writes the test YAML (test/fixtures/radio.test.yml) with alarm cards on: `sns.topics` the test topic with
 * its pinned test certificate, and `alarms` as given; returns the file's path in `dir`.
 */
export function writeAlarmsConfig(dir: string, alarms: Record<string, unknown>): string {
  const radio = parse(readFileSync(fixture('radio.test.yml'), 'utf8')) as Record<string, unknown>;
  radio.sns = { topics: [TOPIC_ARN], pinnedCertificates: { [TEST_CERT_URL]: testSigningKey().certPem } };
  radio.alarms = alarms;
  const path = join(dir, 'radio.yml');
  writeFileSync(path, stringify(radio));
  return path;
}

/**
 * `radioConfig`: a YAML file to use instead of test/fixtures/radio.test.yml; `log`: the server's logger (default
 * silent); `env`: settings added to (or replacing) the test ones, e.g. `RADIO_DATABASE_URL`, `REDIS_URL`;
 * `server`: further server options (the approval cards' clock).
 */
export async function startHarness(
  extraCommands: AnyCommand[] = [],
  options: { radioConfig?: string; log?: Logger; env?: Record<string, string>; server?: ServerOptions } = {},
) {
  const slack = await startFakeSlack();
  const config = loadConfig('server', {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL,
    RADIO_CONFIG: options.radioConfig ?? fixture('radio.test.yml'),
    REDIS_URL: testRedisUrl('slack-server-harness'),
    PORT: '0',
    ...options.env,
  });
  const running = await startServer(config, {
    ...options.server,
    log: options.log ?? pino({ level: 'silent' }),
    extraCommands,
  });
  const db = openWorkerDatabase();
  const base = `http://127.0.0.1:${running.port}`;

  /** Posts `body` to /slack/events, signed at `timestamp` (Unix seconds; default now). */
  async function post(body: string, options: { timestamp?: number; secret?: string; contentType?: string } = {}) {
    const headers = slackSignatureHeaders(body, options.secret ?? SIGNING_SECRET, options.timestamp);
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...headers,
      },
      body,
    });
  }

  /** Sends `/radio <text>` as `fields` say, returns the ack and the response_url it will be answered on. */
  async function slash(
    text: string,
    fields: Record<string, string> = {},
    options: { timestamp?: number; secret?: string } = {},
  ) {
    const responseUrl = slack.responseUrl();
    const ack = await post(slashBody({ text, response_url: responseUrl, ...fields }), options);
    const reply = () => answerOn(responseUrl).then((r) => r.body);
    return { ack, responseUrl, reply };
  }

  /**
   * The answer posted to `responseUrl`. A slow command (a loaded machine makes any command slow) first gets the
   * "Still running…" notice there; it is passed over (tests that expect it read it with `slack.next`).
   */
  const answerOn = (responseUrl: string) =>
    slack.next((request) => request.path === new URL(responseUrl).pathname && !isStillRunningNotice(request.body));

  /** POSTs an SNS message (a signed envelope) to /sns as SNS does: JSON sent as text/plain. */
  async function sns(envelope: Record<string, string>) {
    const response = await fetch(`${base}/sns`, {
      method: 'POST',
      body: JSON.stringify(envelope, null, 2),
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': String(envelope.Type),
        'user-agent': 'Amazon Simple Notification Service Agent',
      },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Audit rows whose `reason` is `marker`, oldest first. */
  async function auditRows(marker: string) {
    const { rows } = await db.query<{
      request_id: string;
      outcome: string;
      command: string | null;
      user_id: string;
      error: string | null;
      source: string;
      risk: string | null;
    }>(
      'SELECT request_id::text, outcome, command, user_id, error, source, risk FROM audit_events WHERE reason = $1 ORDER BY id',
      [marker],
    );
    return rows;
  }

  return {
    base,
    slack,
    post,
    slash,
    answerOn,
    sns,
    auditRows,
    db,
    running,
    async close() {
      await running.stop();
      await db.close();
      await slack.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
