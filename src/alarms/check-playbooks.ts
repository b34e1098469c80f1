import type { RadioConfig } from '../config/radio-config.js';
import { ConfigError } from '../config/load-config.js';
import { bindArguments } from '../pipeline/bind-arguments.js';
import { parseCommandLine } from '../pipeline/parse-command-line.js';
import type { Registry } from '../pipeline/registry.js';
import { resolveCommand } from '../pipeline/resolve-command.js';
import { UserError } from '../pipeline/user-error.js';
import { commandTargets, type ResourceTarget } from './command-targets.js';
import type { Playbook, PlaybookButton, PlaybookMatch } from './playbook.js';

/** A playbook button whose command line parsed and validated, with the resources it acts on. */
export interface CheckedButton extends PlaybookButton {
  targets: ResourceTarget[];
}

/** A playbook whose every button was checked against the registry at start. */
export interface CheckedPlaybook {
  match: PlaybookMatch;
  buttons: CheckedButton[];
}

/**
 * Checks every playbook button's command line as the dispatcher would read it (parse, look up, the
 * command's flags and argument schema, configured ECS aliases), so a typo stops the start instead of
 * failing when pressed during an incident. Roles and plans are left to the press: they depend on who
 * presses and on the current state. `where` prefixes each problem (the YAML's path).
 *
 * @throws ConfigError naming each bad button (`alarms.playbooks[i].buttons[j] ("label")`) and why.
 */
export function checkPlaybooks(
  playbooks: readonly Playbook[],
  registry: Registry,
  radio: RadioConfig,
  where = 'alarms.playbooks',
): CheckedPlaybook[] {
  const problems: string[] = [];
  const checked = playbooks.map((playbook, p) => ({
    match: playbook.match,
    buttons: playbook.buttons.flatMap((button, b) => {
      try {
        return [{ ...button, targets: buttonTargets(button.command, registry, radio) }];
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        const details = error instanceof UserError ? error.details : [];
        problems.push(
          `${where}[${p}].buttons[${b}] (${JSON.stringify(button.label)}): \`${button.command}\`: ${[why, ...details].join(' ')}`,
        );
        return [];
      }
    }),
  }));
  if (problems.length > 0) throw new ConfigError(problems);
  return checked;
}

function buttonTargets(line: string, registry: Registry, radio: RadioConfig): ResourceTarget[] {
  const { command, rest } = resolveCommand(registry, parseCommandLine(line));
  return commandTargets(command, bindArguments(command, rest).args, radio);
}
