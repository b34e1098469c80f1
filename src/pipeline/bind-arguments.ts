import { parseArgs } from 'node:util';
import type { AnyCommand } from './command.js';
import { UserError } from './user-error.js';

/** Arguments as typed, validated by the command's schema; `reason` and `dryRun` are global flags. */
export interface BoundArguments {
  args: unknown;
  reason?: string;
  dryRun: boolean;
}

// parseArgs reads `-1` as a short option; relative counts (`scale n8n -1`) are words, so they are
// hidden behind a marker while flags are parsed.
const NEGATIVE = /^-\d+$/;
const MARK = '\u0000';
const FLAG_NAME = /^--[A-Za-z][A-Za-z0-9-]*/;

/**
 * Binds the words after a command's name to its positional names and flags (`--flag value`,
 * `--flag=value`, `--flag` for booleans), then validates them with the command's zod schema.
 *
 * @throws UserError (`usage`) naming what was wrong, with the usage line.
 */
export function bindArguments(command: AnyCommand, words: string[]): BoundArguments {
  const usage = [`Usage: /radio ${command.usage}`];
  const options = Object.fromEntries(Object.entries(command.flags).map(([name, type]) => [name, { type }]));
  let parsed;
  try {
    parsed = parseArgs({
      args: lowerFlagNames(words).map((word) => (NEGATIVE.test(word) ? MARK + word : word)),
      options: { ...options, reason: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UserError('usage', describeParseError(error), usage);
  }
  // parseArgs keeps the last of a repeated flag: `--db a --db b` must not quietly mean b.
  const given = parsed.tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const twice = given.find((name, index) => given.indexOf(name) !== index);
  if (twice) throw new UserError('usage', `\`--${twice}\` was given twice: give it once.`, usage);
  // Only the mark added above comes off: a NUL typed inside a word stays (12<NUL>3 is no pid 123).
  const positionals = parsed.positionals.map((word) =>
    word.startsWith(MARK) && NEGATIVE.test(word.slice(1)) ? word.slice(1) : word,
  );
  if (positionals.length > command.positional.length) {
    const extra = positionals
      .slice(command.positional.length)
      .map((word) => `'${word}'`)
      .join(' ');
    throw new UserError(
      'usage',
      `Unexpected ${extra} after \`${command.name}\` (quote a value that contains spaces: --reason "site is down").`,
      usage,
    );
  }
  const { reason, 'dry-run': dryRun, ...flags } = parsed.values as Record<string, string | boolean | undefined>;
  const raw: Record<string, unknown> = { ...flags };
  command.positional.forEach((name, index) => {
    if (positionals[index] !== undefined) raw[name] = positionals[index];
  });
  const result = command.args.safeParse(raw);
  if (!result.success) {
    // One problem per argument (zod can report several), and "is missing" rather than a type error.
    const byField = new Map<string, string>();
    for (const issue of result.error.issues) {
      const field = issue.path.join('.');
      if (byField.has(field)) continue;
      const missing = issue.code === 'invalid_type' && raw[String(issue.path[0])] === undefined;
      byField.set(field, missing ? 'is missing' : issue.message);
    }
    const problems = [...byField].map(([field, message]) =>
      field ? `\`${field}\`${missingOrColon(message)}` : message,
    );
    throw new UserError('usage', problems.join('; '), usage);
  }
  if (typeof reason === 'string' && reason.trim() === '')
    throw new UserError('usage', '`--reason` needs some text.', usage);
  if (dryRun && !command.plan)
    throw new UserError('usage', `\`${command.name}\` changes nothing, so it has no \`--dry-run\`.`, usage);
  return { args: result.data, reason: typeof reason === 'string' ? reason : undefined, dryRun: dryRun === true };
}

/**
 * Flag names are command words, matched without regard to case (`--DRY-RUN`, a phone's `--Reason`); their
 * values and everything after a lone `--` keep their case.
 */
function lowerFlagNames(words: readonly string[]): string[] {
  const end = words.indexOf('--');
  return words.map((word, index) =>
    (end === -1 || index < end) && FLAG_NAME.test(word) ? word.replace(FLAG_NAME, (name) => name.toLowerCase()) : word,
  );
}

const missingOrColon = (message: string) => (message === 'is missing' ? ` ${message}` : `: ${message}`);

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown flag \`${unknown[1]}\`.`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `\`${missing[1]}\` needs a value.`;
  const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) return `\`${ambiguous[1]}\` got a value starting with "-": write it as ${ambiguous[1]}=<value>.`;
  const unexpected = /Option '(--[\w-]+)' does not take an argument/.exec(message);
  if (unexpected) return `\`${unexpected[1]}\` takes no value.`;
  return message.split('\n')[0] ?? 'The arguments could not be read.';
}
