import type { z } from 'zod';
import type { ApprovalService } from '../approvals/approval-service.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations, IntegrationsWith } from '../integrations/integrations.js';
import type { ModuleId } from '../integrations/modules.js';
import type { Role } from './authorize.js';
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
  /**
   * What was pressed, when a press must not make a second approval request while one it made is pending:
   * the alarm card button's stored id (`run_…`).
   */
  origin?: string;
}

/** One API call a write will make, exactly as it will be sent: shown in dry-runs and approval cards. */
export interface PlannedCall {
  /** The platform and service, e.g. `ECS`, `CloudFront`, `Redis`. */
  service: string;
  /** The operation's own name, e.g. `UpdateService`, `CreateInvalidation`, `UNLINK`. */
  operation: string;
  input: unknown;
}

/**
 * What a write would do, computed without changing anything: the current state, the exact calls,
 * warnings, and data `run` and `recheck` need. Dry-runs show it; approvals store and re-check it.
 */
export interface Plan<State = unknown> {
  /** What is true now, as label/value pairs (`desiredCount`: `2`). */
  current: [label: string, value: string][];
  calls: PlannedCall[];
  warnings: string[];
  /**
   * What the plan is made of, when `calls` alone would mislead (a runbook: its steps, some planned only when
   * reached): said instead of "nothing to change" and above the calls.
   */
  outline?: string;
  /**
   * Some of the work only plans in this process (a runbook with AWS steps and no AWS credentials): the "Dry run
   * only …" sentence naming those steps, shown right under the heading (the approval card's title says so too).
   */
  partlyPlanOnly?: string;
  /** Text a person needs exactly as written (a runbook's manual step: the icecast.xml snippet), shown as code. */
  snippets?: string[];
  /** Raises the risk when only the current state shows it (`scale n8n -3` from 3 is below the minimum). */
  escalate?: { risk: 'destructive'; because: string };
  state: State;
}

/**
 * What `plan` and `run` receive: validated arguments and the integrations, nothing global. The clients
 * of the modules the command `needs` are present (the dispatcher answers `not_configured` before `plan`
 * otherwise), so they are typed non-optional.
 */
export interface RunContext<Args, Needs extends readonly ModuleId[] = readonly []> {
  args: Args;
  config: RadioConfig;
  integrations: IntegrationsWith<Needs>;
  invocation: Invocation;
  /**
   * The key a retry must not repeat work under, for `CallerReference`/`ClientToken`: the approval id of
   * an approved execution, else the invocation's `requestId`.
   */
  idempotencyKey: string;
  /** The global `--reason "…"`, when given. */
  reason?: string;
  /**
   * Aborted when the command's deadline passes (config `deadlines.command`, or the command's own
   * `deadline`): pass it to SDK calls
   * (`client.send(command, { abortSignal })`) and long loops, so abandoned work stops.
   */
  signal?: AbortSignal;
  /**
   * The two-person gate, for the commands that decide requests (`approve`, `reject`, `cancel`,
   * `approvals`). A gate the dispatcher holds, not an integration; absent where approvals are not available.
   */
  approvals?: ApprovalService;
  /** Shows `reply` to the person who asked at once, while the run goes on (absent where nothing can be shown). */
  progress?: (reply: Reply) => void;
}

/**
 * A command as data. Adding one is a file in `src/commands/`, a line in `src/commands/index.ts`,
 * and a test file.
 */
export interface CommandDefinition<Args, Result, Needs extends readonly ModuleId[] = readonly []> {
  /** Canonical name: lower-case words separated by one space (`db slow-queries`). */
  name: string;
  usage: string;
  summary: string;
  examples: string[];
  /** Argument names taken from the words after the command name, in order. */
  positional: readonly string[];
  /** `--name value` (`string`) and `--name` (`boolean`) flags; `--reason` is global and never listed here. */
  flags: Readonly<Record<string, 'string' | 'boolean'>>;
  /**
   * The integration modules (`src/integrations/modules.ts`) `plan` and `run` use; when one is not set up in
   * this process, the dispatcher answers `not_configured` with its text before planning.
   */
  needs?: Needs;
  /** Validates what was typed (strings and booleans keyed by positional and flag name). */
  args: z.ZodType<Args>;
  /** Pure: from arguments and config only, no I/O. */
  risk: (args: Args, config: RadioConfig) => Risk;
  /**
   * Pure: milliseconds this run needs when more than `deadlines.command` (`logs --follow 60s`: 60 s and a
   * margin), else `undefined`. Bounded by `MAX_COMMAND_DEADLINE_MS` (src/pipeline/command-deadline.ts).
   */
  deadline?: (args: Args, config: RadioConfig) => number | undefined;
  /**
   * The roles that may run it (any of them), checked by the authorize step before anything is audited as
   * started; default: the roles of its risk (read: viewer or operator; write and destructive: operator).
   */
  requires?: readonly Role[];
  /**
   * Answers from the registry alone (`help`): not an operation, so it touches no database and is never
   * audited, not even when refused (the role check still applies).
   */
  informational?: boolean;
  /**
   * `run` starts something that goes on after the answer and writes this request's outcome row itself, under
   * the same request id, when it really ends (a runbook run: src/runbooks/run-reporting.ts). Its `run`
   * returning is then audited as nothing more than `started`, never as the whole thing's success; a `run` that
   * throws, and a dry run, are audited as usual.
   */
  auditsOwnEnd?: boolean;
  /** For writes: what would be done, read-only. Commands with a plan accept `--dry-run`. */
  plan?(context: RunContext<Args, Needs>): Promise<Plan>;
  /**
   * Why what changed between the approved plan and the plan just before running matters, or
   * `undefined` when it does not (a drifting key count should not block a clear).
   */
  recheck?(planThen: Plan, planNow: Plan): string | undefined;
  /**
   * Why this command can only be planned right now (no AWS credentials, `aws.mode: dry-run`), or
   * `undefined` when it may run.
   */
  dryRunOnly?(integrations: Integrations): string | undefined;
  /** Does it: `plan` is the one computed just before (and approved, for destructive ones). */
  run(context: RunContext<Args, Needs> & { plan?: Plan }): Promise<Result>;
  /** Pure: result data to a platform-neutral reply. */
  present(result: Result, args: Args): Reply;
}

// The registry holds commands of every argument type; `any` is confined to this alias.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDefinition<any, any, any>;

/** Identity with types: lets a command file infer `Args` from its zod schema and `Needs` from its `needs`. */
export function defineCommand<Args, Result, const Needs extends readonly ModuleId[] = readonly []>(
  definition: CommandDefinition<Args, Result, Needs>,
): CommandDefinition<Args, Result, Needs> {
  return definition;
}
