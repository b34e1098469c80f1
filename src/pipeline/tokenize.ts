import { UserError } from './user-error.js';

/**
 * Splits a command line into words. Double quotes group anywhere; a single quote groups only when
 * it starts a word, so apostrophes (`it's`) stay literal. Runs of spaces separate words.
 *
 * @throws UserError (`usage`) for an unterminated quote.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (char === '"' || (char === "'" && !inWord)) {
      quote = char;
      inWord = true;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new UserError('usage', `A quote (${quote}) is not closed.`);
  if (inWord) words.push(current);
  return words;
}
