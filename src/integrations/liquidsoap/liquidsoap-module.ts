import { defineIntegration } from '../integration-module.js';
import { withRunView } from '../run-view.js';
import { DEFAULT_LIQUIDSOAP_TIMEOUTS } from './liquidsoap-exchange.js';
import { createLiquidsoapOperations, type LiquidsoapOperations } from './liquidsoap-operations.js';

/**
 * Liquidsoap's server ("telnet") at `station.liquidsoap` (host, port): what the station's encoder plays, its
 * outputs and queues. Not configured without that section. Nothing to import or connect ahead: each call opens
 * its own connection (node:net) with a 2 s connect and 5 s reply deadline, and a command's calls are also
 * aborted at its deadline (the run view).
 */
export const liquidsoapModule = defineIntegration({
  id: 'liquidsoap',
  notConfigured: "The station's Liquidsoap is not configured (station.liquidsoap: host and port of its telnet server).",
  create({ radio }): LiquidsoapOperations | undefined {
    const server = radio.station.liquidsoap;
    if (!server) return undefined;
    const view = (signal?: AbortSignal) =>
      createLiquidsoapOperations({
        host: server.host,
        port: server.port,
        pushAllowList: radio.station.pushAllowList,
        ...(server.createChannel ? { createChannel: server.createChannel } : {}),
        timeouts: DEFAULT_LIQUIDSOAP_TIMEOUTS,
        signal,
      });
    return withRunView(view(), view);
  },
});
