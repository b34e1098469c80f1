import { describe, expect, it } from 'vitest';
import { channelWriterModule } from '../../../src/integrations/channel-writer/channel-writer-module.js';
import { MODULES } from '../../../src/integrations/modules.js';
import { integrationContext } from '../../support/integration-context.js';

const row = { name: 'Electro', slug: 'electro', icecast_mount: '/electro', hls_path: 'hls/electro/' };

describe('the channel-writer module', () => {
  it('is registered, and not configured without RADIO_DATABASE_WRITE_URL (never the inspector connection)', () => {
    expect(MODULES.get('channelWriter')).toBe(channelWriterModule);
    expect(channelWriterModule.create(integrationContext().context)).toBeUndefined();
    expect(channelWriterModule.notConfigured).toMatch(/RADIO_DATABASE_WRITE_URL.*only INSERT on radio_channels/);
  });

  it('builds the INSERT without connecting, and an unreachable database is an error naming the setting', async () => {
    const { context, close } = integrationContext({
      settings: { aws: { mode: 'live' }, radioDatabaseWriteUrl: 'postgres://writer@127.0.0.1:1/station' },
    });
    const writer = channelWriterModule.create(context);
    expect(writer?.insertStatement(row)).toEqual({
      text: 'INSERT INTO radio_channels (name, slug, icecast_mount, hls_path) VALUES ($1, $2, $3, $4)',
      values: ['Electro', 'electro', '/electro', 'hls/electro/'],
    });
    await expect(writer?.insertChannel(row)).rejects.toThrow(/RADIO_DATABASE_WRITE_URL|ECONNREFUSED/);
    await close();
  });
});
