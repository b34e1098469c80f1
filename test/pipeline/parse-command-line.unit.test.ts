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
    ['an apostrophe inside a word stays', 'audit --reason it\u2019s-late', ['audit', '--reason', "it's-late"]],
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

  it('refuses an unterminated quote', () => {
    expect(() => parseCommandLine('audit --reason "oops')).toThrow(/not closed/);
  });
});
