import { z } from 'zod';
import { defineCommand, type AnyCommand } from '../pipeline/command.js';
import { editDistance } from '../pipeline/edit-distance.js';
import { didYouMean } from '../pipeline/registry.js';
import { UserError } from '../pipeline/user-error.js';
import { RUNBOOK_VERBS } from './check-runbooks.js';
import type { Runbook } from './runbook.js';
import { runbookExample, runbookUsage } from './runbook-start-command.js';

// Words after `runbook` that name no runbook: `runbook dr restroe --snapshot x` is four of them at most
// before the flags, and a runbook's positional arguments may follow a mistyped name.
const WORDS = ['name', 'second', 'third', 'fourth'] as const;
type Words = Partial<Record<(typeof WORDS)[number], string>>;

/**
 * The refusal for `runbook <words>` that name no runbook (`nope`, `dr`, nothing): "Unknown runbook `nope`."
 * or "Which runbook?", a did-you-mean for near names (a typo or so per word, or the start of a longer name),
 * and every runbook's usage.
 */
export function unknownRunbook(words: readonly string[], runbooks: readonly Runbook[]): UserError {
  const typed = words.map((word) => word.toLowerCase());
  const list = [
    ['The runbooks (`runbooks` says what each does):', ...runbooks.map((r) => `\`${runbookUsage(r)}\``)].join('\n'),
  ];
  if (typed.length === 0) return new UserError('usage', 'Which runbook? Name one: `runbook <name> …`.', list);
  const near = nearNames(typed, [...runbooks.map((r) => r.name), ...RUNBOOK_VERBS]);
  const shown = typed.slice(0, near[0]?.split(' ').length ?? 1).join(' ');
  const hint = near.length > 0 ? [didYouMean(near.map((name) => `runbook ${name}`))] : [];
  return new UserError('unknown_command', `Unknown runbook \`${shown}\`.`, [...hint, ...list]);
}

/** Up to three names the typed words may have meant, closest first (the registry's typo rule, word by word). */
function nearNames(typed: readonly string[], names: readonly string[]): string[] {
  return names
    .map((name) => {
      const parts = name.split(' ');
      // `runbook dr` is the start of `runbook dr restore`: the words typed so far count.
      const compared = parts.slice(0, Math.min(parts.length, typed.length));
      const typos = compared.map((part, i) => editDistance(typed[i]!, part));
      const close = typos.every((count, i) => count <= Math.max(1, Math.floor(compared[i]!.length / 3)));
      return { name, close, typos: typos.reduce((a, b) => a + b, 0) };
    })
    .filter(({ close }) => close)
    .sort((a, b) => a.typos - b.typos)
    .slice(0, 3)
    .map(({ name }) => name);
}

/**
 * `runbook <name> …` for a name that is no runbook: the registry resolves `runbook nope` here (the longest
 * name it spells), so the answer is about runbooks, not "Unknown command `runbook`". It takes every runbook's
 * flags (so `runbook nope --db x` still reaches the refusal) and refuses before anything is authorized.
 */
export function unknownRunbookCommand(runbooks: readonly Runbook[]): AnyCommand {
  const flags: Record<string, 'string' | 'boolean'> = {};
  for (const argument of runbooks.flatMap((r) => r.arguments.filter((a) => a.flag)))
    flags[argument.name] ??= argument.type;
  const refuse = (args: Words): never => {
    throw unknownRunbook(
      WORDS.map((word) => args[word]).filter((word): word is string => word !== undefined),
      runbooks,
    );
  };
  return defineCommand({
    name: 'runbook',
    usage: 'runbook <name> <arguments> [--dry-run]',
    summary: 'Start a runbook (`runbooks` lists them)',
    examples: runbooks.map(runbookExample),
    positional: [...WORDS],
    flags,
    // Refused as its words are bound, like an unknown command: so also where a line is only checked (an
    // alarm playbook's button at start), not just where it runs.
    args: z
      .looseObject(Object.fromEntries(WORDS.map((word) => [word, z.string().optional()])))
      .transform((args): Words => refuse(args)),
    risk: (args) => refuse(args),
    plan: async ({ args }) => refuse(args),
    run: async ({ args }) => refuse(args),
    present: () => ({ summary: '', visibility: 'ephemeral', parts: [] }),
  });
}
