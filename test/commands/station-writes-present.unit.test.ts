// The honest endings of the station's writes, rendered: a skip whose title did not change, metadata Icecast did not
// show, a killed source not back yet. (The real servers make the happy endings; these are hard to cause there.)
import { describe, expect, it } from 'vitest';
import { killSourceCommand } from '../../src/commands/kill-source.js';
import { metaCommand } from '../../src/commands/meta.js';
import { skipCommand } from '../../src/commands/skip.js';
import { replyText } from '../support/command-runner.js';

describe('the station writes say when the effect was not seen', () => {
  it('skip: the title did not change within 5 s', () => {
    const reply = skipCommand.present(
      {
        slug: 'rap',
        line: 'rap.skip',
        before: 'DJ - A',
        after: 'DJ - A',
        changed: false,
        waitedMs: 5000,
        cooldownUntil: new Date('2026-12-02T16:00:30Z'),
        checkedAt: new Date('2026-12-02T16:00:05Z'),
      },
      { channel: 'rap' },
    );
    expect(reply.summary).toBe('Skipped rap, but the title did not change within 5 s');
    expect(replyText(reply)).toContain('Next skip allowed: 2026-12-02 16:00:30 UTC (in 25s)');
    expect(reply.parts[0]).toMatchObject({ tone: 'warning' });
  });

  it('meta: Icecast did not show the text within 5 s', () => {
    const reply = metaCommand.present(
      { slug: 'jazz', mount: '/jazz.ogg', song: 'Late', before: 'A', after: 'B', shown: false },
      { channel: 'jazz', text: 'Late' },
    );
    expect(reply.summary).toBe('Metadata of jazz sent, but Icecast did not show it within 5 s');
    expect(replyText(reply)).toContain('Now playing: B');
  });

  it('meta: says what Icecast shows, not only the text sent (an Ogg mount keeps its artist)', () => {
    const reply = metaCommand.present(
      { slug: 'jazz', mount: '/jazz.ogg', song: 'Late', before: 'DJ - A', after: 'DJ - Late', shown: true },
      { channel: 'jazz', text: 'Late' },
    );
    expect(reply.summary).toBe('Metadata of jazz set: now playing DJ - Late');
    expect(replyText(reply)).toContain('Metadata of jazz set: Icecast shows DJ - Late.');
  });

  it('kill-source: the mount is not back yet', () => {
    const reply = killSourceCommand.present(
      {
        slug: 'rap',
        mount: '/rap.mp3',
        killedStreamStart: '2026-12-02T15:00:00.000Z',
        listenersDropped: 3,
        back: false,
        waitedMs: 15_000,
      },
      { channel: 'rap' },
    );
    expect(reply.summary).toBe('Killed the source of /rap.mp3; not back on air after 15 s');
    expect(replyText(reply)).toContain('Listeners dropped: 3');
    expect(reply.parts[0]).toMatchObject({ tone: 'error' });
  });
});
