// Issue 14, Liquidsoap item 2: the exact bytes the client puts on the wire. A person's value reaches a line only
// as push's URI or as quoted metadata text; everything refused is refused before a connection is opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiquidsoapOperations } from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { UserError } from '../../../src/pipeline/user-error.js';
import { startFakeLiquidsoap, type FakeLiquidsoap } from '../../support/fake-liquidsoap.js';

let fake: FakeLiquidsoap;
beforeAll(async () => {
  fake = await startFakeLiquidsoap({
    'rap.skip': 'Done',
    'rap.start': 'Done',
    'rap_queue.push /srv/audio/a.mp3': '7',
    'rap_queue.push /srv/audio/rap/Artist: Title (live).mp3': '8',
    'rap_queue.push /srv/audio/Café "quoted" \\ name.mp3': '9',
    'rap_queue.push /srv/audio/a..b.mp3': '10',
    'rap_queue.push s3://radio-audio-bucket/audio/rap/a.mp3': '11',
    'rap_meta.insert title="Café \\"live\\" \\\\ set",artist="DJ \'Q\'"': 'Done',
  });
});
afterAll(() => fake.close());

const ops = (pushAllowList = ['/srv/audio/', 's3://radio-audio-bucket/audio/']) =>
  createLiquidsoapOperations({
    host: fake.host,
    port: fake.port,
    pushAllowList,
    timeouts: { connectMs: 2_000, replyMs: 2_000 },
  });

/** Runs `call` and returns the bytes of the one connection it opened (after the client's `quit`). */
async function bytesOf(call: () => Promise<unknown>): Promise<string> {
  const before = fake.accepted;
  await call();
  expect(fake.accepted).toBe(before + 1);
  await expect.poll(() => fake.received[before]?.toString('utf8').endsWith('quit\n')).toBe(true);
  return (fake.received[before] as Buffer).toString('utf8');
}

/** Asserts `call` is refused with `code` and opens no connection at all. */
async function refusedBeforeSending(call: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = fake.accepted;
  const error: unknown = await call().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  expect(error).toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
  expect(fake.accepted).toBe(before);
}

describe('push: accepted URIs go on the line as they are, normalised', () => {
  it.each([
    ['/srv/audio/a.mp3', '/srv/audio/a.mp3', '7'],
    ['/srv/audio//rap/./Artist: Title (live).mp3', '/srv/audio/rap/Artist: Title (live).mp3', '8'],
    ['/srv/audio/Café "quoted" \\ name.mp3', '/srv/audio/Café "quoted" \\ name.mp3', '9'],
    ['/srv/audio/a..b.mp3', '/srv/audio/a..b.mp3', '10'],
    ['s3://radio-audio-bucket/audio/rap/a.mp3', 's3://radio-audio-bucket/audio/rap/a.mp3', '11'],
  ])('%j is sent as %j and answers its request id', async (uri, sent, id) => {
    let answered: string | undefined;
    const bytes = await bytesOf(async () => (answered = await ops().push('rap_queue', uri)));
    expect(Buffer.from(bytes)).toEqual(Buffer.from(`rap_queue.push ${sent}\nquit\n`, 'utf8'));
    expect(answered).toBe(id);
    expect(ops().preparePush('rap_queue', uri)).toEqual({
      queueId: 'rap_queue',
      uri: sent,
      line: `rap_queue.push ${sent}`,
    });
  });
});

describe('push: refused URIs never reach the server', () => {
  it.each([
    ['LF (a second command)', '/srv/audio/a.mp3\nrap.skip', 'usage', /line break or control/],
    ['CR', '/srv/audio/a.mp3\rshutdown', 'usage', /line break or control/],
    ['NUL', '/srv/audio/a\u0000.mp3', 'usage', /control/],
    ['TAB', '/srv/audio/a\t.mp3', 'usage', /control/],
    ['DEL', '/srv/audio/a\u007f.mp3', 'usage', /control/],
    ['a C1 control (NEL)', '/srv/audio/a\u0085.mp3', 'usage', /control/],
    ['half a surrogate pair', '/srv/audio/\ud800.mp3', 'usage', /Unicode/],
    ['a leading blank', ' /srv/audio/a.mp3', 'usage', /blank/],
    ['nothing', '', 'usage', /empty/],
    ['a .. segment', '/srv/audio/../secret/a.mp3', 'denied', /\.\./],
    ['a trailing .. segment', '/srv/audio/rap/..', 'denied', /\.\./],
    ['.. in an s3 key', 's3://radio-audio-bucket/audio/../private/a.mp3', 'denied', /\.\./],
    ['percent-encoded dots', '/srv/audio/%2e%2e/secret/a.mp3', 'denied', /percent-encoded/],
    ['percent-encoded dots, upper case', '/srv/audio/%2E%2E/secret/a.mp3', 'denied', /percent-encoded/],
    ['a percent-encoded slash', '/srv/audio/..%2fsecret/a.mp3', 'denied', /percent-encoded/],
    ['a percent-encoded backslash', '/srv/audio/..%5Csecret/a.mp3', 'denied', /percent-encoded/],
    ['a double-encoded dot', '/srv/audio/%252e%252e/secret/a.mp3', 'denied', /percent-encoded/],
    [
      'percent-encoded dots in an s3 key',
      's3://radio-audio-bucket/audio/%2e%2e/private/a.mp3',
      'denied',
      /percent-encoded/,
    ],
    ['process:', 'process:mp3,rm -rf / #', 'denied', /process:/],
    ['PROCESS: (protocols are case-insensitive)', 'PROCESS:mp3,id', 'denied', /process:/],
    ['http:', 'http://evil.example/a.mp3', 'denied', /http:/],
    ['https:', 'https://radio-audio-bucket.s3.amazonaws.com/audio/a.mp3', 'denied', /https:/],
    ['annotate: in front', 'annotate:title="x":/srv/audio/a.mp3', 'denied', /protocol/],
    ['annotate: nested in a path', '/srv/audio/annotate:title="x":/srv/audio/a.mp3', 'denied', /protocol/],
    ['process: nested in a path', '/srv/audio/x/process:mp3,id', 'denied', /protocol/],
    ['process: nested in an s3 key', 's3://radio-audio-bucket/audio/process:mp3,id', 'denied', /protocol/],
    ['outside the allow-list', '/etc/passwd', 'denied', /accepts URIs under `\/srv\/audio\/`/],
    ['file:// (not an allowed prefix)', 'file:///srv/audio/a.mp3', 'denied', /accepts URIs under/],
    ['a home path', '~/a.mp3', 'denied', /accepts URIs under/],
    ['another bucket', 's3://other-bucket/audio/a.mp3', 'denied', /accepts URIs under/],
  ])('%s', async (_, uri, code, message) => {
    await refusedBeforeSending(() => ops().push('rap_queue', uri), code, message);
    expect(() => ops().preparePush('rap_queue', uri)).toThrow(message);
  });

  it('a prefix without its slash admits its own folder, not a sibling sharing its name', async () => {
    await refusedBeforeSending(() => ops(['/srv/audio']).push('rap_queue', '/srv/audio-private/a.mp3'), 'denied');
    expect(ops(['/srv/audio']).preparePush('rap_queue', '/srv/audio/a.mp3').uri).toBe('/srv/audio/a.mp3');
  });

  it('an empty allow-list refuses everything', async () => {
    await refusedBeforeSending(() => ops([]).push('rap_queue', '/srv/audio/a.mp3'), 'denied', /pushAllowList is empty/);
  });

  it('a queue id that is not an id', async () => {
    await refusedBeforeSending(() => ops().push('rap_queue.push /x\nrap', '/srv/audio/a.mp3'), 'usage', /queue id/);
  });
});

describe('metadata text is quoted by Liquidsoap rules', () => {
  it('backslash and double quote escaped, other text (UTF-8, single quotes) as it is', async () => {
    const bytes = await bytesOf(() =>
      ops().insertMetadata('rap_meta', { title: 'Café "live" \\ set', artist: "DJ 'Q'" }),
    );
    expect(Buffer.from(bytes)).toEqual(
      Buffer.from('rap_meta.insert title="Café \\"live\\" \\\\ set",artist="DJ \'Q\'"\nquit\n', 'utf8'),
    );
  });

  it.each([
    ['a line break in a value', { title: 'a\nrap.skip' }, /line break or control/],
    ['a CR in a value', { title: 'a\rb' }, /line break or control/],
    ['a key that is not a name', { 'title="x",artist': 'y' }, /metadata key/],
    ['no fields', {}, /No metadata/],
  ])('refuses %s before sending', async (_, fields, message) => {
    await refusedBeforeSending(() => ops().insertMetadata('rap_meta', fields), 'usage', message);
  });
});

describe('ids', () => {
  it('a plain command is its id and verb, then quit', async () => {
    expect(await bytesOf(() => ops().skip('rap'))).toBe('rap.skip\nquit\n');
  });

  it.each(['rap\nshutdown', 'rap skip', '', 'rap;x', '.rap'])('refuses the output id %j before sending', async (id) => {
    await refusedBeforeSending(() => ops().skip(id), 'usage', /output id/);
  });
});
