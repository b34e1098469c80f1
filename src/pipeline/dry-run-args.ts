/**
 * How a plan-only execution is marked where it is stored: its arguments with `dryRun: true`. The audit
 * log's `args` (every row of a `--dry-run`, and of an approved request that can only be planned) and an
 * approval's stored `args` carry it, so each row and card says it was a dry run. Pure.
 */
export const withDryRun = (args: unknown): Record<string, unknown> => ({ ...(args as object), dryRun: true });

/** Whether stored arguments are those of a plan-only execution (see {@link withDryRun}). */
export const isDryRun = (args: unknown): boolean =>
  typeof args === 'object' && args !== null && (args as { dryRun?: unknown }).dryRun === true;

/** The command's own arguments, without the mark (what `plan` and `run` take). */
export function withoutDryRun(args: unknown): unknown {
  if (!isDryRun(args)) return args;
  const { dryRun: _mark, ...own } = args as Record<string, unknown>;
  return own;
}
