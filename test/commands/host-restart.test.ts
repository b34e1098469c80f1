// host restart on the real test station: Run Command is mocked at the AWS edge (its "restart" disconnects a real
// Icecast source), the on-air check reads the real Icecast; approvals on this worker's real Postgres.
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createHostRestartCommand } from '../../src/commands/host-restart.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { Plan } from '../../src/pipeline/command.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { createCooldowns } from '../../src/station/cooldowns.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { shown } from '../support/aws-command-harness.js';
import { commandRunner, replyText } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';
import { HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-host-restart-test');
// A second pool on the same database: another replica (or the bot after a restart) with its own memory.
const replicaDb = openWorkerDatabase('radio-ops-host-restart-replica');
let station: TestStation;
beforeAll(async () => {
  await db.query(`DELETE FROM cooldowns WHERE key LIKE 'host-restart:%'`);
  station = await startTestStation();
}, 120_000);
afterAll(async () => {
  await station?.stop();
  await db.close();
  await replicaDb.close();
}, 30_000);
const cooldownRow = async (unit: string) =>
  (await db.query<{ until: Date }>('SELECT until FROM cooldowns WHERE key = $1', [`host-restart:${unit}`])).rows[0];

const m = mockedHost();
const config = RadioConfig.parse({
  slack: { teamId: 'T0EXAMPLE', channels: [] },
  roles: { viewer: ['*'], operator: ['U0ALICE', 'U0BOB'], approver: ['U0BOB'] },
  approvals: { ttl: '30m', quorum: 1 },
  deadlines: { command: '2m' },
});
const setup = (cooldownsDb = db) =>
  approvalSetup(db, {
    config,
    integrations: {
      host: m.host,
      cooldowns: createCooldowns(cooldownsDb),
      icecast: station.integrations.icecast,
      channels: station.integrations.channels,
      aws: { mode: 'live' },
    },
  });
const sent = () => m.ssmMock.commandCalls(SendCommandCommand).map((call) => call.args[0].input);
const restartInput = (unit: string) => ({
  DocumentName: 'AWS-RunShellScript',
  InstanceIds: [HOST_ID],
  Comment: `radio-ops host restart ${unit}`,
  Parameters: { commands: [`systemctl restart '${unit}' && systemctl is-active '${unit}'`], executionTimeout: ['60'] },
});

beforeEach(() => {
  m.reset();
  m.instancesAre(hostInstance());
  m.ssmMock.on(GetCommandInvocationCommand).resolves({
    Status: 'Success',
    StatusDetails: 'Success',
    ResponseCode: 0,
    StandardOutputContent: 'active\n',
  });
});

async function request(s: ReturnType<typeof setup>, line: string) {
  const outcome = await s.send(line, 'U0ALICE');
  if (outcome.status !== 'pending')
    throw new Error(`expected pending, got ${outcome.status}: ${outcome.reply.summary}`);
  return outcome.approvalId;
}
const approve = async (s: ReturnType<typeof setup>, id: string) => {
  const outcome = await s.send(`approve ${id}`, 'U0BOB');
  return outcome.status === 'succeeded' ? (outcome.result as ApproveResult).record : undefined;
};

describe('host restart', () => {
  it('sends the fixed systemctl line only once approved, follows it, and waits until the dropped mount is back on air', async () => {
    const before = await station.integrations.icecast.stats();
    const jazzStart = before.mounts.find((mount) => mount.mount === '/jazz.ogg')?.streamStart;
    // The "restart": Liquidsoap's jazz source is disconnected for real; it reconnects on its own.
    m.ssmMock.on(SendCommandCommand).callsFake(async () => {
      await station.integrations.icecast.killSource('/jazz.ogg');
      return { Command: { CommandId: 'cmd-restart' } };
    });
    const s = setup();
    const id = await request(s, 'host restart liquidsoap');
    const plan = (await s.service.get(id))?.plan as Plan;
    expect(plan.calls[0]).toEqual({ service: 'SSM', operation: 'SendCommand', input: restartInput('liquidsoap') });
    expect(plan.warnings[0]).toMatch(/^Every mount drops while liquidsoap restarts/);
    expect(sent()).toEqual([]);

    const record = await approve(s, id);
    expect(record?.status).toBe('succeeded');
    expect(sent()).toEqual([restartInput('liquidsoap')]);
    const result = record?.result as { onAir: { back: { slug: string }[]; missing: unknown[] }; output: string };
    expect(result.onAir.missing).toEqual([]);
    expect(result.onAir.back.map((channel) => channel.slug)).toEqual(['rap', 'jazz']);
    expect(result.output).toBe('active');
    const after = await station.integrations.icecast.stats();
    expect(after.mounts.find((mount) => mount.mount === '/jazz.ogg')?.streamStart).not.toEqual(jazzStart);
    const row = await cooldownRow('liquidsoap');
    expect(row?.until.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
  }, 60_000);

  it('refuses a second restart of the unit within host.restartCooldown on another replica, and sends nothing', async () => {
    const outcome = await setup(replicaDb).send('host restart liquidsoap', 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(outcome.reply.summary).toMatch(
      /^`host restart liquidsoap` ran within host.restartCooldown \(10m\): the next one may run at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in \d+m.*\)\. Nothing was sent\.$/,
    );
    expect(sent()).toEqual([]);
  });

  it('refuses at approval when another replica restarted the unit after the request, and sends nothing', async () => {
    const s = setup();
    const id = await request(s, 'host restart icecast2');
    const elsewhere = await createCooldowns(replicaDb).claim('host-restart:icecast2', 60_000);
    expect(elsewhere.claimed).toBe(true);
    expect(await approve(s, id)).toMatchObject({
      status: 'refused',
      error: expect.stringContaining('`host restart icecast2` ran within host.restartCooldown (10m)'),
    });
    expect(sent()).toEqual([]);
    await db.query(`DELETE FROM cooldowns WHERE key = 'host-restart:icecast2'`);
  });

  it('gives the cooldown back when Systems Manager refused the command (nothing ran)', async () => {
    m.ssmMock.on(SendCommandCommand).rejects(Object.assign(new Error('bad'), { name: 'InvalidInstanceId' }));
    const s = setup();
    const id = await request(s, 'host restart icecast2');
    expect((await approve(s, id))?.error).toContain("Systems Manager can't run commands on");
    expect(sent()).toEqual([restartInput('icecast2')]);
    expect(await cooldownRow('icecast2')).toBeUndefined();
  });

  it('refuses a unit outside host.units and a stopped host before asking anyone', async () => {
    const s = setup();
    const outside = await s.send('host restart sshd', 'U0ALICE');
    expect(outside).toMatchObject({ status: 'refused', code: 'usage' });
    expect(outside.reply.summary).toContain('`sshd` is not in host.units (liquidsoap, icecast2)');
    m.instancesAre(hostInstance({ State: { Name: 'stopped' } }));
    const stopped = await s.send('host restart icecast2', 'U0ALICE');
    expect(stopped.reply.summary).toBe(`The host ${HOST_ID} is stopped: nothing to restart on it. Nothing was sent.`);
    expect(sent()).toEqual([]);
  });

  it('does not run when the tagged host changed between request and approval', async () => {
    const s = setup();
    const id = await request(s, 'host restart icecast2');
    m.instancesAre(hostInstance({ InstanceId: 'i-0rebuilt' }));
    expect(await approve(s, id)).toMatchObject({
      status: 'refused',
      error: `Not run: The host is now i-0rebuilt, not the ${HOST_ID} shown when this was approved.`,
    });
    expect(sent()).toEqual([]);
  });
});

describe('host restart --dry-run', () => {
  it('shows the exact calls on the tagged host, or its lookup first where AWS only plans, and sends nothing', async () => {
    const live = await commandRunner({ host: m.host }).run('host restart icecast2 --dry-run');
    expect(live.status).toBe('succeeded');
    expect(replyText(live.reply)).toContain(`Host: ${HOST_ID} (running, t3.medium, us-east-1a)`);
    expect(replyText(live.reply)).toContain(
      "Cooldown: not checked: the bot's database is not set up here (a run needs it for host.restartCooldown)",
    );
    expect(shown(live.reply)).toContain("systemctl restart 'icecast2' && systemctl is-active 'icecast2'");
    m.ec2Mock.reset();
    const offline = await commandRunner({ host: m.host, aws: { mode: 'dry-run', reason: 'aws.mode is dry-run' } }).run(
      'host restart icecast2 --dry-run',
    );
    const text = shown(offline.reply);
    expect(text).toMatch(/EC2 DescribeInstances[\s\S]*SSM SendCommand[\s\S]*<InstanceId of the tagged instance>/);
    expect(text).toContain('not read: aws.mode is dry-run');
    expect(m.ec2Mock.calls()).toHaveLength(0);
    expect(sent()).toEqual([]);
  });
});

describe('host restart run, on the real Icecast with a virtual clock', () => {
  const plan = { current: [], calls: [], warnings: [], state: { instanceId: HOST_ID, unit: 'icecast2' } };
  const context = (channels = station.integrations.channels) => ({
    args: { unit: 'icecast2' },
    config,
    integrations: {
      host: m.host,
      icecast: station.integrations.icecast,
      channels,
      cooldowns: createCooldowns(db),
    } as never,
    invocation: { requestId: 'r', source: 'shell' as const, userId: 'U0ALICE', text: 'host restart icecast2' },
    idempotencyKey: 'r',
    plan,
  });

  beforeEach(async () => {
    await db.query(`DELETE FROM cooldowns WHERE key = 'host-restart:icecast2'`);
  });

  it('says which channels are still off air after the bounded checks', async () => {
    m.ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-2' } });
    const withNews = createChannelDirectory({
      stationDb: { radioChannels: async () => undefined },
      channels: RadioConfig.parse({
        station: {
          ...station.yaml.station,
          channels: [...(station.yaml.station.channels as unknown[]), { slug: 'news', mount: '/news.mp3' }],
        },
      }).station.channels,
      log: silentLog,
    });
    const command = createHostRestartCommand({
      clock: manualClock(),
      onAirPolling: { intervalMs: 1_000, maxPolls: 3 },
    });
    const result = await command.run(context(withNews));
    expect(result.onAir).toEqual({
      back: [
        { slug: 'rap', mount: '/rap.mp3' },
        { slug: 'jazz', mount: '/jazz.ogg' },
      ],
      missing: [{ slug: 'news', mount: '/news.mp3' }],
      polls: 3,
    });
    expect(command.present(result, { unit: 'icecast2' }).summary).toBe(
      `icecast2 restarted on ${HOST_ID}; not back on air: news (/news.mp3)`,
    );
  });

  it('refuses to run without the bot database rather than restart without a shared cooldown', async () => {
    const { cooldowns: _none, ...withoutDb } = context().integrations as unknown as Record<string, unknown>;
    const command = createHostRestartCommand({ clock: manualClock() });
    await expect(command.run({ ...context(), integrations: withoutDb as never })).rejects.toMatchObject({
      code: 'not_configured',
      message: expect.stringContaining("`host restart` needs the bot's database for its cooldown"),
    });
    expect(sent()).toEqual([]);
  });

  it("fails in words with systemd's message when the restart failed on the host", async () => {
    m.ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-3' } });
    m.ssmMock.on(GetCommandInvocationCommand).resolves({
      Status: 'Failed',
      StatusDetails: 'Failed',
      ResponseCode: 1,
      StandardErrorContent: 'Job for icecast2.service failed because the control process exited with error code.\n',
    });
    const command = createHostRestartCommand({ clock: manualClock() });
    await expect(command.run(context())).rejects.toMatchObject({
      code: 'unavailable',
      message: `systemctl restart icecast2 on ${HOST_ID} ended Failed (exit 1, Run Command cmd-3): Job for icecast2.service failed because the control process exited with error code.`,
    });
  });
});
