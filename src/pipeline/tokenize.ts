import { UserError } from './user-error.js';

// Phones and Macs "improve" quotes as they are typed, in the writer's language: “…” (English), „…“
// (German), ‚…‘, ‘…’, ”…” (Swedish), „…” (Polish). The words inside are kept exactly as typed.
const DOUBLE = { straight: '"', typographic: '\u201C\u201D\u201E\u201F\u2033' };
const SINGLE = { straight: "'", typographic: '\u2018\u2019\u201A\u201B\u2032' };
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

interface Quote {
  /** The quote as typed, for the error message. */
  opened: string;
  /** What closes it: a quote of the same family and kind (straight by straight, typographic by any typographic). */
  closers: string;
  /** Single quotes close only at a word's end, so the apostrophe in `it’s` inside ‘…’ stays one. */
  single: boolean;
}

/**
 * Splits a command line into words. Double quotes (straight or typographic) group anywhere; a single
 * quote groups only where it starts a word and a matching one ends a word later, so apostrophes
 * (`it's`, `it’s`, `’90s`) stay literal. Runs of spaces separate words. Quote characters that do not
 * group are kept as typed.
 *
 * @throws UserError (`usage`) for an unterminated double quote.
 */
export function tokenize(line: string): string[] {
  const chars = [...line];
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: Quote | undefined;
  // Kinds of single quote with no closer left: later ones have none either (keeps long lines linear).
  const unclosable = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (quote) {
      if (closes(quote, chars, i)) quote = undefined;
      else current += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    const opening = opens(char, inWord);
    if (opening && (!opening.single || hasCloser(opening, chars, i + 1, unclosable))) {
      quote = opening;
    } else {
      current += char;
    }
    inWord = true;
  }
  if (quote) throw new UserError('usage', `A quote (${quote.opened}) is not closed.`);
  if (inWord) words.push(current);
  return words;
}

const FAMILIES = [
  { ...DOUBLE, single: false },
  { ...SINGLE, single: true },
] as const;

/** The quote `char` would open here, if it is one. */
function opens(char: string, inWord: boolean): Quote | undefined {
  for (const { straight, typographic, single } of FAMILIES) {
    if (single && inWord) continue;
    if (char === straight) return { opened: char, closers: straight, single };
    if (typographic.includes(char)) return { opened: char, closers: typographic, single };
  }
  return undefined;
}

/** Whether `chars[i]` closes `quote`: one of its closers, and for a single quote, at a word's end. */
function closes(quote: Quote, chars: readonly string[], i: number): boolean {
  if (!quote.closers.includes(chars[i]!)) return false;
  return !quote.single || !WORD_CHARACTER.test(chars[i + 1] ?? '');
}

function hasCloser(quote: Quote, chars: readonly string[], from: number, unclosable: Set<string>): boolean {
  if (unclosable.has(quote.closers)) return false;
  for (let i = from; i < chars.length; i++) if (closes(quote, chars, i)) return true;
  unclosable.add(quote.closers);
  return false;
}
