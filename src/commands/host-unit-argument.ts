import type { RadioConfig } from '../config/radio-config.js';
import { UserError } from '../pipeline/user-error.js';

/**
 * `unit` when it is one of `host.units`, else a `usage` error naming them: only allow-listed units reach the host's
 * shell, whatever the argument's own pattern allows.
 */
export function allowedUnit(unit: string, config: RadioConfig): string {
  if (!config.host.units.includes(unit)) {
    throw new UserError(
      'usage',
      `\`${unit}\` is not in host.units (${config.host.units.join(', ')}). Nothing was sent.`,
    );
  }
  return unit;
}
