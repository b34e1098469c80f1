import type { RadioConfig } from '../config/radio-config.js';
import { showControls } from '../render/visible-controls.js';

/** The local user of the demo (no YAML file). */
export const DEMO_USER = 'U0LOCAL';

/** A Slack user id as `--user` and `/as` take it. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Who the shell acts as, and whether that is the demo identity (which `/as` may switch). */
export interface ShellIdentity {
  userId: string;
  /** True without a YAML file: every user holds every role, `/as` switches user, every prompt says "demo". */
  demo: boolean;
}

/** Thrown for a shell invocation that can't start as asked (exit code 2). */
export class ShellUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellUsageError';
  }
}

/**
 * Decides who the shell acts as. Without a YAML file (and only on the embedded database): `--user` if
 * given, else `U0LOCAL`, in the demo. With one: `--user` is required and the file's roles apply.
 *
 * @param user the `--user` option, a Slack user id (`U…`/`W…`).
 * @throws ShellUsageError when `--user` is missing with a YAML file, or is not a user id, or when
 *   `DATABASE_URL` is set without a YAML file.
 */
export function shellIdentity(
  configPath: string | undefined,
  user: string | undefined,
  /** `DATABASE_URL`: a real bot database, where the demo identity would approve real requests. */
  databaseUrl?: string,
): ShellIdentity {
  if (user !== undefined && !SLACK_USER_ID.test(user))
    throw new ShellUsageError(`--user takes a Slack user id like U0ALICE, not "${showControls(user)}".`);
  if (!configPath && databaseUrl) {
    // The demo gives everyone every role and lets /as switch person: one keyboard would be two approvers.
    throw new ShellUsageError(
      'radio-ops shell: DATABASE_URL is set, so RADIO_CONFIG is required (with --user): the demo identity, which holds every role, runs only on the embedded database.',
    );
  }
  if (!configPath) return { userId: user ?? DEMO_USER, demo: true };
  if (!user) {
    throw new ShellUsageError(
      `radio-ops shell: --user is required with RADIO_CONFIG (${configPath}): the file's roles decide what that user may do, e.g. --user U0ALICE.`,
    );
  }
  return { userId: user, demo: false };
}

/**
 * The demo's roles: every user holds every role. `*` means "everyone in `slack.teamId`" for Slack
 * requests, but the demo config has no `teamId`, so Slack requests are refused whatever the roles;
 * the shell (which has no workspace) is the only front door they open. Pure.
 */
export function demoRadioConfig(radio: RadioConfig): RadioConfig {
  return {
    ...radio,
    slack: { ...radio.slack, teamId: undefined },
    roles: { viewer: ['*'], operator: ['*'], approver: ['*'] },
  };
}
