// An HTTP server that answers like an Icecast from recorded responses (test/fixtures/icecast/), and records every
// request it gets: for the paths a real server here can't take (Icecast 2.5) and for exact requests.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';

export interface RecordedRequest {
  /** `GET /admin/stats` */
  line: string;
  /** The query string without `?` (empty when none). */
  query: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

export interface RecordedAnswer {
  status?: number;
  /** A file in test/fixtures/icecast/, or the body itself with `text`. */
  fixture?: string;
  text?: string;
  contentType?: string;
  /** Never answer (a hung server), or drop the connection with a TCP reset, once the request is read. */
  fault?: 'hang' | 'reset';
}

export interface RecordedIcecast {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const icecastFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/icecast/${name}`, import.meta.url), 'utf8');

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });

/**
 * Answers `routes[<METHOD> <path>]` (a 404 page for anything else) with `Server: <server>`, as Icecast does
 * (`Icecast 2.4.4`, `Icecast 2.5.0`). Routes may be changed while it runs.
 */
export async function startRecordedIcecast(
  server: string,
  routes: Record<string, RecordedAnswer>,
): Promise<RecordedIcecast> {
  const requests: RecordedRequest[] = [];
  const http = createServer((request, response) => {
    void read(request).then((body) => {
      const [path = '', query = ''] = (request.url ?? '').split('?');
      const line = `${request.method} ${path}`;
      requests.push({
        line,
        query,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      const answer = routes[line] ?? {
        status: 404,
        text: '<html><body><b>404 - The file you requested could not be found</b></body></html>',
      };
      if (answer.fault === 'hang') return;
      if (answer.fault === 'reset') return request.socket.resetAndDestroy();
      const text = answer.fixture ? icecastFixture(answer.fixture) : (answer.text ?? '');
      response.writeHead(answer.status ?? 200, {
        server,
        'content-type': answer.contentType ?? 'text/xml; charset=utf-8',
      });
      response.end(text);
    });
  });
  http.on('connection', (socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections(); // hung requests included
        http.close(() => resolve());
      }),
  };
}
