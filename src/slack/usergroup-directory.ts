import type { WebClient } from '@slack/web-api';
import type { Directory } from '../pipeline/authorize.js';

/**
 * Group membership from `usergroups.users.list`, cached for `ttlMs` (default 60 s) so a burst of
 * commands costs one call. A failed call is not cached and throws, so the caller denies (fail closed).
 * Source: https://api.slack.com/methods/usergroups.users.list (Tier 2 rate limit)
 */
export function createUsergroupDirectory(client: WebClient, ttlMs = 60_000, now = () => Date.now()): Directory {
  const cache = new Map<string, { members: readonly string[]; until: number }>();
  return {
    async groupMembers(groupId) {
      const cached = cache.get(groupId);
      if (cached && cached.until > now()) return cached.members;
      const response = await client.usergroups.users.list({ usergroup: groupId });
      if (!response.ok || !Array.isArray(response.users))
        throw new Error(`usergroups.users.list failed: ${response.error ?? 'no users'}`);
      cache.set(groupId, { members: response.users, until: now() + ttlMs });
      return response.users;
    },
  };
}
