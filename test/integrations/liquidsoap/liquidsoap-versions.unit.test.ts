// Issue 14, Liquidsoap item 4: output start/stop/status exist only on some versions. A fake server answers
// `help` with the recorded 2.1.3 listing or the 2.4.1 / 2.4.4 listings, and the client is asked what it can do.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiquidsoapOperations } from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { startFakeLiquidsoap, type FakeAnswer, type FakeLiquidsoap } from '../../support/fake-liquidsoap.js';

const helpOf = (version: string) => {
  const raw = readFileSync(new URL(`../../fixtures/liquidsoap/help-${version}.txt`, import.meta.url), 'utf8');
  return raw.slice(0, raw.indexOf('\r\nEND\r\n'));
};

const fakes: FakeLiquidsoap[] = [];
afterAll(() => Promise.all(fakes.map((fake) => fake.close())));

async function station(version: string, answers: Record<string, FakeAnswer> = {}) {
  const fake = await startFakeLiquidsoap({ help: helpOf(version), version: `Liquidsoap ${version}`, ...answers });
  fakes.push(fake);
  const ops = createLiquidsoapOperations({
    host: fake.host,
    port: fake.port,
    pushAllowList: [],
    timeouts: { connectMs: 2_000, replyMs: 2_000 },
  });
  return { fake, ops };
}

describe('output start and stop, by version', () => {
  it('2.1.3 lists none; asking anyway is a precondition that says which versions have them', async () => {
    const { ops, fake } = await station('2.1.3');
    expect((await ops.commands()).startStop).toEqual([]);
    const error: unknown = await ops.outputStop('rap').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'precondition', fault: 'unknown-command', command: 'rap.stop' });
    expect((error as Error).message).toMatch(/outputs have start and stop in Liquidsoap 1\.x and from 2\.4\.1/);
    await expect.poll(() => fake.received[1]?.toString()).toBe('rap.stop\nquit\n');
  });

  it('2.4.1 lists them for both outputs, and start and stop send `<id>.start` / `<id>.stop`', async () => {
    const { ops, fake } = await station('2.4.1', { 'rap.start': 'Done', 'jazz.stop': 'Done' });
    expect(await ops.commands()).toMatchObject({ startStop: ['jazz', 'rap'], status: [] });
    await ops.outputStart('rap');
    await ops.outputStop('jazz');
    await expect
      .poll(() => fake.received.slice(1).map((bytes) => bytes.toString()))
      .toEqual(['rap.start\nquit\n', 'jazz.stop\nquit\n']);
  });

  it('2.4.4 also has status: `on` or `off`', async () => {
    const { ops } = await station('2.4.4', { 'rap.status': 'on', 'jazz.status': 'off' });
    expect((await ops.commands()).status).toEqual(['jazz', 'rap']);
    expect(await ops.outputStatus('rap')).toBe('on');
    expect(await ops.outputStatus('jazz')).toBe('off');
  });

  it('2.4.1 has no status: asking is a precondition naming 2.4.3', async () => {
    const { ops } = await station('2.4.1');
    await expect(ops.outputStatus('rap')).rejects.toThrow(/outputs have status from Liquidsoap 2\.4\.3/);
  });

  it('an answer other than Done is the command refusing, not a success', async () => {
    const { ops } = await station('2.4.1', { 'rap.start': 'Error: output is shutting down' });
    await expect(ops.outputStart('rap')).rejects.toMatchObject({
      code: 'unavailable',
      fault: 'error-reply',
      message: expect.stringMatching(/refused `rap.start`: Error: output is shutting down/),
    });
  });
});
