// `createChannel(slug)`: the exact bytes of the station's own server command, from the config's template with
// the slug validated (a channel slug) and, where the template puts it in a string literal, quoted by Liquidsoap's
// rules. Nothing a person typed reaches the line but the validated slug; refusals open no connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../../src/config/radio-config.js';
import { createLiquidsoapOperations } from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { UserError } from '../../../src/pipeline/user-error.js';
import { startFakeLiquidsoap, type FakeLiquidsoap } from '../../support/fake-liquidsoap.js';

let fake: FakeLiquidsoap;
beforeAll(async () => {
  fake = await startFakeLiquidsoap({
    'create_channel electro': 'Done',
    'station.create_channel "80s-hits" "/80s-hits"': 'Done',
    'create_channel rap': 'ERROR: channel rap exists',
  });
});
afterAll(() => fake.close());

const ops = (createChannel?: string) =>
  createLiquidsoapOperations({
    host: fake.host,
    port: fake.port,
    pushAllowList: [],
    timeouts: { connectMs: 2_000, replyMs: 2_000 },
    ...(createChannel ? { createChannel } : {}),
  });

async function bytesOf(call: () => Promise<unknown>): Promise<string> {
  const before = fake.accepted;
  await call();
  expect(fake.accepted).toBe(before + 1);
  await expect.poll(() => fake.received[before]?.toString('utf8').endsWith('quit\n')).toBe(true);
  return (fake.received[before] as Buffer).toString('utf8');
}

describe('createChannel', () => {
  it('sends the template with the bare slug', async () => {
    const bytes = await bytesOf(() => ops('create_channel {slug}').createChannel('electro'));
    expect(Buffer.from(bytes)).toEqual(Buffer.from('create_channel electro\nquit\n'));
  });

  it('quotes the slug by Liquidsoap\'s rules where the template has "{slug}"', async () => {
    expect(ops('station.create_channel "{slug}" "/{slug}"').prepareCreateChannel('80s-hits')).toBe(
      'station.create_channel "80s-hits" "/80s-hits"',
    );
    const bytes = await bytesOf(() => ops('station.create_channel "{slug}" "/{slug}"').createChannel('80s-hits'));
    expect(bytes).toBe('station.create_channel "80s-hits" "/80s-hits"\nquit\n');
  });

  it.each(['Electro', 'electro\nshutdown', 'a b', '"x"', '-lead', ''])(
    'refuses the slug %j before connecting',
    async (slug) => {
      const before = fake.accepted;
      const error: unknown = await ops('create_channel {slug}')
        .createChannel(slug)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'usage' });
      expect(fake.accepted).toBe(before);
    },
  );

  it('says what to set when no template is configured, before connecting', async () => {
    const before = fake.accepted;
    await expect(ops().createChannel('electro')).rejects.toMatchObject({
      code: 'not_configured',
      message: expect.stringContaining('station.liquidsoap.createChannel'),
    });
    expect(fake.accepted).toBe(before);
  });

  it("passes on the script's refusal in words", async () => {
    await expect(ops('create_channel {slug}').createChannel('rap')).rejects.toThrow(
      /create_channel.*ERROR: channel rap exists/,
    );
  });
});

describe('station.liquidsoap.createChannel in the YAML', () => {
  const parse = (createChannel: string) =>
    RadioConfig.safeParse({ station: { liquidsoap: { host: '127.0.0.1', createChannel } } });
  it.each(['create_channel {slug}', 'station.create_channel "{slug}" "/{slug}"'])('accepts %j', (template) => {
    expect(parse(template).success).toBe(true);
  });
  it.each([
    ['create_channel', /\{slug\}/],
    ['create_channel {slug} {name}', /only placeholder/],
    ['create_channel {slug}\nshutdown', /server command/],
    ['"create_channel" {slug}', /server command/],
  ])('refuses %j at start', (template, why) => {
    const parsed = parse(template);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join('; ')).toMatch(why);
  });
});
