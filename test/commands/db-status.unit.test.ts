import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRdsOperations } from '../../src/integrations/rds/rds-operations.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { commandRunner, replyFields, replyText } from '../support/command-runner.js';

const rdsMock = mockClient(RDSClient);
const config = RadioConfig.parse({ rds: { instance: 'radio-db-test' } });
const rds = createRdsOperations(new RDSClient({ region: 'us-east-1' }), config);
const awsError = (name: string, attempts = 3) =>
  Object.assign(new Error(`${name} from AWS`), { name, $metadata: { attempts } });

beforeEach(() => rdsMock.reset());

describe('db status', () => {
  it('sends DescribeDBInstances for the configured instance and shows every field with units', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'radio-db-test',
          DBInstanceClass: 'db.t4g.medium',
          DBInstanceStatus: 'available',
          MultiAZ: true,
          AllocatedStorage: 100,
          StorageType: 'gp3',
          Iops: 3000,
          StorageThroughput: 125,
          Engine: 'postgres',
          EngineVersion: '15.5',
          BackupRetentionPeriod: 7,
          LatestRestorableTime: new Date('2025-03-14T21:10:00Z'),
          PendingModifiedValues: { DBInstanceClass: 'db.r6g.large', AllocatedStorage: 200 },
        },
      ],
    });
    const outcome = await commandRunner({ rds }, { rds: { instance: 'radio-db-test' } }).run('db status');
    expect(outcome.status).toBe('succeeded');
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)[0]?.args[0].input).toEqual({
      DBInstanceIdentifier: 'radio-db-test',
    });
    const shown = replyFields(outcome.reply);
    expect(shown).toMatchObject({
      DBInstanceStatus: 'available',
      DBInstanceClass: 'db.t4g.medium',
      MultiAZ: 'yes',
      Storage: '100 GiB, gp3, 3,000 IOPS, 125 MiB/s',
      Engine: 'postgres 15.5',
      BackupRetentionPeriod: '7 days',
      PendingModifiedValues: 'DBInstanceClass -> db.r6g.large\nAllocatedStorage -> 200',
    });
    expect(shown.LatestRestorableTime).toMatch(/^2025-03-14 21:10:00 UTC \(.+ ago\)$/);
    expect(outcome.reply.summary).toBe('RDS radio-db-test: available, 2 pending modification(s)');
  });

  it('says when automated backups are off and nothing is pending', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'radio-db-test', BackupRetentionPeriod: 0, PendingModifiedValues: {} }],
    });
    const outcome = await commandRunner({ rds }).run('db status');
    expect(replyFields(outcome.reply)).toMatchObject({
      BackupRetentionPeriod: '0 days (automated backups are off)',
      PendingModifiedValues: 'none',
    });
  });

  it('names the IAM action and instance on AccessDenied', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied'));
    const outcome = await commandRunner({ rds }).run('db status');
    // Issue 10, item 6: an IAM refusal is `iam_denied`, a failure (was `denied` like a role refusal).
    expect(outcome).toMatchObject({ status: 'failed', code: 'iam_denied' });
    expect(outcome.reply.summary).toMatch(/AWS refused `rds:DescribeDBInstances` on `radio-db-test`/);
  });

  it('names the instance when it does not exist, and explains throttling', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(awsError('DBInstanceNotFoundFault'))
      .rejectsOnce(awsError('Throttling'));
    const { run } = commandRunner({ rds });
    expect((await run('db status')).reply.summary).toMatch(/Not found: `radio-db-test` \(DBInstanceNotFoundFault/);
    expect((await run('db status')).reply.summary).toMatch(/throttling `rds:DescribeDBInstances` \(tried 3 times\)/);
  });

  it('--dry-run and aws.mode dry-run show the exact input and call nothing', async () => {
    const dry = await commandRunner({ rds }).run('db status --dry-run');
    const forced = await commandRunner({
      rds,
      aws: { mode: 'dry-run', reason: 'aws.mode is dry-run in the configuration.' },
    }).run('db status');
    for (const outcome of [dry, forced]) {
      expect(outcome.status).toBe('succeeded');
      expect(replyText(outcome.reply)).toContain('RDS DescribeDBInstances\n{\n  "DBInstanceIdentifier": "radio-db"\n}');
    }
    expect(replyText(forced.reply)).toContain('aws.mode is dry-run');
    expect(rdsMock.calls()).toHaveLength(0);
  });

  it('answers not_configured without an RDS integration', async () => {
    const outcome = await commandRunner({}).run('db status');
    expect(outcome.reply.summary).toMatch(/RDS access is not set up/);
  });
});
