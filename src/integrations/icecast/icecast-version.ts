import type { IcecastAdminApi, IcecastVersion } from './icecast-operations.js';

/**
 * The version in a `server_id` (`Icecast 2.4.4`, `Icecast 2.5.0`, `Icecast 2.4.999.2`); undefined when the
 * operator replaced it (`<server-id>` in icecast.xml) with text that names none.
 */
export function parseIcecastVersion(serverId: string | undefined): IcecastVersion | undefined {
  const match = /\bIcecast\s+(\d+)\.(\d+)\.(\d+)/i.exec(serverId ?? '');
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/**
 * The admin API of a version: 2.5 and later (and 2.5's betas and release candidates, which configure.ac names
 * 2.4.99.x and 2.4.999.x) want POST for actions and have `/admin/stats.json`; anything else, an unknown version
 * included, gets 2.4's GET, which 2.5 also accepts unless it runs in strict mode.
 */
export function icecastAdminApi(version: IcecastVersion | undefined): IcecastAdminApi {
  if (!version) return '2.4';
  const { major, minor, patch } = version;
  return major > 2 || (major === 2 && (minor >= 5 || (minor === 4 && patch >= 99))) ? '2.5' : '2.4';
}
