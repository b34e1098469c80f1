import { z } from 'zod';
import { parseDuration } from '../config/duration.js';

const Duration = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, 'a duration like 90s, 30m, 2h or 7d')
  .transform((text) => parseDuration(text) as number);

const NAME = /^[a-z][a-z0-9-]*$/;
const WHEN_NAME = 'the name of an optional argument, like db (lower-case letters, digits and -)';

/**
 * A value a runbook argument accepts when it names no `pattern`: letters, digits, spaces and `._:/-`, not
 * starting with `-` (a value is substituted as one word of a step's command line, never re-split, and
 * must not read as a flag).
 */
export const DEFAULT_ARGUMENT_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,199}$';

/**
 * One argument of a runbook: positional (in order) unless `flag` (`--name value`). Values are strings;
 * `example` is what the start check substitutes to validate each step's command line, and what `runbooks` shows.
 */
export const RunbookArgument = z.strictObject({
  name: z.string().regex(NAME, 'a lower-case name like slug or node-type'),
  flag: z.boolean().default(false),
  /** `boolean`: a flag without a value (`--rebuild-host`), only for `when`; never substituted. */
  type: z.enum(['string', 'boolean']).default('string'),
  required: z.boolean().default(true),
  pattern: z.string().default(DEFAULT_ARGUMENT_PATTERN),
  /** What `pattern` accepts, in words (`a whole number from 0 to 99`): said when a value is refused. */
  accepts: z.string().min(1).max(200).optional(),
  /** Required for a `string` argument. */
  example: z.string().min(1).optional(),
});
export type RunbookArgument = z.infer<typeof RunbookArgument>;

/** Fields every step may have: a title for the checklist, and `when` (the optional arguments the step needs: it runs only when all are given). */
const StepCommon = {
  title: z.string().min(1).max(120).optional(),
  when: z
    .union([z.string().regex(NAME, WHEN_NAME), z.array(z.string().regex(NAME, WHEN_NAME)).min(1)])
    .transform((when) => (typeof when === 'string' ? [when] : when))
    .optional(),
};

/**
 * A command line of the registry with `{argument}` placeholders (each word substituted on its own, so a
 * value never becomes two words). `approval: own`: the step asks a second person again when it is reached.
 * `plannedWhenReached`: the step's plan depends on what earlier steps do (`invalidate {slug}` after the row
 * `channel add` inserts), so its command refusing now is said and left to when it is reached; without it a
 * step refused now (a value outside an allow-list) refuses the whole start, before anything is done.
 */
export const CommandStep = z.strictObject({
  ...StepCommon,
  command: z.string().min(1).max(500),
  approval: z.literal('own').optional(),
  plannedWhenReached: z.boolean().optional(),
});

/**
 * A condition polled until it holds (`on-air {slug}`, `rds-available`, `until <read command line>`), every
 * `every`, given up after `timeout` (the step fails; retry/skip/abort are offered).
 */
export const WaitStep = z.strictObject({
  ...StepCommon,
  wait: z.string().min(1).max(500),
  timeout: Duration.default(10 * 60_000),
  every: Duration.default(10_000),
});

/** Something a person does and confirms (`runbook confirm <run>`); the text may hold the exact snippet. */
export const ManualStep = z.strictObject({ ...StepCommon, manual: z.string().min(1).max(3000) });

export const RunbookStep = z.union([CommandStep, WaitStep, ManualStep]);
export type RunbookStep = z.infer<typeof RunbookStep>;
export type CommandStep = z.infer<typeof CommandStep>;
export type WaitStep = z.infer<typeof WaitStep>;
export type ManualStep = z.infer<typeof ManualStep>;

/**
 * A runbook as data (`runbooks[]` in the YAML, or built in): started with `runbook <name> <arguments>`.
 * Names are lower-case words (`dr restore`); `runbook <name>` becomes a command of its own.
 */
export const Runbook = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?$/, 'lower-case words like new-channel or dr restore'),
  summary: z.string().min(1).max(200),
  arguments: z.array(RunbookArgument).default([]),
  steps: z.array(RunbookStep).min(1).max(30),
});
export type Runbook = z.infer<typeof Runbook>;
/** A runbook as written (durations still text): what built-ins are declared as. */
export type RunbookInput = z.input<typeof Runbook>;

export const stepKind = (step: RunbookStep): 'command' | 'wait' | 'manual' =>
  'command' in step ? 'command' : 'wait' in step ? 'wait' : 'manual';

/** The step's template: its command line, wait condition or manual text. */
export const stepTemplate = (step: RunbookStep): string =>
  'command' in step ? step.command : 'wait' in step ? step.wait : step.manual;

/** A run's arguments: strings, and `true` for a boolean flag given. */
export type RunArguments = Record<string, string | boolean>;

/** The zod schema of a runbook's arguments, as bound from `runbook <name> …` (keyed by name). */
/**
 * `{started}` in any step: when the run was asked, `yyyymmdd-hhmm` UTC, bound into its arguments then (and stored
 * with its approval), so a name made from it (`--as radio-db-restored-{started}`) is the same on the card, at the
 * approval's recheck, in the run and in a retried step (the restore's idempotency key). Not an argument people give.
 */
export const STARTED = 'started';
export const startedStamp = (at: Date) =>
  at.toISOString().slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '');

export function argumentsSchema(runbook: Pick<Runbook, 'arguments'>): z.ZodType<RunArguments> {
  const shape = Object.fromEntries(
    runbook.arguments.map((argument) => {
      if (argument.type === 'boolean') return [argument.name, z.boolean().optional()];
      const value = z.string().regex(new RegExp(argument.pattern, 's'), `must be ${acceptedWords(argument)}`);
      return [argument.name, argument.required ? value : value.optional()];
    }),
  );
  // `started` kept when it is already bound (an approved request's stored arguments), else set now.
  return z
    .strictObject({
      ...shape,
      [STARTED]: z
        .string()
        .regex(/^\d{8}-\d{4}$/)
        .optional(),
    })
    .transform((args) => ({
      ...args,
      [STARTED]: args[STARTED] ?? startedStamp(new Date()),
    })) as unknown as z.ZodType<RunArguments>;
}

/**
 * What an argument accepts, in words, for a refused value: its `accepts`, the default pattern described,
 * or (a custom pattern nobody described) the pattern itself, always with the example.
 */
function acceptedWords(argument: RunbookArgument): string {
  const like = argument.example === undefined ? '' : ` (like ${argument.example})`;
  if (argument.accepts) return `${argument.accepts}${like}`;
  if (argument.pattern === DEFAULT_ARGUMENT_PATTERN)
    return `unaccented letters (A-Z), digits, spaces and . _ : / -, starting with a letter or digit, at most 200 characters${like}`;
  return `text matching the pattern ${argument.pattern}${like}`;
}
