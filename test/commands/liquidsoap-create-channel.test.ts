// `liquidsoap create-channel <slug>` end to end on the real test station: Liquidsoap 2.1.3 whose script registers
// `create_channel` (server.register) and a real Icecast 2.4.4. After the command, `/electro` comes on air.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liquidsoapModule } from '../../src/integrations/liquidsoap/liquidsoap-module.js';
import { commandRunner, replyText } from '../support/command-runner.js';
import { integrationContext } from '../support/integration-context.js';
import { startTestStation, waitForOnAir, type TestStation } from '../support/test-station.js';

let station: TestStation;
beforeAll(async () => {
  station = await startTestStation({ createChannel: true });
}, 120_000);
afterAll(() => station?.stop(), 30_000);

const mounts = async () => (await station.integrations.icecast.stats()).mounts.map((mount) => mount.mount);

describe('liquidsoap create-channel', () => {
  it('--dry-run shows the exact line and starts nothing', async () => {
    const { run } = commandRunner(station.integrations, station.yaml);
    const result = await run('liquidsoap create-channel electro --dry-run');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    expect(replyText(result.reply)).toContain('create_channel electro');
    expect(await mounts()).not.toContain('/electro');
  });

  it("sends the station's own command: /electro comes on air in Icecast; a second time says it exists", async () => {
    const { run } = commandRunner(station.integrations, station.yaml);
    const result = await run('liquidsoap create-channel electro');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    expect(replyText(result.reply)).toContain('create_channel electro');
    await waitForOnAir(station.integrations.icecast, ['/electro']);
    const again = await run('liquidsoap create-channel electro');
    expect(again.status, replyText(again.reply)).toBe('succeeded');
    expect(replyText(again.reply)).toMatch(/already has an output `?electro`?.*nothing changed/i);
  });

  it('refuses a slug that is not a channel slug before sending anything', async () => {
    const { run } = commandRunner(station.integrations, station.yaml);
    const result = await run('liquidsoap create-channel "electro shutdown"');
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toMatch(/channel slug/);
  });

  it('says what to set when the station has no create-channel template, sending nothing', async () => {
    const { createChannel: _template, ...server } = station.yaml.station.liquidsoap as Record<string, unknown>;
    const yaml = { station: { ...station.yaml.station, liquidsoap: server } };
    const liquidsoap = liquidsoapModule.create(integrationContext({ yaml }).context);
    const { run } = commandRunner({ ...station.integrations, liquidsoap }, yaml);
    const result = await run('liquidsoap create-channel house');
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toContain('station.liquidsoap.createChannel');
    expect((await station.integrations.liquidsoap.commands()).outputs).not.toContain('house');
  });
});
