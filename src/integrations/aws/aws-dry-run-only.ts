import type { Integrations } from '../integrations.js';

/**
 * `dryRunOnly` for every AWS command: without live AWS access the command only plans, and says why.
 * Used as `dryRunOnly: awsDryRunOnly` in a command definition.
 */
export function awsDryRunOnly(integrations: Integrations): string | undefined {
  if (!integrations.aws) return 'AWS is not set up for this process.';
  return integrations.aws.mode === 'dry-run' ? (integrations.aws.reason ?? 'AWS is in dry-run mode.') : undefined;
}
