import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createRdsOperations } from '../../src/integrations/rds/rds-operations.js';
import { replyTable } from '../support/station-harness.js';
import { commandRunner } from '../support/command-runner.js';

const rdsMock = mockClient(RDSClient);
const rds = createRdsOperations(new RDSClient({ region: 'us-east-1' }), RadioConfig.parse({}));
const snapshot = (id: string, created: string | undefined, type = 'automated', Status = 'available') => ({
  DBSnapshotIdentifier: id,
  SnapshotType: type,
  Status,
  AllocatedStorage: 100,
  PercentProgress: Status === 'creating' ? 40 : 100,
  ...(created ? { SnapshotCreateTime: new Date(created) } : {}),
});

beforeEach(() => rdsMock.reset());

describe('db snapshots', () => {
  it('follows Marker over every page and shows automated and manual snapshots newest first', async () => {
    rdsMock
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({
        DBSnapshots: [
          snapshot('rds:radio-db-2025-03-12', '2025-03-12T03:00:00Z'),
          snapshot('before-upgrade', '2025-03-13T10:00:00Z', 'manual'),
        ],
        Marker: 'page-2',
      })
      .resolvesOnce({
        DBSnapshots: [
          snapshot('rds:radio-db-2025-03-14', '2025-03-14T03:00:00Z'),
          snapshot('now-running', undefined, 'manual', 'creating'),
        ],
      });
    const outcome = await commandRunner({ rds }).run('db snapshots --limit 3');
    expect(outcome.status).toBe('succeeded');
    expect(rdsMock.commandCalls(DescribeDBSnapshotsCommand).map((call) => call.args[0].input)).toEqual([
      { DBInstanceIdentifier: 'radio-db', MaxRecords: 100 },
      { DBInstanceIdentifier: 'radio-db', MaxRecords: 100, Marker: 'page-2' },
    ]);
    const { columns, rows } = replyTable(outcome.reply);
    expect(columns).toEqual([
      'SnapshotCreateTime',
      'DBSnapshotIdentifier',
      'SnapshotType',
      'Status',
      'AllocatedStorage',
    ]);
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['now-running', 'manual', 'creating (40%)', '100 GiB'],
      ['rds:radio-db-2025-03-14', 'automated', 'available', '100 GiB'],
      ['before-upgrade', 'manual', 'available', '100 GiB'],
    ]);
    expect(rows[0]?.[0]).toBe('in progress');
    expect(rows[1]?.[0]).toMatch(/^2025-03-14 03:00:00 UTC \(.+ ago\)$/);
    expect(JSON.stringify(outcome.reply)).toContain('Showing 3 of 4');
  });

  it('says so when there are none', async () => {
    rdsMock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    expect((await commandRunner({ rds }).run('db snapshots')).reply.summary).toBe('No snapshots of radio-db');
  });

  it('names rds:DescribeDBSnapshots on AccessDenied and refuses a bad --limit', async () => {
    rdsMock
      .on(DescribeDBSnapshotsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: {} }));
    const { run } = commandRunner({ rds });
    expect((await run('db snapshots')).reply.summary).toMatch(/`rds:DescribeDBSnapshots` on `radio-db`/);
    expect(await run('db snapshots --limit 0')).toMatchObject({ status: 'refused', code: 'usage' });
  });
});
