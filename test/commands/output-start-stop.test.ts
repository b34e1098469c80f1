// `output stop|start <channel>` on a Liquidsoap >= 2.4.1 (recorded `help`, a fake line server recording every byte):
// start is a write, stop waits for a second person (approval service on this worker's real Postgres).
// The real 2.1.3 answer (no start/stop) is tested against the real server in station-writes.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createLiquidsoapOperations } from '../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { replyText } from '../support/command-runner.js';
import { startFakeLiquidsoap, type FakeLiquidsoap } from '../support/fake-liquidsoap.js';
import { silentLog } from '../support/fakes.js';
import { openWorkerDatabase } from '../support/worker-db.js';

/** A recorded `help` answer's body (the fake adds Liquidsoap's `\r\nEND\r\n` itself). */
const help = (version: string) =>
  readFileSync(new URL(`../fixtures/liquidsoap/help-${version}.txt`, import.meta.url), 'utf8').replace(
    /\r\nEND\r\n$/,
    '',
  );

const db = openWorkerDatabase('radio-ops-output-start-stop-test');
let fake: FakeLiquidsoap;
let setup: ReturnType<typeof approvalSetup>;
let liquidsoap: ReturnType<typeof createLiquidsoapOperations>;
beforeAll(async () => {
  fake = await startFakeLiquidsoap({
    help: help('2.4.1'),
    version: 'Liquidsoap 2.4.1',
    'rap.start': 'Done',
    'rap.stop': 'Done',
  });
  const config = RadioConfig.parse({
    slack: { teamId: 'T0EXAMPLE', channels: [] },
    roles: { viewer: ['*'], operator: ['U0ALICE', 'U0BOB'], approver: ['U0BOB'] },
    approvals: { ttl: '30m', quorum: 1 },
  });
  liquidsoap = createLiquidsoapOperations({
    host: fake.host,
    port: fake.port,
    pushAllowList: [],
    timeouts: { connectMs: 2000, replyMs: 2000 },
  });
  const channels = createChannelDirectory({
    stationDb: { radioChannels: async () => undefined },
    channels: [{ slug: 'rap', mount: '/rap.mp3', output: 'rap', hlsPath: 'hls/rap/' }],
    log: silentLog,
  });
  setup = approvalSetup(db, { config, integrations: { liquidsoap, channels } });
});
afterAll(async () => {
  await fake.close();
  await db.close();
});

/** The write lines (`<id>.start`/`.stop`) sent since connection `from`. */
async function linesSince(from: number): Promise<string[]> {
  await expect.poll(() => fake.received.slice(from).every((bytes) => bytes.toString().endsWith('quit\n'))).toBe(true);
  return fake.received
    .slice(from)
    .map((bytes) => bytes.toString('utf8'))
    .filter((bytes) => /\.(start|stop)\n/.test(bytes));
}

describe('output start|stop on Liquidsoap 2.4.1', () => {
  it('starts the output at once (a write), sending exactly `rap.start`', async () => {
    const from = fake.accepted;
    const started = await setup.send('output start rap', 'U0ALICE');
    if (started.status !== 'succeeded') throw new Error(replyText(started.reply));
    expect(started.reply.summary).toBe('Started Liquidsoap output rap');
    expect(await linesSince(from)).toEqual(['rap.start\nquit\n']);
  });

  it('stops the output only once a second person approves, sending exactly `rap.stop`', async () => {
    const from = fake.accepted;
    const requested = await setup.send('output stop rap', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending: ${replyText(requested.reply)}`);
    expect(await linesSince(from)).toEqual([]); // nothing stopped before approval

    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(approved.status).toBe('succeeded');
    expect(await linesSince(from)).toEqual(['rap.stop\nquit\n']);
    expect((await setup.chain(requested.approvalId)).map((row) => row.outcome)).toEqual([
      'requested',
      'approved',
      'started',
      'succeeded',
    ]);
  });

  it('refuses an output Liquidsoap does not list, sending nothing', async () => {
    const channels = createChannelDirectory({
      stationDb: { radioChannels: async () => undefined },
      channels: [{ slug: 'talk', mount: '/talk.mp3', output: 'talk', hlsPath: 'hls/talk/' }],
      log: silentLog,
    });
    const talk = approvalSetup(db, { config: setup.config, integrations: { liquidsoap, channels } });
    const from = fake.accepted;
    const refused = await talk.send('output start talk', 'U0ALICE');
    expect(refused).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(replyText(refused.reply)).toContain('has no output talk');
    expect(await linesSince(from)).toEqual([]);
  });
});
