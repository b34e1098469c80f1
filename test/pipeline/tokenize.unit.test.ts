import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/pipeline/parse-command-line.js';
import { tokenize } from '../../src/pipeline/tokenize.js';

const reasonOf = (line: string) => {
  const words = parseCommandLine(line);
  return words[words.indexOf('--reason') + 1];
};

describe('fault 21: typographic quotes and apostrophes', () => {
  it.each([
    ['German quotes', 'reject 12 --reason „it’s the promo“', 'it’s the promo'],
    ['English curly double quotes', 'reject 12 --reason “it’s the promo”', 'it’s the promo'],
    ['curly single quotes around an apostrophe', 'reject 12 --reason ‘it’s the promo’', 'it’s the promo'],
    ['straight single quotes around an apostrophe', "reject 12 --reason 'it's the promo'", "it's the promo"],
    ['straight double quotes around a curly apostrophe', 'reject 12 --reason "it’s the promo"', 'it’s the promo'],
    ['German single quotes', 'reject 12 --reason ‚it’s the promo‘', 'it’s the promo'],
    ['Polish quotes („…”)', 'reject 12 --reason „nie teraz”', 'nie teraz'],
    ['Swedish quotes (”…”)', 'reject 12 --reason ”inte nu”', 'inte nu'],
    ['straight quotes inside German ones', 'reject 12 --reason „the "live" show“', 'the "live" show'],
    ['German quotes inside straight ones', 'reject 12 --reason "„it’s the promo“"', '„it’s the promo“'],
    ['an apostrophe in an unquoted word stays as typed', 'reject 12 --reason it’s', 'it’s'],
    ['apostrophes inside one word', 'reject 12 --reason rock’n’roll', 'rock’n’roll'],
    ['a leading apostrophe with no closing quote is an apostrophe', 'reject 12 --reason ’90s', '’90s'],
    ['--flag= with German quotes', 'reject 12 --reason=„it’s late“', undefined],
    ['empty German quotes', 'reject 12 --reason „“', ''],
  ])('fault 21: %s', (_name, line, reason) => {
    if (reason === undefined) expect(parseCommandLine(line)).toEqual(['reject', '12', '--reason=it’s late']);
    else expect(reasonOf(line)).toBe(reason);
  });

  it('fault 21: the tokenizer alone keeps what is inside quotes as typed', () => {
    expect(tokenize('reject 12 --reason „it’s the promo“')).toEqual(['reject', '12', '--reason', 'it’s the promo']);
    expect(tokenize('a ‘b’ “c d” „e“')).toEqual(['a', 'b', 'c d', 'e']);
  });

  it('fault 21: an unclosed double quote of any kind is refused, naming it', () => {
    expect(() => tokenize('reject 12 --reason „oops')).toThrow(/A quote \(„\) is not closed/);
    expect(() => tokenize('reject 12 --reason “oops')).toThrow(/A quote \(“\) is not closed/);
    // A straight quote does not close a typographic one (and the other way round).
    expect(() => tokenize('reject 12 --reason „oops"')).toThrow(/not closed/);
  });
});
