import type { z } from 'zod';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import type { Reply } from './reply.js';

/** How much harm a command can do: decides the role it needs and whether a second person must approve. */
export type Risk = 'read' | 'write' | 'destructive';

/** Where a request came from; stored in `audit_events.source`. */
export type Source = 'slack' | 'shell' | 'button' | 'alarm';

/** Who asked, where, and with what words: one per invocation. */
export interface Invocation {
  /** One uuid per invocation; every audit row of it carries this. */
  requestId: string;
  source: Source;
  /** Slack user id (`U…`/`W…`), never a display name. */
  userId: string;
  userName?: string;
  teamId?: string;
  channelId?: string;
  /** The text as typed, before normalization. */
  text: string;
}

/** What `run` receives: validated arguments and the integrations, nothing global. */
export interface RunContext<Args> {
  args: Args;
  config: RadioConfig;
  integrations: Integrations;
  invocation: Invocation;
}

/**
 * A command as data. Adding one is a file in `src/commands/`, a line in `src/commands/index.ts`,
 * and a test file.
 */
export interface CommandDefinition<Args, Result> {
  /** Canonical name: lower-case words separated by one space (`db slow-queries`). */
  name: string;
  usage: string;
  summary: string;
  examples: string[];
  /** Argument names taken from the words after the command name, in order. */
  positional: readonly string[];
  /** `--name value` (`string`) and `--name` (`boolean`) flags; `--reason` is global and never listed here. */
  flags: Readonly<Record<string, 'string' | 'boolean'>>;
  /** Validates what was typed (strings and booleans keyed by positional and flag name). */
  args: z.ZodType<Args>;
  /** Pure: from arguments and config only, no I/O. */
  risk: (args: Args, config: RadioConfig) => Risk;
  run(context: RunContext<Args>): Promise<Result>;
  /** Pure: result data to a platform-neutral reply. */
  present(result: Result, args: Args): Reply;
}

// The registry holds commands of every argument type; `any` is confined to this alias.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDefinition<any, any>;

/** Identity with types: lets a command file infer `Args` from its zod schema. */
export function defineCommand<Args, Result>(definition: CommandDefinition<Args, Result>): CommandDefinition<Args, Result> {
  return definition;
}
