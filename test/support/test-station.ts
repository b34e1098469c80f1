// The test station of issue 14 in one call: a real Icecast 2.4.4, a real Liquidsoap 2.1.3 streaming rap (MP3,
// with the request queue rap_queue, writing HLS) and jazz (Ogg Vorbis) to it, and a local HTTP "edge" serving
// rap's HLS; plus the station's YAML pointing at them and the integrations the runtime would build from it.
// The HLS origin is the directory Liquidsoap writes (a file's mtime stands for S3's LastModified after the sync).
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RadioConfig } from '../../src/config/radio-config.js';
import { channelsModule } from '../../src/integrations/channels/channels-module.js';
import { createHlsOperations, type HlsOperations } from '../../src/integrations/hls/hls-operations.js';
import { icecastModule } from '../../src/integrations/icecast/icecast-module.js';
import type { IcecastOperations } from '../../src/integrations/icecast/icecast-operations.js';
import { liquidsoapModule } from '../../src/integrations/liquidsoap/liquidsoap-module.js';
import type { LiquidsoapOperations } from '../../src/integrations/liquidsoap/liquidsoap-operations.js';
import type { ChannelDirectory } from '../../src/station/channel-directory.js';
import { startEdgeServer, type EdgeServer } from './hls-edge-server.js';
import { startIcecastServer, type IcecastServer } from './icecast-server.js';
import { countingDatabase, integrationContext } from './integration-context.js';
import { startLiquidsoap, type LiquidsoapServer } from './liquidsoap-server.js';
import { waitFor } from './wait-for.js';

/** The integrations of the station's own modules, as `commandRunner` and the watcher take them. */
export interface StationIntegrations {
  icecast: IcecastOperations;
  liquidsoap: LiquidsoapOperations;
  channels: ChannelDirectory;
  hls: HlsOperations;
}

export interface TestStation {
  icecast: IcecastServer;
  liquidsoap: LiquidsoapServer;
  edge: EdgeServer;
  /** The YAML's `station:` section pointing at these servers (channels rap and jazz, push allow-list `/tmp/`). */
  yaml: { station: Record<string, unknown> };
  radio: RadioConfig;
  integrations: StationIntegrations;
  /** Stops everything; safe to call twice. Call in `afterAll` with a 30 s hook timeout. */
  stop(): Promise<void>;
}

/**
 * Starts the station and waits until both mounts are on air and rap's first playlist is written. Startup takes
 * 5 to 60 s on a loaded machine: call in `beforeAll` with a 120 s hook timeout.
 */
export async function startTestStation(
  options: {
    pushAllowList?: string[];
    /** The script registers `create_channel <slug>` and the YAML has `createChannel: 'create_channel {slug}'`. */
    createChannel?: boolean;
  } = {},
): Promise<TestStation> {
  const icecast = await startIcecastServer();
  let liquidsoap: LiquidsoapServer | undefined;
  let edge: EdgeServer | undefined;
  try {
    liquidsoap = await startLiquidsoap({
      icecast: { host: '127.0.0.1', port: icecast.port, sourcePassword: icecast.sourcePassword },
      hlsOutput: 'rap',
      createChannel: options.createChannel,
    });
    const root = liquidsoap.hlsRoot ?? '';
    edge = await startEdgeServer({ dir: root });
    const yaml = {
      station: {
        channels: [
          { slug: 'rap', mount: '/rap.mp3', output: 'rap', queue: 'rap_queue' },
          { slug: 'jazz', mount: '/jazz.ogg', output: 'jazz' },
        ],
        icecast: { url: icecast.url, adminUser: icecast.adminUser },
        liquidsoap: {
          host: liquidsoap.host,
          port: liquidsoap.port,
          ...(options.createChannel ? { createChannel: 'create_channel {slug}' } : {}),
        },
        hls: { edgeUrl: edge.url },
        pushAllowList: options.pushAllowList ?? ['/tmp/'],
      },
    };
    const { context } = integrationContext({
      yaml,
      settings: { aws: { mode: 'live' }, icecastAdminPassword: icecast.adminPassword },
      stationDb: countingDatabase().db,
    });
    const hls = createHlsOperations({
      readObject: async (key) => {
        const [body, info] = await Promise.all([readFile(join(root, key), 'utf8'), stat(join(root, key))]);
        return { body, lastModified: info.mtime };
      },
      bucket: context.radio.s3.bucket,
      edgeUrl: edge.url,
      playlist: 'live.m3u8',
    });
    const integrations: StationIntegrations = {
      icecast: required(icecastModule.create(context), 'icecast'),
      liquidsoap: required(liquidsoapModule.create(context), 'liquidsoap'),
      channels: required(channelsModule.create(context), 'channels'),
      hls,
    };
    await waitForOnAir(integrations.icecast, ['/jazz.ogg', '/rap.mp3']);
    const playlist = join(root, 'hls', 'rap', 'live.m3u8');
    await waitFor(
      "rap's first media playlist",
      () => Promise.resolve(existsSync(playlist) && /#EXT-X-MEDIA-SEQUENCE:\d+/.test(readFileSync(playlist, 'utf8'))),
      1200,
      100,
    );
    const [started, edged] = [liquidsoap, edge];
    return {
      icecast,
      liquidsoap: started,
      edge: edged,
      yaml,
      radio: RadioConfig.parse(yaml),
      integrations,
      async stop() {
        await Promise.allSettled([edged.close(), started.stop()]);
        await icecast.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled([edge?.close(), liquidsoap?.stop()]);
    await icecast.stop();
    throw error;
  }
}

function required<T>(client: T | undefined, id: string): T {
  if (client === undefined) throw new Error(`the ${id} module was not configured by the test station's YAML`);
  return client;
}

/** Waits until Icecast lists every one of `mounts` with a source (a title may come a moment later). */
export async function waitForOnAir(icecast: IcecastOperations, mounts: string[]): Promise<void> {
  await waitFor(
    `mounts ${mounts.join(', ')} on air`,
    async () => {
      const stats = await icecast.stats().catch(() => undefined);
      const listed = new Set(stats?.mounts.map((mount) => mount.mount));
      return mounts.every((mount) => listed.has(mount));
    },
    1200,
    100,
  );
}
