// A stand-in for CloudFront in front of the HLS origin: a local HTTP server on a free loopback port serving a
// directory (where a real Liquidsoap writes its HLS) or a fixed playlist, with the cache headers a test sets;
// and one that drops every connection. Each test file starts its own, so files run in parallel.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
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

async function listen(server: Server | ReturnType<typeof createTcpServer>, sockets: Set<Socket>): Promise<string> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('edge server has no port');
  return `http://127.0.0.1:${address.port}`;
}

function closer(server: Server | ReturnType<typeof createTcpServer>, sockets: Set<Socket>) {
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Serves `dir` or `playlist` over HTTP/1.1, as an edge would (200 with the playlist, 404 for anything missing). */
export async function startEdgeServer(options: EdgeServerOptions): Promise<EdgeServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
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
  const url = await listen(server, sockets);
  return {
    url,
    get requests() {
      return requests;
    },
    close: closer(server, sockets),
  };
}

/** Accepts each connection, reads the request, then resets it without a byte of answer (a crashing edge). */
export async function startDroppingServer(): Promise<EdgeServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      requests += 1;
      socket.resetAndDestroy();
    });
  });
  const url = await listen(server, sockets);
  return {
    url,
    get requests() {
      return requests;
    },
    close: closer(server, sockets),
  };
}

/** A `GetObject` `Body` as the S3 client hands it: a stream with `transformToString`. */
export function playlistBody(text: string) {
  return Object.assign(Readable.from([Buffer.from(text)]), {
    transformToString: (encoding?: BufferEncoding) => Promise.resolve(Buffer.from(text).toString(encoding)),
  }) as never;
}
