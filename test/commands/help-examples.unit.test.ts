// Fault 21: the help's own example `audit --user @alice` did not work. Every example every command shows
// goes through the parser, the registry and the command's zod schema here, so the help can't lie again.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';
import { parseCommandLine } from '../../src/pipeline/parse-command-line.js';
import { commandRunner, OPERATOR, replyText } from '../support/command-runner.js';

const registry = buildRegistry();
const examples = registry.commands.flatMap((command) => command.examples.map((example) => [command.name, example]));

describe('fault 21: every example in the help parses and validates', () => {
  it('fault 21: every command shows at least one example', () => {
    expect(registry.commands.filter((command) => command.examples.length === 0).map((c) => c.name)).toEqual([]);
  });

  it.each(examples)('fault 21: %s: /radio %s', (name, example) => {
    const found = registry.resolve(parseCommandLine(example));
    expect(found?.command.name).toBe(name);
    expect(() => bindArguments(found!.command, found!.rest)).not.toThrow();
  });

  it('fault 21: in the shell, where no @mention exists, audit --user @alice is refused in words and a user id works', async () => {
    const { run } = commandRunner({});
    const byName = await run('audit --user @alice --since 1d');
    expect(byName).toMatchObject({ status: 'refused', code: 'usage' });
    expect(replyText(byName.reply)).toMatch(/a Slack user id like U0ALICE, not a name/);
    const byId = await run(`audit --user ${OPERATOR} --since 1d`);
    expect(byId.status).toBe('succeeded');
  });
});
