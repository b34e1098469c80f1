/**
 * `{Name}` in a playbook button's command line: the value of the alarm's dimension `Name` (`hls {Channel}` on
 * an on-air card about rap is `hls rap`). Filled when the card is built; checked at start with a sample value.
 */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_.:-]{0,254})\}/g;

/**
 * What a filled value may be: one plain word, so it can neither split into more arguments nor start a flag.
 * Channel slugs, bucket and instance names, ids and ARNs fit.
 */
const PLAIN_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.:/@+=-]*$/;

/** The dimension names a command line refers to, in order of first use, each once. */
export function placeholdersOf(command: string): string[] {
  return [...new Set([...command.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** A filled line, or why it can't be: the alarm lacks the dimension (`missing`), or its value is not one word (`unsafe`). */
export type Filled = { command: string } | { missing: string } | { unsafe: { name: string; value: string } };

/** `command` with each `{Name}` replaced by `values(Name)`. Pure. */
export function fillPlaceholders(command: string, values: (name: string) => string | undefined): Filled {
  for (const name of placeholdersOf(command)) {
    const value = values(name);
    if (value === undefined) return { missing: name };
    if (!PLAIN_WORD.test(value)) return { unsafe: { name, value } };
  }
  return { command: command.replace(PLACEHOLDER, (_, name: string) => values(name) ?? '') };
}
