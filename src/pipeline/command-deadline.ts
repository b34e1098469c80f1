import type { RadioConfig } from '../config/radio-config.js';
import type { AnyCommand } from './command.js';

/**
 * The longest a command may ask to run (`CommandDefinition.deadline`): a 5-minute `logs --follow` and its
 * margin. Past it a run would outlive what a front door can keep answering on (Slack's `response_url` is
 * usable for 30 minutes, and a shell line blocks the prompt).
 */
export const MAX_COMMAND_DEADLINE_MS = 6 * 60_000;

/**
 * The deadline of one run in milliseconds: `deadlines.command`, or longer when the command asks for more for
 * these arguments (`logs --follow 60s`), never past {@link MAX_COMMAND_DEADLINE_MS}. A command can't shorten it.
 */
export function commandDeadline(command: AnyCommand, args: unknown, config: RadioConfig): number {
  const standard = config.deadlines.command;
  const asked = command.deadline?.(args, config);
  if (asked === undefined || !Number.isFinite(asked) || asked <= standard) return standard;
  return Math.min(asked, MAX_COMMAND_DEADLINE_MS);
}
