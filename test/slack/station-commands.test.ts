// RDS, S3, CloudWatch and Redis commands through the real server and a signed slash command: the
// server's own AWS clients are mocked (aws-sdk-client-mock mocks every instance of a client class),
// and its Redis is the real local one (REDIS_URL from the harness).
import { randomUUID } from 'node:crypto';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { testRedisUrl } from '../support/test-redis.js';

const rdsMock = mockClient(RDSClient);
const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
// The harness' Redis database; user ids unique to this run keep its keys apart from everyone else's.
const redis = new Redis(testRedisUrl('slack-server-harness'), { lazyConnect: true });
const user = `T${randomUUID().slice(0, 8).toUpperCase()}`;
const key = (channel: string) => `rate_limit:user:${user}:${channel}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await redis.unlink(key('rap'), key('jazz'));
  await redis.quit();
  await h.close();
});

const marker = () => `test-${randomUUID()}`;

/** Sends `/radio <text> --reason <marker>`; returns the reply's text and blocks as one string, and the audit rows. */
async function ask(text: string) {
  const reason = marker();
  const { ack, reply } = await h.slash(`${text} --reason ${reason}`);
  expect(ack.status).toBe(200);
  const message = await reply();
  return {
    shown: `${String(message.text)}\n${JSON.stringify(message.blocks)}`,
    message,
    rows: await h.auditRows(reason),
  };
}

describe('station commands over Slack', () => {
  it('db status: DescribeDBInstances for the configured instance', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'radio-db',
          DBInstanceStatus: 'available',
          DBInstanceClass: 'db.t4g.medium',
          PendingModifiedValues: {},
        },
      ],
    });
    const { shown, message, rows } = await ask('db status');
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)[0]?.args[0].input).toEqual({
      DBInstanceIdentifier: 'radio-db',
    });
    expect(message.response_type).toBe('in_channel');
    expect(shown).toContain('db.t4g.medium');
    expect(rows.map((row) => [row.outcome, row.command])).toEqual([
      ['started', 'db status'],
      ['succeeded', 'db status'],
    ]);
  });

  it('s3 channels: ListObjectsV2 on the configured bucket', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ CommonPrefixes: [{ Prefix: 'audio/rap/' }, { Prefix: 'audio/jazz/' }] });
    const { shown } = await ask('s3 channels');
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({
      Bucket: 'radio-audio-bucket',
      Prefix: 'audio/',
      Delimiter: '/',
    });
    expect(shown).toContain('audio/jazz/');
  });

  it('alarms --state ALARM: DescribeAlarms with StateValue', async () => {
    cloudwatchMock.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'radio-db-cpu-high',
          StateValue: 'ALARM',
          StateReason: 'Threshold Crossed',
          StateUpdatedTimestamp: new Date('2025-03-14T21:15:37Z'),
          Namespace: 'AWS/RDS',
          MetricName: 'CPUUtilization',
        },
      ],
    });
    const { shown } = await ask('alarms --state ALARM');
    expect(cloudwatchMock.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toMatchObject({ StateValue: 'ALARM' });
    expect(shown).toContain('radio-db-cpu-high');
  });

  it('cache memory and ratelimit show/clear on the station Redis', async () => {
    expect((await ask('cache memory')).shown).toContain('maxmemory_policy');
    await redis.set(key('rap'), '12', 'EX', 600);
    await redis.set(key('jazz'), '4');
    expect((await ask(`ratelimit show ${user} rap`)).shown).toContain('12');
    const cleared = await ask(`ratelimit clear ${user}`);
    expect(cleared.shown).toContain('Deleted 2 keys');
    expect(cleared.rows.map((row) => [row.outcome, row.risk])).toEqual([
      ['started', 'write'],
      ['succeeded', 'write'],
    ]);
    expect(await redis.exists(key('rap'), key('jazz'))).toBe(0);
  });
});
