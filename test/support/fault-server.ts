// One socket fault for a test to point a client at: `hang` (accepts, never answers), `reset` (TCP RST on the
// first bytes) or `close` (FIN on the first bytes, no answer). Built on hung-server.ts and dropping-server.ts.
import { startDroppingServer } from './dropping-server.js';
import { startHungServer } from './hung-server.js';

export type SocketFault = 'hang' | 'reset' | 'close';

export const SOCKET_FAULTS: readonly SocketFault[] = ['hang', 'reset', 'close'];

export interface FaultServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Connections that reached the fault (accepted when hung, dropped otherwise). */
  readonly reached: number;
  /** Hung connections the client gave up on and closed (always 0 for a dropping server, which closes them itself). */
  readonly abandoned: number;
  close(): Promise<void>;
}

export async function startFaultServer(fault: SocketFault): Promise<FaultServer> {
  if (fault === 'hang') {
    const hung = await startHungServer();
    return {
      port: hung.port,
      url: hung.url,
      close: () => hung.close(),
      get reached() {
        return hung.accepted;
      },
      get abandoned() {
        return hung.closed;
      },
    };
  }
  const dropping = await startDroppingServer(fault);
  return {
    port: dropping.port,
    url: dropping.url,
    close: () => dropping.close(),
    get reached() {
      return dropping.dropped;
    },
    abandoned: 0,
  };
}
