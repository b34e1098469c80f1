// A TCP server that accepts every connection and never answers a byte: how an AWS endpoint, a Postgres
// or a Redis looks when it hangs (a black-holed load balancer, a stopped process behind a live port).
import { createServer, type Socket } from 'node:net';

export interface HungServer {
  port: number;
  /** `http://127.0.0.1:<port>` (for AWS_ENDPOINT_URL). */
  url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections the client closed or aborted so far (the server never closes one itself). */
  readonly closed: number;
  /** Destroys every open connection and stops listening. */
  close(): Promise<void>;
}

export async function startHungServer(): Promise<HungServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let closed = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined); // read and ignore: never a reply
    socket.on('close', () => {
      sockets.delete(socket);
      closed += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('hung server has no port');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    get accepted() {
      return accepted;
    },
    get closed() {
      return closed;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
