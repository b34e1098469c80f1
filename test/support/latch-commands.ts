// Test-only commands that take exactly as long as the test says: each run connects to the test's latch
// server (`RADIO_TEST_LATCH`, host:port) and waits for the line it sends back, or for its run's signal.
// A child radio-ops process registers them (test/support/radio-ops-cli.ts), so a test can hold a read or
// a write mid-flight, press Ctrl-C, and release it when it chooses: no clock involved.
import { createServer, connect, type Socket } from 'node:net';
import { z } from 'zod';
import { defineCommand, type AnyCommand, type Risk } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';

/** `test latch read` and `test latch write`: they answer `latch <risk>: <the line the latch sent>`. */
export function latchCommands(address: string): AnyCommand[] {
  const [host = '127.0.0.1', port = ''] = address.split(':');
  const wait = (signal?: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), host);
      let said = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        said += chunk;
        if (said.includes('\n')) {
          socket.end();
          resolve(said.trim());
        }
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error('the latch server went away')));
      signal?.addEventListener('abort', () => socket.destroy(), { once: true });
    });
  const latch = (risk: Risk) =>
    defineCommand({
      name: `test latch ${risk}`,
      usage: `test latch ${risk}`,
      summary: `a ${risk} that waits for the test`,
      examples: [],
      positional: [],
      flags: {},
      args: z.object({}),
      risk: () => risk,
      run: ({ signal }) => wait(signal),
      present: (said: string) => ({
        summary: said,
        visibility: 'in_channel',
        parts: [text(`latch ${risk}: ${said}`)],
      }),
    });
  return [latch('read'), latch('write')];
}

/** The test's side: hears each run arrive, and releases the waiting ones. */
export interface LatchServer {
  /** `127.0.0.1:<port>`, for `RADIO_TEST_LATCH`. */
  address: string;
  /** Resolves when the next run connects (it is running: its `started` row is written). */
  arrival(): Promise<void>;
  /** Sends `line` to every run waiting now; they end with it. */
  release(line: string): void;
  /** Runs connected and not yet gone (a cancelled run goes away without being released). */
  readonly waiting: number;
  close(): Promise<void>;
}

export async function startLatchServer(): Promise<LatchServer> {
  const sockets = new Set<Socket>();
  const arrivals: (() => void)[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    for (const arrived of arrivals.splice(0)) arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    arrival: () => new Promise<void>((resolve) => arrivals.push(resolve)),
    release(line) {
      for (const socket of sockets) socket.write(`${line}\n`);
    },
    get waiting() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
