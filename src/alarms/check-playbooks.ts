import type { RadioConfig } from '../config/radio-config.js';
import { ConfigError } from '../config/load-config.js';
import { bindArguments } from '../pipeline/bind-arguments.js';
import { parseCommandLine } from '../pipeline/parse-command-line.js';
import type { Registry } from '../pipeline/registry.js';
import { resolveCommand } from '../pipeline/resolve-command.js';
import { UserError } from '../pipeline/user-error.js';
import { commandTargets, type ResourceTarget } from './command-targets.js';
import type { Playbook, PlaybookButton, PlaybookMatch } from './playbook.js';
import { fillPlaceholders, placeholdersOf } from './playbook-placeholders.js';

/** A playbook button whose command line parsed and validated, with the resources it acts on. */
export interface CheckedButton extends PlaybookButton {
  targets: ResourceTarget[];
}

/** A playbook whose every button was checked against the registry at start. */
export interface CheckedPlaybook {
  match: PlaybookMatch;
  buttons: CheckedButton[];
}

/** Playbooks the server adds after the configured ones (the on-air cards'), and what to do with their unknown commands. */
export interface BuiltInPlaybooks {
  /** Appended after the configured playbooks, so a configured one that matches the same alarms wins. */
  builtIn?: readonly Playbook[];
  /**
   * Called for each built-in button whose command is not registered (left out rather than stopping the start:
   * its command may come with a later version); any other problem with a built-in line still stops the start.
   */
  leftOut?: (command: string) => void;
}

/**
 * Checks every playbook button's command line as the dispatcher would read it (parse, look up, the
 * command's flags and argument schema, configured ECS aliases, its risk), so a typo stops the start instead of
 * failing when pressed during an incident. A `{Dimension}` placeholder is checked with a sample value: the
 * playbook's `match.dimensions` value, else for `Channel` the first of `station.channels`, else `sample`.
 * Roles and plans are left to the press: they depend on who presses and on the current state. `where`
 * prefixes each problem (the YAML's path).
 *
 * @throws ConfigError naming each bad button (`alarms.playbooks[i].buttons[j] ("label")`) and why.
 */
export function checkPlaybooks(
  playbooks: readonly Playbook[],
  registry: Registry,
  radio: RadioConfig,
  where = 'alarms.playbooks',
  options: BuiltInPlaybooks = {},
): CheckedPlaybook[] {
  const problems: string[] = [];
  const check = (playbook: Playbook, at: string, builtIn: boolean): CheckedPlaybook => ({
    match: playbook.match,
    buttons: playbook.buttons.flatMap((button, b) => {
      try {
        return [{ ...button, targets: buttonTargets(button.command, playbook.match, registry, radio) }];
      } catch (error) {
        if (builtIn && error instanceof UserError && error.code === 'unknown_command') {
          options.leftOut?.(button.command);
          return [];
        }
        const why = error instanceof Error ? error.message : String(error);
        const details = error instanceof UserError ? error.details : [];
        problems.push(
          `${at}.buttons[${b}] (${JSON.stringify(button.label)}): \`${button.command}\`: ${[why, ...details].join(' ')}`,
        );
        return [];
      }
    }),
  });
  const checked = [
    ...playbooks.map((playbook, p) => check(playbook, `${where}[${p}]`, false)),
    ...(options.builtIn ?? []).map((playbook, p) => check(playbook, `the built-in playbooks[${p}]`, true)),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return checked;
}

/** A value for `{name}` at start, when no alarm is at hand. */
function sampleValue(name: string, match: PlaybookMatch, radio: RadioConfig): string {
  return match.dimensions?.[name] ?? (name === 'Channel' ? radio.station.channels[0]?.slug : undefined) ?? 'sample';
}

/**
 * The resources the line acts on. A dimension filled from the alarm is left out: the button then acts on the
 * alarm's own resource by construction, whatever the sample was.
 */
function buttonTargets(line: string, match: PlaybookMatch, registry: Registry, radio: RadioConfig): ResourceTarget[] {
  const filled = fillPlaceholders(line, (name) => sampleValue(name, match, radio));
  const sampled = 'command' in filled ? filled.command : line;
  const { command, rest } = resolveCommand(registry, parseCommandLine(sampled));
  const filledFromAlarm = new Set(placeholdersOf(line));
  const { args } = bindArguments(command, rest);
  // The risk is decided from the line and the config alone: where it refuses (a runbook none of whose steps
  // these arguments give), so would every press.
  command.risk(args, radio);
  return commandTargets(command, args, radio).filter((target) => !filledFromAlarm.has(target.dimension));
}
