// `push <channel> <uri>` through the real dispatcher, on a fake Liquidsoap line server that records every byte:
// an accepted URI goes out as exactly one `push` line; a refused one opens no connection at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiquidsoapOperations } from '../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { commandRunner, replyText } from '../support/command-runner.js';
import { startFakeLiquidsoap, type FakeLiquidsoap } from '../support/fake-liquidsoap.js';
import { silentLog } from '../support/fakes.js';

let fake: FakeLiquidsoap;
let runner: ReturnType<typeof commandRunner>;
beforeAll(async () => {
  fake = await startFakeLiquidsoap({ 'rap_queue.queue': '4 5', 'rap_queue.push /srv/audio/rap/a b.mp3': '12' });
  const channels = [
    { slug: 'rap', mount: '/rap.mp3', output: 'rap', queue: 'rap_queue', hlsPath: 'hls/rap/' },
    { slug: 'jazz', mount: '/jazz.ogg', output: 'jazz', hlsPath: 'hls/jazz/' },
  ];
  runner = commandRunner(
    {
      liquidsoap: createLiquidsoapOperations({
        host: fake.host,
        port: fake.port,
        pushAllowList: ['/srv/audio/'],
        timeouts: { connectMs: 2000, replyMs: 2000 },
      }),
      channels: createChannelDirectory({
        stationDb: { radioChannels: async () => undefined },
        channels,
        log: silentLog,
      }),
    },
    { station: { pushAllowList: ['/srv/audio/'] } },
  );
});
afterAll(() => fake.close());

/** Every byte sent since connection `from`, one string per connection. */
const sentSince = (from: number) => fake.received.slice(from).map((bytes) => bytes.toString('utf8'));

describe('push', () => {
  it('sends exactly one push line, normalised, and answers the request id', async () => {
    const from = fake.accepted;
    const pushed = await runner.run('push rap "/srv/audio//rap/./a b.mp3"');
    if (pushed.status !== 'succeeded') throw new Error(replyText(pushed.reply));
    expect(pushed.reply.summary).toBe('Pushed /srv/audio/rap/a b.mp3 to rap: request 12');
    // Queued is not playing: Liquidsoap resolves the file later and may drop it.
    expect(replyText(pushed.reply)).toContain(
      'Liquidsoap resolves the URI when it prepares the request (a missing or unreadable file is dropped then): np rap and the queue show whether it plays.',
    );
    await expect.poll(() => sentSince(from).every((bytes) => bytes.endsWith('quit\n'))).toBe(true);
    expect(sentSince(from)).toEqual(['rap_queue.queue\nquit\n', 'rap_queue.push /srv/audio/rap/a b.mp3\nquit\n']);
  });

  it('plans the exact line and the queue, and sends no push on --dry-run', async () => {
    const from = fake.accepted;
    const planned = await runner.run('push rap /srv/audio/rap/x.mp3 --dry-run');
    expect(planned.status).toBe('succeeded');
    expect(replyText(planned.reply)).toContain('"line": "rap_queue.push /srv/audio/rap/x.mp3"');
    expect(replyText(planned.reply)).toContain('Queue rap_queue: 4, 5');
    await expect.poll(() => sentSince(from).every((bytes) => bytes.endsWith('quit\n'))).toBe(true);
    expect(sentSince(from)).toEqual(['rap_queue.queue\nquit\n']);
  });

  it.each([
    ['process:', 'push rap "process:sh,rm -rf /"', 'denied', /never sends process:/],
    ['annotate:', 'push rap annotate:title=x:/srv/audio/a.mp3', 'denied', /Liquidsoap protocol/],
    ['a nested protocol', 'push rap /srv/audio/annotate:x:/etc/passwd', 'denied', /Liquidsoap protocol/],
    ['http:', 'push rap http://evil.example/a.mp3', 'denied', /never sends/],
    ['https:', 'push rap https://evil.example/a.mp3', 'denied', /never sends/],
    ['..', 'push rap /srv/audio/../../etc/passwd', 'denied', /has a \.\. path segment/],
    ['percent-encoded ..', 'push rap /srv/audio/%2e%2e/%2E%2E/etc/passwd', 'denied', /percent-encoded/],
    ['LF', 'push rap "/srv/audio/a.mp3\nrap.skip"', 'usage', /control character/],
    ['CR', 'push rap "/srv/audio/a.mp3\rrap.skip"', 'usage', /control character/],
    ['outside the allow-list', 'push rap /etc/passwd', 'denied', /accepts URIs under \/srv\/audio\/ only/],
    ['a channel without a queue', 'push jazz /srv/audio/a.mp3', 'precondition', /jazz has no request queue/],
  ])('refuses %s and opens no connection', async (_, line, code, why) => {
    const from = fake.accepted;
    const refused = await runner.run(line);
    expect(refused).toMatchObject({ status: 'refused', code });
    expect(replyText(refused.reply)).toMatch(why);
    expect(fake.accepted).toBe(from);
  });
});
