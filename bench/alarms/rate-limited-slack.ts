// A fake Slack for the alarm storm that enforces about one message per second per channel: a token bucket
// per channel (`perSecond`, `burst`) for chat.postMessage and chat.update; beyond it, HTTP 429 with
// `Retry-After` (whole seconds until the next token), as Slack does. Every answered call is recorded.
// Source: https://api.slack.com/apis/rate-limits
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { epochMs } from '../support/http-sink.js';
import { onCleanup } from '../support/run-bench.js';

/** A chat.postMessage or chat.update Slack answered `ok`, at epoch ms `at`. */
export interface CardCall {
  method: string;
  at: number;
  channel: string;
  threadTs?: string;
  text: string;
  blocks: string;
}

export async function startRateLimitedSlack(limit: { perSecond: number; burst: number }) {
  const calls: CardCall[] = [];
  const counts = { calls: 0, rateLimited: 0, other: 0 };
  const buckets = new Map<string, { tokens: number; at: number }>();
  let nextTs = 0;
  const take = (channel: string): number => {
    const now = epochMs();
    const b = buckets.get(channel) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
  };
  const server = createServer((request, response) => {
    let raw = '';
    request
      .setEncoding('utf8')
      .on('data', (chunk: string) => (raw += chunk))
      .on('end', () => {
        const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const json = String(request.headers['content-type'] ?? '').includes('json');
        const body = json ? (JSON.parse(raw) as Record<string, string>) : Object.fromEntries(new URLSearchParams(raw));
        const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
          response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
        if (method !== 'chat.postMessage' && method !== 'chat.update') {
          counts.other += 1;
          return send(200, { ok: true });
        }
        counts.calls += 1;
        const channel = String(body.channel);
        const retryAfter = take(channel);
        if (retryAfter > 0) {
          counts.rateLimited += 1;
          return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
        }
        const ts = method === 'chat.update' ? String(body.ts) : `1742000000.${String(++nextTs).padStart(6, '0')}`;
        calls.push({
          method,
          at: epochMs(),
          channel,
          threadTs: body.thread_ts || undefined,
          text: String(body.text ?? ''),
          blocks: String(typeof body.blocks === 'string' ? body.blocks : JSON.stringify(body.blocks ?? [])),
        });
        return send(200, { ok: true, channel, ts });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    'close the fake Slack',
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, counts };
}
