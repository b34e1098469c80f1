const PLACEHOLDER = /\{([^{}]*)\}/g;
const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The placeholders `{name}` in `text`, and the problems with any that are not a well-formed name (`{}`,
 * `{Slug}`, `{a b}`) or a brace left open or unmatched.
 */
export function placeholdersOf(text: string): { names: string[]; problems: string[] } {
  const names: string[] = [];
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (NAME.test(name)) names.push(name);
    else problems.push(`\`{${name}}\` is not an argument placeholder (a lower-case name in braces)`);
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) problems.push('a `{` or `}` without its pair');
  return { names: [...new Set(names)], problems };
}

/** `text` with each `{name}` replaced by `values[name]`; a placeholder without a value stays as typed. */
export function substitute(text: string, values: Readonly<Record<string, string | boolean | undefined>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : whole;
  });
}

/**
 * The words of a step's command line with the arguments substituted word by word: the template was split
 * into words first, so a value with spaces (`--name "Electro Lounge"`) stays one word and can't add flags.
 */
export function substituteWords(
  words: readonly string[],
  values: Readonly<Record<string, string | boolean | undefined>>,
): string[] {
  return words.map((word) => substitute(word, values));
}

/** A command line for people and the audit log: words with spaces or quotes are quoted. */
export function lineOf(words: readonly string[]): string {
  return words.map((word) => (/^[^\s"'\\]+$/.test(word) ? word : JSON.stringify(word))).join(' ');
}
