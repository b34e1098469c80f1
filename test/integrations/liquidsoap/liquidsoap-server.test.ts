// Issue 14, Liquidsoap item 4: the client against a real Liquidsoap 2.1.3 (test/support/liquidsoap-server.ts),
// one per file, with a 1 s idle timeout so the server's idle close is seen without waiting 30 s.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIQUIDSOAP_TIMEOUTS } from '../../../src/integrations/liquidsoap/liquidsoap-exchange.js';
import {
  createLiquidsoapOperations,
  type LiquidsoapOperations,
} from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { parseHelp } from '../../../src/integrations/liquidsoap/liquidsoap-replies.js';
import { startLiquidsoap, type LiquidsoapServer } from '../../support/liquidsoap-server.js';

let server: LiquidsoapServer;
let ops: LiquidsoapOperations;
let audio: string;
beforeAll(async () => {
  server = await startLiquidsoap({ idleTimeoutSeconds: 1 });
  audio = join(server.dir, 'audio');
  mkdirSync(audio);
  writeFileSync(join(audio, 'beep.wav'), sineWav(0.5));
  ops = createLiquidsoapOperations({
    host: server.host,
    port: server.port,
    pushAllowList: [`${audio}/`],
    timeouts: DEFAULT_LIQUIDSOAP_TIMEOUTS,
  });
}, 120_000);
afterAll(() => server?.stop(), 30_000);

/** A mono 16-bit PCM WAV of a 880 Hz tone, `seconds` long (what Liquidsoap decodes without any plugin). */
function sineWav(seconds: number, rate = 8_000): Buffer {
  const samples = Math.round(seconds * rate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8_000 * Math.sin((2 * Math.PI * 880 * i) / rate)), 44 + i * 2);
  return wav;
}

/** The newest metadata chunk `rap` sent, once there is one. */
async function newest(output = 'rap') {
  await expect.poll(async () => (await ops.metadata(output)).length, { timeout: 10_000 }).toBeGreaterThan(0);
  return (await ops.metadata(output))[0] ?? {};
}

describe('a real Liquidsoap 2.1.3', () => {
  it('says its version, uptime and commands: the outputs, the queue, and no output start/stop', async () => {
    expect(await ops.version()).toBe('Liquidsoap 2.1.3');
    expect((await ops.uptime()).seconds).toBeGreaterThanOrEqual(0);
    const commands = await ops.commands();
    expect(commands).toMatchObject({ outputs: ['jazz', 'rap'], queues: ['rap_queue'], startStop: [], status: [] });
    // The recorded listing the unit tests read is what this server says.
    const recorded = readFileSync(new URL('../../fixtures/liquidsoap/help-2.1.3.txt', import.meta.url), 'utf8');
    expect(commands.names).toEqual(parseHelp(recorded).names);
    // An endless sine has no remaining time once it plays; right after start (seen on a loaded CI run) it says 0.
    await expect.poll(() => ops.remaining('rap'), { timeout: 10_000 }).toBeUndefined();
  });

  it('skip ends the track: the newest title changes', async () => {
    const before = (await newest()).title;
    expect(before).toMatch(/^rap tone \d+$/);
    await ops.skip('rap');
    await expect.poll(async () => (await newest()).title, { timeout: 10_000 }).not.toBe(before);
    expect((await newest()).title).toMatch(/^rap tone \d+$/);
  });

  it('push queues a file and answers its request id; the output then plays that request', async () => {
    const rid = await ops.push('rap_queue', `${audio}//beep.wav`);
    expect(rid).toMatch(/^\d+$/);
    await expect.poll(async () => (await newest()).rid, { timeout: 10_000 }).toBe(rid);
    expect((await newest()).filename).toBe(join(audio, 'beep.wav'));
  });

  it('inserted metadata with quotes, a backslash and UTF-8 comes back as it was sent', async () => {
    const title = 'Café "live" \\ set';
    await ops.insertMetadata('rap_meta', { title, artist: "DJ 'Q'" });
    await expect.poll(async () => (await newest()).title, { timeout: 10_000 }).toBe(title);
    expect((await newest()).artist).toBe("DJ 'Q'");
  });

  it("still answers after the server's idle close (settings.server.timeout, 1 s here)", async () => {
    // An idle connection of our own shows the server's timeout passing; then a call works as ever.
    const said = await new Promise<string>((resolve, reject) => {
      let text = '';
      const idle = connect(server.port, server.host);
      idle.on('data', (chunk) => (text += chunk.toString()));
      idle.on('close', () => resolve(text));
      idle.on('error', reject);
    });
    expect(said).toBe('Connection timed out.. Bye!\r\n');
    expect(await ops.version()).toBe('Liquidsoap 2.1.3');
  });

  it('killed with SIGKILL it refuses connections; restarted on the same port it answers again', async () => {
    await server.kill('SIGKILL');
    await expect(ops.version()).rejects.toMatchObject({ code: 'unavailable', fault: 'refused' });
    await server.restart();
    expect(await ops.version()).toBe('Liquidsoap 2.1.3');
    expect((await ops.commands()).outputs).toEqual(['jazz', 'rap']);
  }, 120_000);
});
