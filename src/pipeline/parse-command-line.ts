import { normalizePunctuation, unescapeSlack } from './normalize-slack-text.js';
import { tokenize } from './tokenize.js';

/**
 * Turns a command line as Slack (or a terminal) delivers it into words: Slack escapes resolved,
 * smart punctuation undone, a leading `/radio` dropped.
 *
 * @throws UserError (`usage`) for an unterminated quote.
 */
export function parseCommandLine(text: string): string[] {
  const words = tokenize(normalizePunctuation(unescapeSlack(text)));
  if (words[0]?.toLowerCase() === '/radio') words.shift();
  return words;
}
