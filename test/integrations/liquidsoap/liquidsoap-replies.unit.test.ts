// The server's answers as 2.1.3 printed them (recorded) and as 2.4.0, 2.4.1 and 2.4.4 print them (written from
// their source, see test/fixtures/liquidsoap/README.md): which outputs have start/stop/status is read from `help`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseHelp,
  parseMetadata,
  parseRemaining,
  parseUptime,
  unquote,
} from '../../../src/integrations/liquidsoap/liquidsoap-replies.js';

/** A recorded answer's body: what the client hands the parsers (the bytes before `\r\nEND\r\n`). */
const body = (file: string) => {
  const raw = readFileSync(new URL(`../../fixtures/liquidsoap/${file}`, import.meta.url), 'utf8');
  const end = raw.indexOf('\r\nEND\r\n');
  if (end < 0) throw new Error(`${file} has no END line`);
  return raw.slice(0, end);
};

describe('help, by version', () => {
  it('2.1.3: outputs and the queue, and no output has start, stop or status', () => {
    const commands = parseHelp(body('help-2.1.3.txt'));
    expect(commands.names).toContain('rap_queue.push');
    expect(commands.names).toContain('version');
    expect(commands.names).not.toContain('|');
    expect(commands.outputs).toEqual(['jazz', 'rap']);
    expect(commands.queues).toEqual(['rap_queue']);
    expect(commands.metadataInserts).toEqual(['jazz_meta', 'rap_meta']);
    expect(commands.startStop).toEqual([]);
    expect(commands.status).toEqual([]);
  });

  it('2.4.0: outputs gained seek but still have no start/stop', () => {
    const commands = parseHelp(body('help-2.4.0.txt'));
    expect(commands.outputs).toEqual(['jazz', 'rap']);
    expect(commands.names).toContain('rap.seek');
    expect(commands.startStop).toEqual([]);
  });

  it('2.4.1: every output has start and stop again, not status', () => {
    const commands = parseHelp(body('help-2.4.1.txt'));
    expect(commands.startStop).toEqual(['jazz', 'rap']);
    expect(commands.status).toEqual([]);
    expect(commands.queues).toEqual(['rap_queue']);
  });

  it('2.4.4: outputs have status too; builtins with dots (clock.dump, runtime.gc.full_major) are no outputs', () => {
    const commands = parseHelp(body('help-2.4.4.txt'));
    expect(commands.startStop).toEqual(['jazz', 'rap']);
    expect(commands.status).toEqual(['jazz', 'rap']);
    expect(commands.outputs).toEqual(['jazz', 'rap']);
    expect(commands.names).toEqual(expect.arrayContaining(['clock.dump', 'runtime.gc.full_major', 'var.set']));
  });

  it('a queue with start and stop verbs of its own is not an output', () => {
    expect(parseHelp('Available commands:\r\n| q.push <uri>\r\n| q.start\r\n| q.stop').startStop).toEqual([]);
  });
});

describe('metadata', () => {
  it('reads the chunks newest first, unquoting values as Liquidsoap quoted them', () => {
    expect(parseMetadata(body('rap-metadata-2.1.3.txt'))).toEqual([
      { title: 'Café "live" \\ set', artist: 'radio-ops test' },
      { title: 'rap tone 2', artist: 'radio-ops test' },
      { title: 'rap tone 1', artist: 'radio-ops test' },
    ]);
  });

  it('is empty before the first track, and a value that looks like END or a header stays a value', () => {
    expect(parseMetadata('')).toEqual([]);
    expect(parseMetadata('--- 1 ---\ntitle="END"\ncomment="--- 2 ---"')).toEqual([
      { title: 'END', comment: '--- 2 ---' },
    ]);
  });

  it('unquotes every escape Liquidsoap writes (control characters as \\n, \\t, \\uXXXX)', () => {
    expect(unquote(String.raw`"a\"b\\c\nd\te\u0007f\x41\'"`)).toBe('a"b\\c\nd\te\u0007fA\'');
  });
});

describe('remaining and uptime', () => {
  it('remaining: seconds, or undefined for an endless source', () => {
    expect(parseRemaining('18.28')).toBe(18.28);
    expect(parseRemaining('(undef)')).toBeUndefined();
  });

  it('uptime: as printed and in seconds', () => {
    expect(parseUptime('1d 02h 03m 04s')).toEqual({ text: '1d 02h 03m 04s', seconds: 93_784 });
    expect(parseUptime('soon')).toEqual({ text: 'soon' });
  });
});
