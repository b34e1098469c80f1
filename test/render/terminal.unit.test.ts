import { describe, expect, it } from 'vitest';
import { codeSpan, heading, note, rich, text, type Reply } from '../../src/pipeline/reply.js';
import { renderTerminal } from '../../src/render/terminal.js';

const reply = (parts: Reply['parts']): Reply => ({ summary: 'summary', visibility: 'in_channel', parts });

describe('renderTerminal', () => {
  it('marks warnings with ! and errors with x, leaves news and successes unmarked, quotes code spans', () => {
    expect(
      renderTerminal(
        reply([
          heading('radio-db-cpu-high', 'error'),
          text(rich`Try ${codeSpan('db size')} first`, 'warning'),
          text('Done.', 'success'),
          note('Resolved after 5m', 'success'),
          note('Limit reached', 'warning'),
        ]),
      ),
    ).toBe(
      [
        'x radio-db-cpu-high\n===================',
        '! Try `db size` first',
        'Done.',
        '(Resolved after 5m)',
        '(! Limit reached)',
      ].join('\n\n'),
    );
  });

  it('shows plain text as it is, emoji codes and mrkdwn included', () => {
    expect(renderTerminal(reply([text(':warning: *not bold* `not code`')]))).toBe(':warning: *not bold* `not code`');
  });

  it('shows control characters from anywhere as escapes, so a reason or a query cannot drive the terminal', () => {
    const reply = {
      summary: 'x',
      visibility: 'ephemeral' as const,
      parts: [text('ok\u001b]0;pwned\u0007\u001b[2Kdone\tend\u009b')],
    };
    expect(renderTerminal(reply)).toBe('ok\\u001b]0;pwned\\u0007\\u001b[2Kdone\tend\\u009b');
  });
});
