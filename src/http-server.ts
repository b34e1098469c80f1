import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HTTPReceiver } from '@slack/bolt';
import { timestampProblem } from './slack/request-timestamp.js';

/** What `/readyz` reports: ready only when the database answers and is migrated. */
export type ReadinessCheck = () => Promise<{ ready: boolean; detail: string }>;

export interface HttpServerOptions {
  /** Serves `POST /slack/events`; absent in Socket Mode. */
  receiver?: HTTPReceiver;
  readiness: ReadinessCheck;
  /** Serves `POST /sns` (CloudWatch alarms through an SNS HTTPS subscription) with the raw body. */
  sns?: (rawBody: string) => Promise<{ status: number; body: unknown }>;
  log: Logger;
}

/** SNS messages are at most 256 KiB; with JSON escaping an envelope stays well under this. */
const MAX_SNS_BODY_BYTES = 1024 * 1024;

/** The body as text whatever its Content-Type (SNS sends JSON as `text/plain`); `undefined` when over `limit` bytes. */
function readRawBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The one HTTP server: `GET /healthz` (alive), `GET /readyz` (database reachable and migrated),
 * `POST /slack/events` (slash commands and interactivity, after our two-sided timestamp check),
 * `POST /sns` (SNS notifications, verified by the handler).
 */
export function createHttpServer({ receiver, readiness, sns, log }: HttpServerOptions): Server {
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
    if (request.method === 'POST' && path === '/slack/events' && receiver) {
      const problem = timestampProblem(request);
      if (problem) {
        log.warn({ problem }, 'Slack request refused');
        request.resume();
        return send(response, 401, { error: 'invalid request' });
      }
      try {
        return receiver.requestListener(request, response);
      } catch (error) {
        log.error({ err: error }, 'Slack receiver failed');
        return send(response, 500, { error: 'internal error' });
      }
    }
    if (request.method === 'POST' && path === '/sns' && sns) {
      readRawBody(request, MAX_SNS_BODY_BYTES)
        .then((raw) => (raw === undefined ? { status: 413, body: { error: 'body too large' } } : sns(raw)))
        .then(({ status, body }) => send(response, status, body), (error: unknown) => {
          log.error({ err: error }, 'SNS request failed');
          send(response, 500, { error: 'internal error' });
        });
      return;
    }
    request.resume();
    send(response, 404, { error: 'not found' });
  });
}
