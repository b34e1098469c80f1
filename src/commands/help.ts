import { z } from 'zod';
import { defineCommand, type AnyCommand } from '../pipeline/command.js';
import { codeSpan, fields, heading, note, rich, table, text, type Reply } from '../pipeline/reply.js';
import type { Registry } from '../pipeline/registry.js';
import { UserError } from '../pipeline/user-error.js';

// `help db kill-idle` and `help "db kill-idle"` both work; the longest names are three words (`runbook dr restore`).
const Args = z
  .object({ topic: z.string().optional(), subtopic: z.string().optional(), third: z.string().optional() })
  .transform(({ topic, subtopic, third }) => ({
    topic: [topic, subtopic, third].filter(Boolean).join(' ') || undefined,
  }));

type HelpResult =
  | { kind: 'index'; groups: { group: string; commands: { name: string; summary: string }[] }[] }
  | { kind: 'command'; name: string; usage: string; summary: string; examples: string[]; flags: string[] };

/** `help` and `help <command>`; reads the registry it is registered in, so it can't go stale. */
export function helpCommand(registry: () => Registry) {
  return defineCommand({
    name: 'help',
    usage: 'help [command]',
    summary: 'List the commands, or show how to use one',
    examples: ['help', 'help db slow-queries', 'help db'],
    positional: ['topic', 'subtopic', 'third'],
    flags: {},
    args: Args,
    risk: () => 'read',
    informational: true,
    async run({ args }): Promise<HelpResult> {
      const commands = registry().commands;
      if (!args.topic) return { kind: 'index', groups: groupCommands(commands) };
      const words = args.topic.toLowerCase().split(/\s+/);
      const found = registry().resolve(words);
      if (found && found.rest.length === 0) return describe(found.command);
      const group = groupCommands(commands.filter((command) => command.name.split(' ')[0] === words[0]));
      if (group.length > 0 && words.length === 1) return { kind: 'index', groups: group };
      // `help runbook dr` starts longer names (`runbook dr restore`): those are what was meant.
      const typed = words.join(' ');
      const longer = commands.filter((command) => command.name.startsWith(`${typed} `));
      if (longer.length > 0) return { kind: 'index', groups: groupCommands(longer) };
      // A command that takes any name (`runbook <name>`) refuses one it does not know in its own words, with its
      // list: `help runbook nope` answers as `runbook nope` does.
      if (found) ownUnknownName(found.command, found.rest);
      const unknown = registry().unknownCommand(words);
      // Never "Unknown command `runbook`" for `help runbook nope`: `runbook` is one; the whole topic is not.
      if (found && unknown.message === `Unknown command \`${found.command.name}\`.`)
        throw new UserError(unknown.code, `Unknown command \`${typed}\`.`, unknown.details);
      throw unknown;
    },
    present(result): Reply {
      if (result.kind === 'command') {
        return {
          summary: `/radio ${result.usage}`,
          visibility: 'ephemeral',
          parts: [
            heading(`/radio ${result.name}`),
            text(result.summary),
            fields(
              ['Usage', `/radio ${result.usage}`],
              ['Examples', result.examples.map((e) => `/radio ${e}`).join('\n') || '-'],
            ),
            note(`Flags: ${[...result.flags, '--reason "…" (stored in the audit log)'].join(', ')}`),
          ],
        };
      }
      return {
        summary: 'radio-ops commands',
        visibility: 'ephemeral',
        parts: [
          heading('radio-ops commands'),
          ...result.groups.map(({ group, commands }) =>
            table(
              [group, ''],
              commands.map((c) => [c.name, c.summary]),
            ),
          ),
          note(
            rich`${codeSpan('/radio help <command>')} shows usage and examples. Any command takes ${codeSpan('--reason "…"')} for the audit log.`,
          ),
        ],
      };
    },
  });
}

function describe(command: AnyCommand): HelpResult {
  const flags = Object.entries(command.flags).map(([name, type]) =>
    type === 'boolean' ? `--${name}` : `--${name} <value>`,
  );
  if (command.plan) flags.push('--dry-run');
  return {
    kind: 'command',
    name: command.name,
    usage: command.usage,
    summary: command.summary,
    examples: command.examples,
    flags,
  };
}

/** Throws `command`'s own `unknown_command` refusal of `rest` as its positional words, if it has one. */
function ownUnknownName(command: AnyCommand, rest: readonly string[]): void {
  if (rest.length === 0 || rest.length > command.positional.length) return;
  try {
    command.args.parse(Object.fromEntries(rest.map((word, i) => [command.positional[i], word])));
  } catch (error) {
    if (error instanceof UserError && error.code === 'unknown_command') throw error;
  }
}

function groupCommands(commands: AnyCommand[]) {
  const groups = new Map<string, { name: string; summary: string }[]>();
  for (const command of [...commands].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = command.name.includes(' ') ? (command.name.split(' ')[0] ?? 'general') : 'general';
    groups.set(group, [...(groups.get(group) ?? []), { name: command.name, summary: command.summary }]);
  }
  return [...groups].map(([group, list]) => ({ group, commands: list }));
}
