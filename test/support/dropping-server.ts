// A TCP server that accepts every connection, reads the request and drops it without answering: how a server
// looks when it crashes mid-request or a middlebox cuts the connection (the sibling of hung-server.ts).
import { createServer, type Socket } from 'node:net';

export interface DroppingServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Connections dropped so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * `reset` answers the first bytes with a TCP RST (the client sees ECONNRESET); `close` with a FIN, no response
 * (an HTTP client sees "other side closed").
 */
export async function startDroppingServer(how: 'reset' | 'close' = 'reset'): Promise<DroppingServer> {
  const sockets = new Set<Socket>();
  let dropped = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => {
      dropped += 1;
      if (how === 'reset') socket.resetAndDestroy();
      else socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('dropping server has no port');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    get dropped() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
