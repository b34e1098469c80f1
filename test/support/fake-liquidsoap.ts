// A TCP server speaking Liquidsoap's line protocol from a script of answers, recording every byte it receives:
// how tests assert the exact lines the client sends, and see a server that drops a connection mid-answer.
import { createServer, type Socket } from 'node:net';

/** What the fake does with one command line: answer a body (then `\r\nEND\r\n`), or write part of one and reset. */
export type FakeAnswer = string | { partial: string };

export interface FakeLiquidsoap {
  host: string;
  port: number;
  /** Every byte each connection sent, one buffer per connection in the order they came. */
  readonly received: Buffer[];
  /** Connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * Answers each line by `answers[line]` (unknown lines: Liquidsoap's own `ERROR: unknown command…`), `quit` with
 * `Bye!` and a close, like the real server (src/tools/server.ml).
 */
export async function startFakeLiquidsoap(answers: Record<string, FakeAnswer> = {}): Promise<FakeLiquidsoap> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const index = received.push(Buffer.alloc(0)) - 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      received[index] = Buffer.concat([received[index] as Buffer, chunk]);
      pending += chunk.toString('utf8');
      for (let newline = pending.search(/[\r\n]/); newline >= 0; newline = pending.search(/[\r\n]/)) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line === '') continue;
        if (line === 'quit') return void socket.end('Bye!\r\n');
        const answer = answers[line] ?? 'ERROR: unknown command, type "help" to get a list of commands.';
        if (typeof answer === 'string') socket.write(`${answer}\r\nEND\r\n`);
        else {
          socket.write(answer.partial);
          socket.resetAndDestroy();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake Liquidsoap has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    received,
    get accepted() {
      return received.length;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
