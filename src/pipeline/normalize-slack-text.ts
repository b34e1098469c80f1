// Slack sends command text with its own escapes and whatever the phone's keyboard "improved".
// Everything here maps that back to what the person meant before tokenizing.

const SLACK_ESCAPE = /<([@#!])?([^>|]*)(?:\|([^>]*))?>/g;

/**
 * Replaces Slack's escapes with what they stand for: `<@U0BOB|bob>` -> `U0BOB`, `<#C0…|name>` -> `C0…`,
 * `<!subteam^S0…|@name>` -> `S0…`; a link Slack made from typed text -> that text (`<http://n8n.io|n8n.io>`
 * -> `n8n.io`, `<mailto:a@b.c|a@b.c>` -> `a@b.c`); any other link -> its URL; then `&lt; &gt; &amp;` ->
 * `< > &`. Source: https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function unescapeSlack(text: string): string {
  const replaced = text.replace(
    SLACK_ESCAPE,
    (_match, sigil: string | undefined, body: string, label: string | undefined) => {
      if (sigil === '!') return body.startsWith('subteam^') ? body.slice('subteam^'.length) : `@${body}`;
      if (!sigil && label !== undefined && madeFrom(body, label)) return label;
      return body;
    },
  );
  return replaced.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Whether Slack made link `url` from the typed `label`: it adds `http://` (or `mailto:`) to what was
 * typed and may lower-case the host or add a `/`. The person typed the label, so the label is the word.
 */
function madeFrom(url: string, label: string): boolean {
  const typed = label.toLowerCase();
  const link = url.toLowerCase();
  return ['', 'http://', 'https://', 'mailto:'].some(
    (scheme) => link === scheme + typed || link === `${scheme}${typed}/`,
  );
}

/**
 * Undoes smart punctuation and odd spacing: an em or en dash that starts a word becomes `--`, no-break
 * and other Unicode spaces become plain spaces. Typographic quotes are left to the tokenizer, which
 * groups with them and keeps the apostrophes and quotes inside a reason as typed (`it’s`).
 */
export function normalizePunctuation(text: string): string {
  return text
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/(^|\s)-?[\u2014\u2013]-?(?=\S)/g, '$1--');
}
