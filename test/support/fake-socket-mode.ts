// A local stand-in for Slack's Socket Mode: `apps.connections.open` over HTTP, and the WebSocket it
// points at (a minimal RFC 6455 server: handshake, text frames out, pings answered, close echoed).
// Each `apps.connections.open` call takes the next scripted behaviour, then answers normally.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How one `apps.connections.open` call goes wrong: TCP reset, HTTP 500, or `ok: false`. */
export type OpenFailure = 'reset' | 'http500' | 'not_ok';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One unfragmented server frame (servers never mask). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** Answers the client's pings and close frames; the client's frames are masked and small here. */
function serveFrames(socket: Socket): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const opcode = (pending[0] ?? 0) & 0x0f;
      let length = (pending[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) [length, offset] = [pending.readUInt16BE(2), 4];
      if (pending.length < offset + 4 + length) return;
      const mask = pending.subarray(offset, offset + 4);
      const payload = Buffer.from(
        pending.subarray(offset + 4, offset + 4 + length).map((byte, i) => byte ^ (mask[i % 4] ?? 0)),
      );
      pending = pending.subarray(offset + 4 + length);
      if (opcode === 0x9) socket.write(frame(0xa, payload));
      if (opcode === 0x8) socket.end(frame(0x8, payload.subarray(0, 2)));
    }
  });
  socket.on('error', () => undefined);
}

export async function startFakeSocketMode() {
  const failures: OpenFailure[] = [];
  const sockets = new Set<Socket>();
  const connectionWaiters: { count: number; resolve: () => void }[] = [];
  let openCalls = 0;
  let connections = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume().on('end', () => {
      openCalls += 1;
      const failure = failures.shift();
      if (failure === 'reset') return request.socket.destroy();
      if (failure === 'http500') return response.writeHead(500).end('upstream error');
      const body =
        failure === 'not_ok'
          ? { ok: false, error: 'internal_error' }
          : { ok: true, url: `ws://127.0.0.1:${port()}/link` };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    const accept = createHash('sha1')
      .update(`${String(request.headers['sec-websocket-key'])}${WS_GUID}`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveFrames(socket);
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1 }))));
    connections += 1;
    for (const waiter of connectionWaiters.filter((w) => connections >= w.count)) {
      connectionWaiters.splice(connectionWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;

  return {
    /** The Web API base (`SLACK_API_URL`) whose `apps.connections.open` this fake answers. */
    apiUrl: `http://127.0.0.1:${port()}/api/`,
    get openCalls() {
      return openCalls;
    },
    get connections() {
      return connections;
    },
    /** The next `apps.connections.open` calls fail like this, in order. */
    failNext: (...next: OpenFailure[]) => void failures.push(...next),
    /** Cuts every open WebSocket at the TCP level, as a network blip or a Slack restart does. */
    drop: () => sockets.forEach((socket) => socket.destroy()),
    /** Resolves once `count` WebSockets in all have been opened (and greeted with `hello`). */
    connected: (count: number) =>
      new Promise<void>((resolve) => (connections >= count ? resolve() : connectionWaiters.push({ count, resolve }))),
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
