// A local stand-in for Slack: the Web API (under /api/) and response_url (under /response/).
// Records every request so tests assert what radio-ops sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
}

/** An answer with its own HTTP status and headers (a 429 with `Retry-After`), for `onApi` handlers. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: Record<string, unknown>,
  ) {}
}

/** An answer, or a promise of one (a slow Slack). */
type ApiHandler = (
  body: Record<string, unknown>,
) => Record<string, unknown> | HttpReply | Promise<Record<string, unknown> | HttpReply>;

export async function startFakeSlack() {
  const requests: RecordedRequest[] = [];
  const waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const api = new Map<string, ApiHandler>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request
      .setEncoding('utf8')
      .on('data', (chunk: string) => (raw += chunk))
      .on('end', async () => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        const body = parseBody(raw, String(request.headers['content-type'] ?? ''));
        const recorded = { path, body };
        requests.push(recorded);
        for (const waiter of [...waiters]) {
          if (waiter.match(recorded)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(recorded);
          }
        }
        const method = path.startsWith('/api/') ? path.slice('/api/'.length) : undefined;
        const reply = method ? await (api.get(method)?.(body) ?? { ok: false, error: 'unknown_method' }) : { ok: true };
        if (reply instanceof HttpReply) {
          response
            .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
            .end(JSON.stringify(reply.body));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let responseCounter = 0;

  return {
    apiUrl: `${base}/api/`,
    requests,
    /** A fresh `response_url` on this fake. */
    responseUrl: () => `${base}/response/${++responseCounter}`,
    /** Answers Web API `method` with `handler`'s result. */
    onApi(method: string, handler: ApiHandler) {
      api.set(method, handler);
    },
    /** The first request (already received or still to come) matching `match`. */
    next(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
