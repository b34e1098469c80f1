import { describe, expect, it } from 'vitest';
import { codeSpan, heading, messageInline, plainText, rich, text } from '../../src/pipeline/reply.js';

describe('reply content', () => {
  it('builds spans with the rich tag: strings and numbers plain, code spans kept, neighbours merged', () => {
    expect(rich`Showing ${30} of ${'many'}; ${codeSpan('alarms --state ALARM')} narrows it.`).toEqual([
      'Showing 30 of many; ',
      { code: 'alarms --state ALARM' },
      ' narrows it.',
    ]);
    expect(rich`${codeSpan('help')}`).toEqual([{ code: 'help' }]);
  });

  it("turns a message's backtick marks into code spans; a message without marks stays a string", () => {
    expect(messageInline('There is no command `db slow`. See `help`.')).toEqual([
      'There is no command ',
      { code: 'db slow' },
      '. See ',
      { code: 'help' },
      '.',
    ]);
    expect(messageInline('Nothing to mark.')).toBe('Nothing to mark.');
    expect(messageInline('A lone ` stays')).toBe('A lone ` stays');
  });

  it('gives tone only when asked, and reads inline content back as plain text', () => {
    expect(text('x')).toEqual({ kind: 'text', text: 'x' });
    expect(Object.keys(text('x'))).not.toContain('tone');
    expect(heading('h', 'error')).toEqual({ kind: 'heading', text: 'h', tone: 'error' });
    expect(plainText(['a ', { code: 'b' }])).toBe('a b');
  });
});
