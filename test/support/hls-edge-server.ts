// A stand-in for CloudFront in front of the HLS origin: a local HTTP server on a free loopback port serving a
// directory (where a real Liquidsoap writes its HLS) or a fixed playlist, with the cache headers a test sets;
// and one that drops every connection. Each test file starts its own, so files run in parallel.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { join, normalize } from 'node:path';
import { Readable } from 'node:stream';

export interface EdgeServer {
  /** `http://127.0.0.1:<port>`: the `station.hls.edgeUrl` of the test. */
  url: string;
  /** Requests answered (or dropped) so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface EdgeServerOptions {
  /** Serve the files under this directory (`/hls/rap/live.m3u8` is `<dir>/hls/rap/live.m3u8`). */
  dir?: string;
  /** Or answer every GET with this playlist. */
  playlist?: string;
  /** Headers added to every playlist answer (`Age`, `Cache-Control`, `X-Cache`). */
  headers?: Record<string, string>;
}

/** Listens on a free loopback port; `close` destroys open connections first (a hung client never holds it). */
async function serve(server: Server | TcpServer, requests: () => number): Promise<EdgeServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('edge server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return requests();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves `dir` or `playlist` over HTTP/1.1, as an edge would (200 with the playlist, 404 for anything missing). */
export async function startEdgeServer(options: EdgeServerOptions): Promise<EdgeServer> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://edge').pathname));
    const body =
      options.playlist !== undefined
        ? Promise.resolve(options.playlist)
        : path.includes('..') || !options.dir
          ? Promise.reject(new Error('outside'))
          : readFile(join(options.dir, path), 'utf8');
    body.then(
      (text) => {
        response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl', ...options.headers });
        response.end(text);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      },
    );
  });
  return serve(server, () => requests);
}

/** Accepts each connection, reads the request, then resets it without a byte of answer (a crashing edge). */
export async function startDroppingServer(): Promise<EdgeServer> {
  let requests = 0;
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      requests += 1;
      socket.resetAndDestroy();
    });
  });
  return serve(server, () => requests);
}

/** A `GetObject` `Body` as the S3 client hands it: a stream with `transformToString`. */
export function playlistBody(text: string) {
  return Object.assign(Readable.from([Buffer.from(text)]), {
    transformToString: (encoding?: BufferEncoding) => Promise.resolve(Buffer.from(text).toString(encoding)),
  }) as never;
}
