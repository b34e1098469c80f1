import { describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../src/db/sql-client.js';
import { channelsModule } from '../../../src/integrations/channels/channels-module.js';
import { integrationContext } from '../../support/integration-context.js';

/** A station database that records what it is sent and has no radio_channels. */
function recordingDatabase() {
  const sent: string[] = [];
  const query = <Row extends object>(text: string): Promise<{ rows: Row[] }> => {
    sent.push(text);
    return Promise.resolve({ rows: [{ present: false, columns: [] } as unknown as Row] });
  };
  const db: SqlDatabase = { query, readOnly: (work) => work({ query }), close: () => Promise.resolve() };
  return { db, sent };
}

describe('the channels module', () => {
  it('issue 14: builds the directory without querying, then reads the station database it was given, with the YAML', async () => {
    const { db, sent } = recordingDatabase();
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
