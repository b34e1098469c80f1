import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/pipeline/parse-command-line.js';

/** The `text` field of a slash-command fixture, decoded as Bolt decodes it. */
const fixtureText = (name: string) =>
  new URLSearchParams(readFileSync(fileURLToPath(new URL(`../fixtures/slack/${name}`, import.meta.url)), 'utf8')).get(
    'text',
  ) ?? '';

describe('parseCommandLine', () => {
  it.each([
    ['slash-scale.form.txt', ['scale', 'n8n', '4']],
    ['slash-empty-text.form.txt', []],
    ['slash-scale-smart-quotes.form.txt', ['scale', 'n8n', '4', '--reason', 'listener spike', 'tonight']],
    ['slash-scale-mention.form.txt', ['scale', 'n8n', '4', 'approver', 'U0BOB', 'cc', 'C0EXAMPLE02']],
  ])('reads the fixture %s', (fixture, words) => {
    expect(parseCommandLine(fixtureText(fixture))).toEqual(words);
  });

  it.each([
    ['curly double quotes group words', 'audit --reason \u201Cdisk full\u201D', ['audit', '--reason', 'disk full']],
    ['curly single quotes group words', 'audit --reason \u2018disk full\u2019', ['audit', '--reason', 'disk full']],
    // Fault 21: free text keeps the apostrophe as typed (was straightened).
    [
      'an apostrophe inside a word stays as typed',
      'audit --reason it\u2019s-late',
      ['audit', '--reason', 'it\u2019s-late'],
    ],
    ['an em dash is a double dash', 'db slow-queries \u2014min 5m', ['db', 'slow-queries', '--min', '5m']],
    ['an en dash is a double dash', 'db slow-queries \u2013full', ['db', 'slow-queries', '--full']],
    ['a dash next to an em dash is still one double dash', 'db idle -\u2014older 5m', ['db', 'idle', '--older', '5m']],
    ['no-break and repeated spaces', 'db\u00A0size   --reason\u202Fx', ['db', 'size', '--reason', 'x']],
    ['a leading /radio is dropped', '/radio db size', ['db', 'size']],
    ['user mentions become ids', 'audit --user <@U0BOB|bob>', ['audit', '--user', 'U0BOB']],
    ['bare user mentions too', 'audit --user <@W0GRID>', ['audit', '--user', 'W0GRID']],
    ['channel mentions become ids', 'x <#C0EXAMPLE02|radio-eng>', ['x', 'C0EXAMPLE02']],
    ['group mentions become ids', 'x <!subteam^S0ONCALL|@oncall>', ['x', 'S0ONCALL']],
    ['links become their URL', 'x <https://example.com/a?b=1|label>', ['x', 'https://example.com/a?b=1']],
    ['HTML entities are decoded', 'x a&amp;b &lt;c&gt;', ['x', 'a&b', '<c>']],
    ['--flag=value stays one word', 'db idle --older=10m', ['db', 'idle', '--older=10m']],
    ['upper case survives parsing (lookup is case-insensitive)', 'DB SIZE', ['DB', 'SIZE']],
    ['empty quotes are an empty word', 'audit --reason ""', ['audit', '--reason', '']],
  ])('%s', (_name, input, words) => {
    expect(parseCommandLine(input)).toEqual(words);
  });

  // Fault 21: with "escape links" on, Slack turns a typed `n8n.io` into `<http://n8n.io|n8n.io>`; the
  // person typed the label, so that is the word. A link whose label is something else stays its URL.
  it.each([
    ['a bare domain', 'x <http://n8n.io|n8n.io>', ['x', 'n8n.io']],
    ['a domain with a path', 'x <https://n8n.io/webhook/a|n8n.io/webhook/a>', ['x', 'n8n.io/webhook/a']],
    ['www', 'x <http://www.n8n.io|www.n8n.io>', ['x', 'www.n8n.io']],
    ['a URL typed in full keeps its scheme', 'x <https://n8n.io|https://n8n.io>', ['x', 'https://n8n.io']],
    ['an e-mail address', 'x <mailto:ops@example.com|ops@example.com>', ['x', 'ops@example.com']],
    ['a label Slack lower-cased the host of', 'x <http://n8n.io|N8N.io>', ['x', 'N8N.io']],
    ['escapes in the label', 'x <http://a.io/?p=1&amp;q=2|a.io/?p=1&amp;q=2>', ['x', 'a.io/?p=1&q=2']],
    [
      'inside a quoted reason',
      'db size --reason "<http://n8n.io|n8n.io> is slow"',
      ['db', 'size', '--reason', 'n8n.io is slow'],
    ],
    ['next to text', 'x (<http://n8n.io|n8n.io>)', ['x', '(n8n.io)']],
    ['a link labelled otherwise stays its URL', 'x <https://example.com/a|dashboard>', ['x', 'https://example.com/a']],
  ])('fault 21: a link Slack made from typed text counts as that text: %s', (_name, input, words) => {
    expect(parseCommandLine(input)).toEqual(words);
  });

  it('fault 21: the auto-link fixture keeps its label, mentions and channels as ids', () => {
    expect(parseCommandLine(fixtureText('slash-autolinks.form.txt'))).toEqual([
      'db',
      'connections',
      '--reason',
      'n8n.io webhooks slow, cc U0BOB in C0EXAMPLE02, mail ops@example.com',
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCommandLine('audit --reason "oops')).toThrow(/not closed/);
  });
});
