import { describe, expect, it } from 'vitest';
import { channelsModule } from '../../../src/integrations/channels/channels-module.js';
import { countingDatabase, integrationContext } from '../../support/integration-context.js';

describe('the channels module', () => {
  it('issue 14: builds the directory without querying, then reads the station database it was given, with the YAML', async () => {
    const { db, sent } = countingDatabase();
    const directory = channelsModule.create(
      integrationContext({ stationDb: db, yaml: { station: { channels: ['rap', 'news'] } } }).context,
    );
    expect(sent).toEqual([]);
    const list = await directory?.list();
    expect(sent.join('\n')).toContain("to_regclass('radio_channels')");
    expect(list).toMatchObject({ source: 'station.channels', channels: [{ slug: 'rap' }, { slug: 'news' }] });
  });

  it('issue 14: declares no IAM statements (it calls no AWS API)', () => {
    expect(channelsModule.iamStatements).toBeUndefined();
  });
});
