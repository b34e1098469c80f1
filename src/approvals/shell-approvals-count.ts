import type { RadioConfig } from '../config/radio-config.js';

/**
 * Whether an approval given in `radio-ops shell` counts towards the two-person rule. Pure.
 *
 * - Without a YAML file (the demo: `U0LOCAL`, `/as` to switch, everyone holds every role) it counts,
 *   so the two-person flow can be tried alone; nothing real is at stake there.
 * - With a YAML file it counts only when `approvals.allowShell: true`: by default one person at a
 *   keyboard, who can start the shell as any `--user`, must not pass the two-person rule.
 *
 * The approvals step calls this for approvals whose `source` is `shell`; other sources are unaffected.
 *
 * @param hasConfigFile whether `RADIO_CONFIG` named a file (`Config.configPath` is set).
 */
export function shellApprovalsCount(radio: Pick<RadioConfig, 'approvals'>, hasConfigFile: boolean): boolean {
  return !hasConfigFile || radio.approvals.allowShell;
}
