import { defineIntegration } from '../integration-module.js';
import { once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import { withoutCredentials } from './icecast-http.js';
import type { IcecastOperations } from './icecast-operations.js';

/** The run's signal and a call's own, whichever aborts first (either may be absent). */
const either = (a?: AbortSignal, b?: AbortSignal) => (a && b ? AbortSignal.any([a, b]) : (a ?? b));

/**
 * The station's Icecast 2 at `station.icecast.url` (`status`, `np`, `listeners`, `mounts`, `meta`,
 * `kill-source`); admin actions need `ICECAST_ADMIN_PASSWORD`, without which only the public status is read.
 * The HTTP client and the XML parser load on the first call. Each run's view passes the run's signal (aborted at
 * its deadline) to every call; all views share one client, so the server's version is learned once.
 */
export const icecastModule = defineIntegration({
  id: 'icecast',
  notConfigured: 'Icecast is not configured (station.icecast.url in the YAML).',
  create({ radio, settings }): IcecastOperations | undefined {
    const icecast = radio.station.icecast;
    if (!icecast) return undefined;
    const options = { url: icecast.url, adminUser: icecast.adminUser, adminPassword: settings.icecastAdminPassword };
    const load = once(async () => (await import('./create-icecast-operations.js')).createIcecastOperations(options));
    const view = (runSignal?: AbortSignal): IcecastOperations => ({
      baseUrl: withoutCredentials(icecast.url),
      admin: settings.icecastAdminPassword !== undefined,
      stats: async (signal) => (await load()).stats(either(runSignal, signal)),
      updateMetadata: async (mount, song, signal) =>
        (await load()).updateMetadata(mount, song, either(runSignal, signal)),
      killSource: async (mount, signal) => (await load()).killSource(mount, either(runSignal, signal)),
    });
    return withRunView(view(), view);
  },
});
