// The directory's bookkeeping over a fake of our own StationDatabase: shared reads, what is remembered,
// what is logged. Real failures (stopped server, timeouts, permission) are in channel-directory.test.ts.
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RadioChannelRow } from '../../src/integrations/station-db/station-database.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { manualClock } from '../support/manual-clock.js';

const yaml = [{ slug: 'rap', mount: '/rap', output: 'rap', hlsPath: 'hls/rap/' }];

/** A station database whose answers the test queues: rows, `undefined` (no table) or an error. */
function scriptedStation() {
  const answers: (RadioChannelRow[] | undefined | Error)[] = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    answer: (answer: RadioChannelRow[] | undefined | Error) => answers.push(answer),
    stationDb: {
      radioChannels: async () => {
        calls += 1;
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}

function logLines() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

describe('the channel directory (bookkeeping)', () => {
  it('issue 14: calls made while a read is under way share it', async () => {
    const station = scriptedStation();
    station.answer([{ slug: 'rap' }]);
    const directory = createChannelDirectory({ ...station, channels: yaml, log: pino({ level: 'silent' }) });
    const [a, b] = await Promise.all([directory.list(), directory.list()]);
    expect(a).toBe(b);
    expect(station.calls).toBe(1);
  });

  it('issue 14: once radio_channels is gone, a later failure falls back to the YAML, not to the old table', async () => {
    const station = scriptedStation();
    station.answer([{ slug: 'soul' }]);
    station.answer(undefined);
    station.answer(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const directory = createChannelDirectory({
      ...station,
      channels: yaml,
      log: pino({ level: 'silent' }),
      clock: manualClock(),
    });
    expect((await directory.list()).channels.map((c) => c.slug)).toEqual(['soul']);
    expect((await directory.list()).source).toBe('station.channels');
    expect(await directory.list()).toMatchObject({
      source: 'station.channels',
      channels: [{ slug: 'rap' }],
      stale: { why: 'connect ECONNREFUSED 127.0.0.1:5432' },
    });
  });

  it('issue 14: logs a warning when reads start failing and once when they succeed again, not on every call', async () => {
    const station = scriptedStation();
    const { lines, log } = logLines();
    for (const answer of [new Error('down'), new Error('still down'), [{ slug: 'rap' }], [{ slug: 'rap' }]])
      station.answer(answer);
    const directory = createChannelDirectory({ ...station, channels: yaml, log });
    for (let i = 0; i < 4; i++) await directory.list();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, 'radio_channels could not be read; using the last list read or station.channels'],
      [30, 'radio_channels readable again'],
    ]);
  });
});
