import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import { timestampProblem } from './slack/request-timestamp.js';
import { isSslCheck, slackBodyProblem } from './slack/slack-body-problem.js';

/** What `/readyz` reports: ready only when the database answers and is migrated. */
export type ReadinessCheck = () => Promise<{ ready: boolean; detail: string }>;

export interface HttpServerOptions {
  /**
   * Serves `POST /slack/events` with Bolt's receiver, after our checks (timestamp, signature with
   * `signingSecret`, body shape); absent in Socket Mode.
   */
  slack?: { receiver: HTTPReceiver; signingSecret: string };
  readiness: ReadinessCheck;
  /** Serves `POST /sns` (CloudWatch alarms through an SNS HTTPS subscription) with the raw body. */
  sns?: (rawBody: string) => Promise<{ status: number; body: unknown }>;
  log: Logger;
}

/** SNS messages are at most 256 KiB; with JSON escaping an envelope stays well under this. */
const MAX_SNS_BODY_BYTES = 1024 * 1024;
/** Bolt's own default body limit (`HTTPModuleFunctions.defaultBodyLimit`). */
const MAX_SLACK_BODY_BYTES = 4 * 1024 * 1024;

/** The body's bytes whatever its Content-Type; `undefined` when over `limit` bytes. */
function readRawBytes(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The body as text (SNS sends JSON as `text/plain`); `undefined` when over `limit` bytes. */
const readRawBody = async (request: IncomingMessage, limit: number) =>
  (await readRawBytes(request, limit))?.toString('utf8');

/**
 * Why a `POST /slack/events` must not reach Bolt, as [status, problem]; `undefined` to hand it on.
 * Bolt answers the unsigned `ssl_check` itself; every other body must be signed and shaped as Slack
 * sends it (Bolt dereferences the parsed body unchecked: `payload=null` threw inside its receiver).
 */
function slackRequestProblem(
  raw: Buffer,
  request: IncomingMessage,
  signingSecret: string,
): [number, string] | undefined {
  const body = raw.toString('utf8');
  const contentType = request.headers['content-type'];
  if (isSslCheck(body, contentType)) return undefined;
  const signature = request.headers['x-slack-signature'];
  const headers = {
    'x-slack-signature': typeof signature === 'string' ? signature : '',
    'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
  };
  if (!isValidSlackRequest({ signingSecret, body, headers })) return [401, 'signature does not match'];
  const problem = slackBodyProblem(body, contentType);
  return problem === undefined ? undefined : [400, `malformed body: ${problem}`];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The one HTTP server: `GET /healthz` (alive), `GET /readyz` (database reachable and migrated),
 * `POST /slack/events` (slash commands and interactivity, after our two-sided timestamp check, the
 * signature and the body's shape, so Bolt only sees bodies Slack sends),
 * `POST /sns` (SNS notifications, verified by the handler).
 */
export function createHttpServer({ slack, readiness, sns, log }: HttpServerOptions): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === '/healthz') return send(response, 200, { status: 'ok' });
    if (request.method === 'GET' && path === '/readyz') {
      readiness().then(
        ({ ready, detail }) => send(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', detail }),
        () => send(response, 503, { status: 'not ready', detail: 'readiness check failed' }),
      );
      return;
    }
    if (request.method === 'POST' && path === '/slack/events' && slack) {
      const problem = timestampProblem(request);
      if (problem) {
        log.warn({ problem }, 'Slack request refused');
        request.resume();
        return send(response, 401, { error: 'invalid request' });
      }
      readRawBytes(request, MAX_SLACK_BODY_BYTES)
        .then((raw) => {
          if (raw === undefined) return send(response, 413, { error: 'body too large' });
          const refusal = slackRequestProblem(raw, request, slack.signingSecret);
          if (refusal) {
            log.warn({ problem: refusal[1] }, 'Slack request refused');
            return send(response, refusal[0], { error: refusal[0] === 400 ? 'malformed request' : 'invalid request' });
          }
          // Bolt reads a buffered body from `rawBody` (HTTPModuleFunctions.bufferIncomingMessage) and verifies it again.
          return slack.receiver.requestListener(Object.assign(request, { rawBody: raw }), response);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'Slack receiver failed');
          if (!response.headersSent) send(response, 500, { error: 'internal error' });
        });
      return;
    }
    if (request.method === 'POST' && path === '/sns' && sns) {
      readRawBody(request, MAX_SNS_BODY_BYTES)
        .then((raw) => (raw === undefined ? { status: 413, body: { error: 'body too large' } } : sns(raw)))
        .then(
          ({ status, body }) => send(response, status, body),
          (error: unknown) => {
            log.error({ err: error }, 'SNS request failed');
            send(response, 500, { error: 'internal error' });
          },
        );
      return;
    }
    request.resume();
    send(response, 404, { error: 'not found' });
  });
}
