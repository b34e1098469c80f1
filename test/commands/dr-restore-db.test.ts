import { randomUUID } from 'node:crypto';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RestoreDBInstanceFromDBSnapshotCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { WebClient } from '@slack/web-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createDrRestoreDbCommand } from '../../src/commands/dr-restore-db.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createRdsOperations } from '../../src/integrations/rds/rds-operations.js';
import { createRdsWatchers } from '../../src/integrations/rds/rds-watchers.js';
import { createOperationPoller } from '../../src/operations/operation-poller.js';
import { createExecutor } from '../../src/pipeline/execute.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';
import type { DispatchOutcome } from '../../src/pipeline/dispatcher.js';
import { createSlackProgressNotifier } from '../../src/slack/slack-progress-notifier.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { replyText } from '../support/command-runner.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { silentLog } from '../support/fakes.js';
import { rdsError, restoredInstance, snapshotOf, SNAPSHOT_ID, sourceInstance } from '../support/rds-fixtures.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const COMMAND = 'dr restore-db';
const db = openWorkerDatabase('radio-ops-restore-test');
const store = createOperationStore(db);
const rdsMock = mockClient(RDSClient);
const rds = createRdsOperations(new RDSClient({ region: 'us-east-1' }), RadioConfig.parse({}));
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
  slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1741990${String(slack.requests.length).padStart(3, '0')}.000100`,
  }));
  slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
});
/** Operations this file's approvals started stay `polling`; end them so no other test's poller picks them up. */
afterAll(async () => {
  await db.query(
    `UPDATE operations SET status = 'done', finished_at = clock_timestamp()
    WHERE status = 'polling' AND approval_id IN (SELECT id FROM approval_requests WHERE command = $1)`,
    [COMMAND],
  );
  await slack.close();
  await db.close();
});
beforeEach(() => rdsMock.reset());

const newName = () => `radio-db-t${randomUUID().slice(0, 8)}`;
const notFound = () => rdsError('DBInstanceNotFoundFault', 'DBInstance not found');

/** RDS: the snapshot available, radio-db as the source, `name` free (for both plans), then `after` in order. */
function world(name: string, after: DBInstance[] = []) {
  rdsMock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [snapshotOf()] });
  rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
  rdsMock
    .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'radio-db' })
    .resolves({ DBInstances: [sourceInstance()] });
  const target = rdsMock
    .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: name })
    .rejectsOnce(notFound())
    .rejectsOnce(notFound());
  after.forEach((instance, index) =>
    index === after.length - 1
      ? target.resolves({ DBInstances: [instance] })
      : target.resolvesOnce({ DBInstances: [instance] }),
  );
  rdsMock.on(RestoreDBInstanceFromDBSnapshotCommand).callsFake((input: { DBInstanceIdentifier: string }) => ({
    DBInstance: restoredInstance(input.DBInstanceIdentifier, 'creating'),
  }));
  rdsMock.on(ModifyDBInstanceCommand).callsFake((input: { DBInstanceIdentifier: string }) => ({
    DBInstance: restoredInstance(input.DBInstanceIdentifier, 'available'),
  }));
}

const setup = () => approvalSetup(db, { integrations: { rds, aws: { mode: 'live' } }, operations: store });

/** alice asks; returns the approval id. */
async function requested(s: ReturnType<typeof setup>, line: string): Promise<string> {
  const outcome = await s.send(line, 'U0ALICE');
  if (outcome.status !== 'pending')
    throw new Error(`expected pending, got ${outcome.status}: ${outcome.reply.summary}`);
  return outcome.approvalId;
}

/** bob approves; returns the executed request. */
async function approved(s: ReturnType<typeof setup>, id: string) {
  const outcome: DispatchOutcome = await s.send(`approve ${id}`, 'U0BOB');
  if (outcome.status !== 'succeeded') throw new Error(`approve: ${outcome.status}: ${outcome.reply.summary}`);
  return (outcome.result as ApproveResult).record;
}

const restores = () => rdsMock.commandCalls(RestoreDBInstanceFromDBSnapshotCommand).map((call) => call.args[0].input);

describe('dr restore-db', () => {
  it("restores with the source instance's settings once bob approves: the exact RestoreDBInstanceFromDBSnapshot input", async () => {
    const name = newName();
    world(name);
    const s = setup();
    const id = await requested(s, `dr restore-db ${SNAPSHOT_ID} --as ${name} --reason "drill"`);
    expect(restores()).toEqual([]);
    const record = await approved(s, id);
    expect(record.status).toBe('succeeded');
    expect(restores()).toHaveLength(1);
    expect(rdsMock.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0]?.args[0].input).toEqual({
      DBInstanceIdentifier: name,
      DBSnapshotIdentifier: SNAPSHOT_ID,
      DBInstanceClass: 'db.r6g.large',
      DBSubnetGroupName: 'radio-private',
      VpcSecurityGroupIds: ['sg-0db', 'sg-0bastion'],
      DBParameterGroupName: 'radio-postgres15',
      OptionGroupName: 'default:postgres-15',
      MultiAZ: true,
      StorageType: 'gp3', // 100 GiB of gp3 runs at the baseline: no Iops or StorageThroughput may be given
      PubliclyAccessible: false,
      DeletionProtection: true,
      EnableIAMDatabaseAuthentication: true,
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      BackupRetentionPeriod: 7,
      PreferredBackupWindow: '03:00-03:30',
      CopyTagsToSnapshot: true,
      Tags: [{ Key: 'team', Value: 'radio' }], // aws:* tags are AWS's own and would be refused
    });
    expect((await s.chain(id)).map((row) => row.outcome)).toEqual(['requested', 'approved', 'started', 'succeeded']);
    const { rows } = await db.query(
      'SELECT kind, target, channel, thread_ts, status FROM operations WHERE approval_id = $1',
      [id],
    );
    expect(rows).toEqual([
      { kind: 'rds-restore', target: name, channel: 'C0EXAMPLE01', thread_ts: '1.0001', status: 'polling' },
    ]);
  });

  it("reports progress in the card's thread until available: one message posted then updated, monitoring applied, the endpoint last", async () => {
    const name = newName();
    world(name, [
      restoredInstance(name, 'creating'),
      restoredInstance(name, 'backing-up'),
      restoredInstance(name, 'available'),
      restoredInstance(name, 'modifying'),
      restoredInstance(name, 'available', true),
    ]);
    const s = setup();
    await approved(s, await requested(s, `dr restore-db ${SNAPSHOT_ID} --as ${name}`));
    const { rows } = await db.query<{ id: string }>('SELECT id FROM operations WHERE target = $1', [name]);
    const operationId = Number(rows[0]?.id);
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const poller = createOperationPoller({
      store,
      watchers: createRdsWatchers(rds, 'radio-db'),
      notifier: createSlackProgressNotifier(client),
      owner: randomUUID(),
      log: silentLog,
      backoff: () => 0,
      executor: createExecutor({ audit: s.audit, log: silentLog }),
    });
    for (let polls = 0; polls < 10 && (await store.get(operationId))?.status === 'polling'; polls++)
      await poller.tick();

    const endpoint = `${name}.c0abc.us-east-1.rds.amazonaws.com:5432`;
    const sent = slack.requests.filter((request) => String(request.body.text).includes(name));
    expect(sent.map((request) => [request.path, request.body.text])).toEqual([
      ['/api/chat.postMessage', `:hourglass_flowing_sand: ${name}: creating`],
      ['/api/chat.update', `:hourglass_flowing_sand: ${name}: backing-up`],
      [
        '/api/chat.update',
        `:hourglass_flowing_sand: ${name}: available, applying monitoring and Performance Insights settings (ModifyDBInstance)`,
      ],
      ['/api/chat.update', `:hourglass_flowing_sand: ${name}: modifying`],
      ['/api/chat.update', `:hourglass_flowing_sand: ${name}: available (endpoint ${endpoint})`],
      ['/api/chat.postMessage', `:white_check_mark: ${name}: available (endpoint ${endpoint})`],
    ]);
    expect(sent[0]?.body).toMatchObject({ channel: 'C0EXAMPLE01', thread_ts: '1.0001' });
    const updated = new Set(
      sent.filter((r) => r.path === '/api/chat.update').map((r) => `${String(r.body.channel)} ${String(r.body.ts)}`),
    );
    expect([...updated]).toEqual([expect.stringMatching(/^C0EXAMPLE01 1741990\d{3}\.000100$/)]); // the message posted, kept current
    expect(sent.at(-1)?.body).toMatchObject({ channel: 'C0EXAMPLE01', thread_ts: '1.0001' });
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand).map((call) => call.args[0].input)).toEqual([
      {
        DBInstanceIdentifier: name,
        MonitoringInterval: 60,
        MonitoringRoleArn: 'arn:aws:iam::123456789012:role/rds-monitoring-role',
        EnablePerformanceInsights: true,
        PerformanceInsightsKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/pi-key',
        PerformanceInsightsRetentionPeriod: 7,
        ApplyImmediately: true,
      },
    ]);
    expect(await store.get(operationId)).toMatchObject({ status: 'done', last_state: 'available' });
    // Issue 10, item 2: the follow-up write and the completion are audited, linked to the restore and its approval.
    const restore = await db.query<{ request_id: string; approval_id: string }>(
      `SELECT request_id::text, approval_id FROM operations WHERE id = $1`,
      [operationId],
    );
    const { rows: followUps } = await db.query<{
      outcome: string;
      command: string;
      user_id: string;
      approval_id: string;
      args: unknown;
      text: string;
    }>(
      `SELECT outcome, command, user_id, approval_id, args, text FROM audit_events WHERE parent_request_id = $1 ORDER BY id`,
      [restore.rows[0]?.request_id],
    );
    expect(followUps.map((row) => [row.outcome, row.command, row.user_id, row.approval_id])).toEqual([
      ['started', 'dr restore-db', 'U0ALICE', restore.rows[0]?.approval_id],
      ['succeeded', 'dr restore-db', 'U0ALICE', restore.rows[0]?.approval_id],
      ['succeeded', 'dr restore-db', 'U0ALICE', restore.rows[0]?.approval_id],
    ]);
    expect(followUps[0]?.text).toMatch(/^RDS ModifyDBInstance \(following `dr restore-db/);
    expect(followUps[0]?.args).toMatchObject({ DBInstanceIdentifier: name, ApplyImmediately: true });
    expect(followUps[2]?.text).toMatch(/^completed: /);
  });

  it.each([
    [
      'missing',
      () => rdsMock.on(DescribeDBSnapshotsCommand).rejects(rdsError('DBSnapshotNotFoundFault')),
      /Not found: `rds:radio-db-2025-03-14-03-10`/,
    ],
    [
      'not available',
      () =>
        rdsMock
          .on(DescribeDBSnapshotsCommand)
          .resolves({ DBSnapshots: [snapshotOf({ Status: 'creating', PercentProgress: 40 })] }),
      /is creating \(40%\): only an available snapshot/,
    ],
  ])('refuses a snapshot that is %s: no request, nothing restored', async (_case, arrange, message) => {
    arrange();
    const outcome = await setup().send(`dr restore-db ${SNAPSHOT_ID} --as ${newName()}`, 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(outcome.reply.summary).toMatch(message);
    expect(restores()).toEqual([]);
  });

  it.each([
    [
      'the snapshot is gone',
      () => rdsMock.on(DescribeDBSnapshotsCommand).rejects(rdsError('DBSnapshotNotFoundFault')),
      /Not run: Not found/,
    ],
    [
      'the snapshot was replaced',
      () =>
        rdsMock
          .on(DescribeDBSnapshotsCommand)
          .resolves({ DBSnapshots: [snapshotOf({ SnapshotCreateTime: new Date('2025-03-15T03:10:00Z') })] }),
      /was replaced since approval/,
    ],
    [
      'the source changed class',
      () =>
        rdsMock
          .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'radio-db' })
          .resolves({ DBInstances: [sourceInstance({ DBInstanceClass: 'db.r6g.xlarge' })] }),
      /settings to copy changed since approval: DBInstanceClass/,
    ],
  ])('does not run when, between request and approval, %s', async (_case, change, reason) => {
    const name = newName();
    world(name);
    const s = setup();
    const id = await requested(s, `dr restore-db ${SNAPSHOT_ID} --as ${name}`);
    change();
    const record = await approved(s, id);
    expect(record).toMatchObject({ status: 'refused' });
    expect(record.error).toMatch(reason);
    expect(restores()).toEqual([]);
  });

  it('does not run when another restore to the same name started meanwhile, and says so when RDS finds the name taken', async () => {
    const name = newName();
    world(name);
    const s = setup();
    const first = await requested(s, `dr restore-db ${SNAPSHOT_ID} --as ${name}`);
    rdsMock
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: name })
      .resolves({ DBInstances: [restoredInstance(name, 'creating')] });
    expect((await approved(s, first)).error).toMatch(
      /already exists \(creating\): another restore to this name is running/,
    );

    const other = newName();
    world(other);
    rdsMock
      .on(RestoreDBInstanceFromDBSnapshotCommand)
      .rejects(rdsError('DBInstanceAlreadyExistsFault', 'DB instance already exists'));
    const record = await approved(s, await requested(s, `dr restore-db ${SNAPSHOT_ID} --as ${other}`));
    expect(record.status).toBe('failed');
    expect(record.error).toMatch(
      new RegExp(`instance named \`${other}\` already exists: this restore already started`),
    );
  });

  it('names the new instance radio-db-restored-<yyyymmdd-hhmm> (UTC) from its clock, bound when asked', async () => {
    const command = createDrRestoreDbCommand(() => new Date('2025-03-14T09:07:59Z'));
    expect(bindArguments(command, [SNAPSHOT_ID]).args).toEqual({
      snapshot: SNAPSHOT_ID,
      as: 'radio-db-restored-20250314-0907',
    });
    expect(bindArguments(command, [SNAPSHOT_ID, '--as', 'Radio-DB-Drill']).args).toEqual({
      snapshot: SNAPSHOT_ID,
      as: 'radio-db-drill',
    });
    expect(() => bindArguments(command, [SNAPSHOT_ID, '--as', 'radio--db'])).toThrow(/instance name/);

    world('unused');
    const s = setup();
    const id = await requested(s, `dr restore-db ${SNAPSHOT_ID}`);
    const stored = (await s.service.get(id))?.args as { as: string };
    expect(stored.as).toMatch(/^radio-db-restored-\d{8}-\d{4}$/);
    await approved(s, id);
    expect(restores()[0]?.DBInstanceIdentifier).toBe(stored.as); // the name on the card, however late the approval
  });

  it('shows the restore and the follow-up ModifyDBInstance in a dry run, without asking anyone', async () => {
    const name = newName();
    world(name);
    const outcome = await setup().send(`dr restore-db ${SNAPSHOT_ID} --as ${name} --dry-run`, 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('RDS RestoreDBInstanceFromDBSnapshot');
    expect(shown).toContain('RDS ModifyDBInstance');
    expect(shown).toContain('"MonitoringInterval": 60');
    expect(restores()).toEqual([]);
  });
});
