import type { RadioConfig } from '../config/radio-config.js';
import type { Invocation, Risk } from './command.js';
import { UserError } from './user-error.js';

export type Role = 'viewer' | 'operator' | 'approver';

/** Who is in a Slack user group. Source: https://api.slack.com/methods/usergroups.users.list */
export interface Directory {
  /** @throws when membership can't be read; the caller then denies (fail closed). */
  groupMembers(groupId: string): Promise<readonly string[]>;
}

/** Roles add up: each risk is allowed to any of these roles. */
const ROLES_FOR: Record<Risk, Role[]> = {
  read: ['viewer', 'operator'],
  write: ['operator'],
  destructive: ['operator'],
};

/** Front doors where the request names a Slack workspace and channel that must be checked. */
const SLACK_SOURCES = new Set(['slack', 'button', 'alarm']);

/**
 * Decides whether `invocation`'s user may run a command of `risk` here. Fails closed: no roles
 * configured, an unreadable group, another team or an unlisted channel all deny.
 *
 * @throws UserError (`denied`) saying why.
 */
export async function authorize(
  invocation: Invocation,
  risk: Risk,
  config: RadioConfig,
  directory: Directory,
  /** The command's own roles (`approve` needs `approver`), instead of those of its risk. */
  required?: readonly Role[],
): Promise<void> {
  if (SLACK_SOURCES.has(invocation.source)) {
    const { teamId, channels } = config.slack;
    if (!teamId || invocation.teamId !== teamId) {
      throw new UserError('denied', 'This workspace is not allowed to use radio-ops.');
    }
    if (channels.length > 0 && !channels.includes(invocation.channelId ?? '')) {
      throw new UserError('denied', `/radio can't be used in this channel. Allowed channels: ${channels.join(', ')}.`);
    }
  }
  const roles = required ?? ROLES_FOR[risk];
  for (const role of roles) {
    if (await holdsRole(invocation.userId, role, config, directory)) return;
  }
  throw new UserError(
    'denied',
    required
      ? `You need the ${roles.join(' or ')} role for this.`
      : `You need the ${roles.join(' or ')} role to run a ${risk} command.`,
  );
}

/** Whether `userId` holds `role`, directly, through `*`, or through a user group. */
export async function holdsRole(
  userId: string,
  role: Role,
  config: RadioConfig,
  directory: Directory,
): Promise<boolean> {
  const members = config.roles[role];
  if (members.includes('*') || members.includes(userId)) return true;
  for (const groupId of members.filter((member) => member.startsWith('S'))) {
    let groupMembers: readonly string[];
    try {
      groupMembers = await directory.groupMembers(groupId);
    } catch {
      throw new UserError(
        'denied',
        `Could not check your membership of a group with the ${role} role, so the request is denied. Try again shortly.`,
      );
    }
    if (groupMembers.includes(userId)) return true;
  }
  return false;
}
