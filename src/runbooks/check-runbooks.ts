import type { RadioConfig } from '../config/radio-config.js';
import { ConfigError } from '../config/load-config.js';
import { bindArguments } from '../pipeline/bind-arguments.js';
import { parseCommandLine } from '../pipeline/parse-command-line.js';
import type { Registry } from '../pipeline/registry.js';
import { resolveCommand } from '../pipeline/resolve-command.js';
import { UserError } from '../pipeline/user-error.js';
import { STARTED, startedStamp, stepKind, stepTemplate, type Runbook, type RunbookStep } from './runbook.js';
import { placeholdersOf, substituteWords } from './substitute.js';
import { WAIT_CONDITIONS } from './wait-conditions.js';

/** A step whose template was checked at start: for commands and waits, its words before substitution. */
export interface CheckedStep {
  step: RunbookStep;
  kind: 'command' | 'wait' | 'manual';
  /** The template split into words (command and wait steps); substituted word by word when run. */
  words: string[];
}

/** A runbook every step of which was checked against the registry at start. */
export interface CheckedRunbook {
  runbook: Runbook;
  steps: CheckedStep[];
}

/** Words `runbook …` itself uses: a runbook can't be named so. */
export const RUNBOOK_VERBS = ['status', 'confirm', 'retry', 'skip', 'abort', 'proceed'];

/**
 * Checks runbooks as the dispatcher would read their steps (parse, look up, the command's flags and schema
 * with each argument's `example` substituted; wait conditions and their words; placeholders naming declared
 * arguments, optional ones only in steps `when` they are given), so a typo stops the start instead of a run
 * half-way. Custom runbooks (`runbooks` in the YAML) replace built-ins of the same name. A built-in that does
 * not check (its commands come from a branch not merged here) is left out, with `leftOut` saying why.
 *
 * @throws ConfigError naming each bad step (`runbooks[i].steps[j]`) and why.
 */
export function checkRunbooks(
  options: { builtIn: readonly Runbook[]; custom: readonly Runbook[]; where?: string },
  registry: Registry,
  radio: RadioConfig,
): { runbooks: CheckedRunbook[]; leftOut: { name: string; why: string }[] } {
  const where = options.where ?? 'runbooks';
  const problems: string[] = [];
  const leftOut: { name: string; why: string }[] = [];
  const runbooks: CheckedRunbook[] = [];
  const customNames = new Set(options.custom.map((runbook) => runbook.name));
  options.builtIn.forEach((runbook) => {
    if (customNames.has(runbook.name)) return;
    // A built-in's commands may come from a branch not merged here (an unknown command, or a shorter one
    // that exists, like `liquidsoap` for `liquidsoap create-channel`): it is left out, never a failed start.
    // test/runbooks/check-runbooks.unit.test.ts checks every built-in against the commands it expects.
    const found = checkOne(runbook, registry, radio);
    if (found.problems.length > 0)
      leftOut.push({ name: runbook.name, why: found.problems.map((p) => p.text).join(' ') });
    else runbooks.push(found.checked);
  });
  options.custom.forEach((runbook, index) => {
    const found = checkOne(runbook, registry, radio);
    if (found.problems.length > 0) problems.push(...found.problems.map((p) => `${where}[${index}]: ${p.text}`));
    else runbooks.push(found.checked);
  });
  const names = runbooks.map(({ runbook }) => runbook.name);
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index)))
    problems.push(`${where}: the runbook ${JSON.stringify(name)} is defined twice`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { runbooks, leftOut };
}

interface Problem {
  code: 'unknown_command' | 'other';
  text: string;
}

function checkOne(runbook: Runbook, registry: Registry, radio: RadioConfig) {
  const problems: Problem[] = [];
  const other = (text: string) => problems.push({ code: 'other', text });
  const first = runbook.name.split(' ')[0]!;
  if (RUNBOOK_VERBS.includes(first))
    other(`a runbook can't be named ${JSON.stringify(first)}: \`runbook ${first}\` is a command`);
  if (registry.get(`runbook ${runbook.name}`)) other(`\`runbook ${runbook.name}\` is a command already`);
  const declared = new Map(runbook.arguments.map((argument) => [argument.name, argument]));
  if (declared.size !== runbook.arguments.length) other('an argument is declared twice');
  for (const argument of runbook.arguments) {
    if (argument.name === STARTED)
      other(`argument ${STARTED}: the name is taken (\`{${STARTED}}\` is when the run was asked); choose another`);
    if (argument.type === 'boolean' && (argument.required || !argument.flag))
      other(`argument ${argument.name}: a boolean argument is an optional flag (\`flag: true, required: false\`)`);
    if (argument.type === 'string' && argument.example === undefined)
      other(`argument ${argument.name}: it needs an \`example\``);
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(argument.pattern, 's');
    } catch {
      other(`argument ${argument.name}: pattern ${JSON.stringify(argument.pattern)} is not a regular expression`);
    }
    if (pattern && argument.example !== undefined && !pattern.test(argument.example))
      other(`argument ${argument.name}: its example ${JSON.stringify(argument.example)} does not match its pattern`);
  }
  const examples = {
    ...Object.fromEntries(runbook.arguments.map((argument) => [argument.name, argument.example ?? true])),
    [STARTED]: startedStamp(new Date(0)),
  };
  const steps = runbook.steps.map((step, index): CheckedStep => {
    const at = `steps[${index}] (\`${stepTemplate(step)}\`)`;
    const template = stepTemplate(step);
    const before = problems.length;
    const { names, problems: bad } = placeholdersOf(template);
    for (const problem of bad) other(`${at}: ${problem}`);
    for (const name of step.when ?? [])
      if (declared.get(name)?.required !== false) other(`${at}: \`when: ${name}\` must name an optional argument`);
    for (const name of names.filter((name) => name !== STARTED)) {
      const argument = declared.get(name);
      if (!argument) other(`${at}: \`{${name}}\` is no argument of this runbook`);
      else if (argument.type === 'boolean') other(`${at}: \`{${name}}\` is a flag without a value: use it in \`when\``);
      else if (!argument.required && !(step.when ?? []).includes(name))
        other(`${at}: \`{${name}}\` is optional: give the step \`when: ${name}\``);
    }
    const kind = stepKind(step);
    if (kind === 'manual') return { step, kind, words: [] };
    // A line whose placeholders are wrong would only add a confusing second problem for the same typo.
    const substitutionsOk = problems.length === before;
    let words: string[] = [];
    try {
      words = parseCommandLine(template);
      const filled = substituteWords(words, examples);
      if (!substitutionsOk) return { step, kind, words };
      if (kind === 'command') checkCommandLine(filled, registry, radio);
      else checkWait(filled, registry, radio);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const details = error instanceof UserError ? error.details : [];
      problems.push({
        code: error instanceof UserError && error.code === 'unknown_command' ? 'unknown_command' : 'other',
        text: `${at}: ${[why, ...details].join(' ')}`,
      });
    }
    return { step, kind, words };
  });
  return { problems, checked: { runbook, steps } };
}

function checkCommandLine(words: readonly string[], registry: Registry, radio: RadioConfig): void {
  const { command, rest } = resolveCommand(registry, words);
  if (command.name.startsWith('runbook'))
    throw new UserError('usage', 'a runbook step cannot start or steer a runbook');
  const bound = bindArguments(command, rest);
  if (bound.dryRun) throw new UserError('usage', 'a step cannot be `--dry-run` (the whole run can)');
  command.risk(bound.args, radio);
}

function checkWait(words: readonly string[], registry: Registry, radio: RadioConfig): void {
  const [name = '', ...rest] = words;
  const condition = WAIT_CONDITIONS[name];
  if (!condition)
    throw new UserError('usage', `no wait condition \`${name}\` (known: ${Object.keys(WAIT_CONDITIONS).join(', ')})`);
  if (rest.length < condition.words.min || rest.length > condition.words.max)
    throw new UserError('usage', `Usage: ${condition.usage}`);
  if (name !== 'until') return;
  const { command, rest: args } = resolveCommand(registry, rest);
  if (command.risk(bindArguments(command, args).args, radio) !== 'read')
    throw new UserError('usage', `\`until\` polls a read command; \`${command.name}\` changes things`);
}
