// A local stand-in for Slack that only answers 200 `{"ok":true}`: the Web API (`/api/…`) and every
// `response_url` (`/response/<run>/<n>`), whose arrival times it keeps per run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onCleanup } from './run-bench.js';

/** Milliseconds since the Unix epoch with sub-millisecond resolution, comparable across processes. */
export const epochMs = () => performance.timeOrigin + performance.now();

export async function startSink() {
  const replies = new Map<string, Map<number, number>>();
  let apiCalls = 0;
  const server = createServer((request, response) => {
    const at = epochMs();
    request.resume().on('end', () => {
      const [, kind, run, n] = (request.url ?? '/').split('/');
      if (kind === 'response' && run && n) {
        let byId = replies.get(run);
        if (!byId) replies.set(run, (byId = new Map()));
        byId.set(Number(n), at);
      } else {
        apiCalls += 1;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  onCleanup('close the Slack sink', close);
  return {
    url,
    /** `response_url` arrival times of `run`, by request number. */
    replies: (run: string) => replies.get(run) ?? new Map<number, number>(),
    apiCalls: () => apiCalls,
  };
}

export type Sink = Awaited<ReturnType<typeof startSink>>;
