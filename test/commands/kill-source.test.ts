// `kill-source <channel>` against the real test station (Icecast 2.4.4, Liquidsoap 2.1.3 reconnecting after 1 s),
// approved by a second person through the approval service on this worker's real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/approvals/approval-card.js';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import { killSourceCommand, type KillSourceResult } from '../../src/commands/kill-source.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { icecastModule } from '../../src/integrations/icecast/icecast-module.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { mountOf } from '../../src/station/channel-on-air.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { replyText } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';
import { startTestListener } from '../support/icecast-clients.js';
import { integrationContext } from '../support/integration-context.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-kill-source-test');
let station: TestStation;
let setup: ReturnType<typeof approvalSetup>;
let config: RadioConfig;
beforeAll(async () => {
  station = await startTestStation();
  config = RadioConfig.parse({
    ...station.yaml,
    slack: { teamId: 'T0EXAMPLE', channels: [] },
    roles: { viewer: ['*'], operator: ['U0ALICE', 'U0BOB'], approver: ['U0BOB'] },
    approvals: { ttl: '30m', quorum: 1 },
  });
  setup = approvalSetup(db, { config, integrations: station.integrations });
}, 120_000);
afterAll(async () => {
  await station?.stop();
  await db.close();
}, 30_000);

const rapMount = async () => mountOf(await station.integrations.icecast.stats(), { mount: '/rap.mp3' });

describe('kill-source', () => {
  it('waits for approval, then drops the source and its listener; the mount comes back with a new stream_start', async () => {
    const listener = await startTestListener(station.icecast, '/rap.mp3');
    await expect.poll(async () => (await rapMount())?.listeners).toBe(1);
    const before = (await rapMount())?.streamStart;

    const requested = await setup.send('kill-source rap', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending: ${replyText(requested.reply)}`);
    const record = await createApprovalStore(db).get(requested.approvalId);
    const card = renderTerminal(approvalCard(record!, new Date()));
    expect(card).toMatch(new RegExp(`stream_start +${before?.toISOString()}`));
    expect(card).toMatch(/listeners +1\n/);
    expect(card).toContain('Icecast GET /admin/killsource');
    expect(card).toContain('Liquidsoap reconnects within seconds');
    expect((await rapMount())?.streamStart).toEqual(before); // nothing happens before a second person approves

    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    if (approved.status !== 'succeeded') throw new Error(`expected succeeded: ${replyText(approved.reply)}`);
    await listener.closed; // Icecast dropped it with the source
    const after = (await rapMount())?.streamStart;
    expect(after?.getTime()).toBeGreaterThan(before?.getTime() ?? Infinity);
    // The result as the card's thread shows it.
    const result = (await createApprovalStore(db).get(requested.approvalId))?.result as KillSourceResult;
    expect(result).toMatchObject({ back: true, newStreamStart: after?.toISOString(), listenersDropped: 1 });
    expect(replyText(killSourceCommand.present(result, { channel: 'rap' }))).toContain(
      `back on air: new stream_start ${after?.toISOString()}`,
    );
    expect((await setup.chain(requested.approvalId)).map((row) => row.outcome)).toEqual([
      'requested',
      'approved',
      'started',
      'succeeded',
    ]);
  }, 60_000);

  it('refuses the approved kill when the mount restarted since the request (a new stream_start)', async () => {
    const requested = await setup.send('kill-source rap', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending: ${replyText(requested.reply)}`);
    const before = (await rapMount())?.streamStart;
    await station.integrations.icecast.killSource('/rap.mp3'); // someone else restarted it meanwhile
    await expect
      .poll(async () => (await rapMount())?.streamStart?.getTime(), { timeout: 15_000 })
      .toBeGreaterThan(before?.getTime() ?? Infinity);
    const restarted = (await rapMount())?.streamStart;

    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(replyText(approved.reply)).toContain('approved, but not run: the situation changed');
    expect((await rapMount())?.streamStart).toEqual(restarted); // not killed again
    expect((await setup.chain(requested.approvalId)).at(-1)).toMatchObject({
      outcome: 'invalid',
      error: expect.stringContaining('`/rap.mp3` restarted since the request'),
    });
  }, 60_000);

  it('counts the listeners dropped at the kill, not those at the request', async () => {
    await expect.poll(async () => (await rapMount())?.listeners).toBe(0);
    const requested = await setup.send('kill-source rap', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending: ${replyText(requested.reply)}`);
    const listener = await startTestListener(station.icecast, '/rap.mp3'); // joins while the request waits
    await expect.poll(async () => (await rapMount())?.listeners).toBe(1);

    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    if (approved.status !== 'succeeded') throw new Error(`expected succeeded: ${replyText(approved.reply)}`);
    await listener.closed;
    const result = (await createApprovalStore(db).get(requested.approvalId))?.result as KillSourceResult;
    expect(result).toMatchObject({ back: true, listenersDropped: 1 });
  }, 60_000);

  it('without ICECAST_ADMIN_PASSWORD answers "not configured" at once: nobody is asked to approve what cannot run', async () => {
    const { context } = integrationContext({ yaml: station.yaml, settings: { aws: { mode: 'live' } } });
    const icecast = icecastModule.create(context);
    const publicOnly = approvalSetup(db, { config, integrations: { ...station.integrations, icecast } });
    const outcome = await publicOnly.send('kill-source rap', 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'refused', code: 'not_configured' });
    expect(replyText(outcome.reply)).toContain('ICECAST_ADMIN_PASSWORD');
  }, 30_000);

  it('refuses a channel that is off air: nothing to kill, nobody asked to approve', async () => {
    const channels = createChannelDirectory({
      stationDb: { radioChannels: async () => undefined },
      channels: [{ slug: 'talk', mount: '/talk.mp3', output: 'talk', hlsPath: 'hls/talk/' }],
      log: silentLog,
    });
    const talk = approvalSetup(db, { config, integrations: { ...station.integrations, channels } });
    const outcome = await talk.send('kill-source talk', 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(replyText(outcome.reply)).toContain('/talk.mp3 has no source');
  }, 30_000);
});
