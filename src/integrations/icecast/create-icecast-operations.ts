import { UserError } from '../../pipeline/user-error.js';
import {
  createIcecastHttp,
  IcecastAdminRefused,
  icecastReason,
  type IcecastHttp,
  type IcecastHttpOptions,
  type IcecastRequest,
} from './icecast-http.js';
import { metadataRefusal, metadataTextProblem, mountProblem } from './icecast-metadata.js';
import type { IcecastAdminApi, IcecastOperations, IcecastStats, IcecastStatsEndpoint } from './icecast-operations.js';
import { icecastAdminApi, parseIcecastVersion } from './icecast-version.js';
import {
  IcecastStatsFormatError,
  parseAdminStatsJson,
  parseAdminStatsXml,
  parseIceResponse,
  parseStatusJson,
  type RawIcecastStats,
} from './parse-icecast-stats.js';

const PARSERS: Record<IcecastStatsEndpoint, (body: string) => RawIcecastStats> = {
  '/admin/stats': parseAdminStatsXml,
  '/admin/stats.json': parseAdminStatsJson,
  '/status-json.xsl': parseStatusJson,
};

/** Icecast's answer to an admin action on a mount without a source (2.4: `400 - Source does not exist`). */
const NO_SOURCE = /Source (does not exist|is not available)/i;

const noSource = (mount: string, baseUrl: string) =>
  new UserError('precondition', `No source is connected to \`${mount}\` on Icecast at ${baseUrl}; nothing was done.`);

/**
 * {@link IcecastOperations} over HTTP. The admin API (2.4 or 2.5) comes from `server_id` (or the `Server` header)
 * of the last stats read that named a version, and is remembered by this instance, so an action needs no extra
 * round trip once stats were read. A server whose id names no version is spoken to as 2.4.
 */
export function createIcecastOperations(options: IcecastHttpOptions): IcecastOperations {
  const http: IcecastHttp = createIcecastHttp(options);
  let api: IcecastAdminApi | undefined;

  async function read(request: IcecastRequest & { path: IcecastStatsEndpoint }, note?: string): Promise<IcecastStats> {
    const response = await http.request(request);
    if (response.status !== 200) throw http.failure(request, response);
    let raw: RawIcecastStats;
    try {
      raw = PARSERS[request.path](response.body);
    } catch (error) {
      if (!(error instanceof IcecastStatsFormatError)) throw error;
      throw new UserError(
        'unavailable',
        `Icecast at ${http.baseUrl} answered \`${request.path}\` with something else than its stats (${error.message}).`,
      );
    }
    // Icecast 2.4 fills server_id in its stats a moment after it starts; its Server header is there at once.
    const version = parseIcecastVersion(raw.serverId) ?? parseIcecastVersion(response.server);
    if (version) api = icecastAdminApi(version);
    return {
      serverId: raw.serverId || (response.server ?? ''),
      ...(version && { version }),
      api: api ?? '2.4',
      endpoint: request.path,
      ...(note && { note }),
      mounts: raw.mounts,
    };
  }

  async function stats(signal?: AbortSignal): Promise<IcecastStats> {
    const publicStats = (note?: string) => read({ method: 'GET', path: '/status-json.xsl', signal }, note);
    if (!http.hasAdmin) return publicStats();
    const path = api === '2.5' ? '/admin/stats.json' : '/admin/stats';
    try {
      return await read({ method: 'GET', path, admin: true, signal });
    } catch (error) {
      // A refused password must not take the station's status down with it: read the public one, and say why.
      if (!(error instanceof IcecastAdminRefused)) throw error;
      return publicStats(`${error.message} The public /status-json.xsl was read instead.`);
    }
  }

  function requireAdmin(what: string) {
    if (!http.hasAdmin) {
      throw new UserError(
        'not_configured',
        `Icecast's admin password is not set (ICECAST_ADMIN_PASSWORD), so radio-ops can't ${what}.`,
      );
    }
  }

  /** Runs an admin action on `mount`: GET on 2.4, POST on 2.5 (an unsafe method, as 2.5's admin.c wants). */
  async function act(
    actionApi: IcecastAdminApi,
    path: string,
    params: Record<string, string> & { mount: string },
    signal?: AbortSignal,
  ) {
    const request: IcecastRequest = {
      method: actionApi === '2.5' ? 'POST' : 'GET',
      path,
      params,
      admin: true,
      write: true,
      signal,
    };
    const response = await http.request(request);
    if (response.status === 400 && NO_SOURCE.test(icecastReason(response.body)))
      throw noSource(params.mount, http.baseUrl);
    if (response.status !== 200) throw http.failure(request, response);
    const answer = parseIceResponse(response.body);
    if (!answer) {
      throw new UserError(
        'outcome_unknown',
        `Icecast at ${http.baseUrl} answered \`${request.method} ${path}\` with something else than an admin response: check \`${params.mount}\` before trying again.`,
      );
    }
    return answer;
  }

  function validate(problem: string | undefined) {
    if (problem) throw new UserError('usage', problem);
  }

  return {
    baseUrl: http.baseUrl,
    admin: http.hasAdmin,
    stats,
    async updateMetadata(mount, song, signal) {
      requireAdmin('update metadata');
      validate(mountProblem(mount) ?? metadataTextProblem(song));
      const current = await stats(signal);
      const found = current.mounts.find((candidate) => candidate.mount === mount);
      if (!found) throw noSource(mount, http.baseUrl);
      const refusal = metadataRefusal(found);
      if (refusal) throw new UserError('precondition', refusal);
      // charset=UTF-8: without it Icecast 2.4 reads the text as the mount's charset (ISO-8859-1 for MP3).
      const answer = await act(
        current.api,
        '/admin/metadata',
        { mount, mode: 'updinfo', song, charset: 'UTF-8' },
        signal,
      );
      if (/will not accept/i.test(answer.message)) {
        throw new UserError('precondition', `Icecast refused metadata on \`${mount}\`: ${answer.message}.`);
      }
      if (!answer.success)
        throw new UserError(
          'unavailable',
          `Icecast did not update \`${mount}\`: ${answer.message || 'no reason given'}.`,
        );
    },
    async killSource(mount, signal) {
      requireAdmin('disconnect a source');
      validate(mountProblem(mount));
      const answer = await act(api ?? (await stats(signal)).api, '/admin/killsource', { mount }, signal);
      if (!answer.success)
        throw new UserError(
          'unavailable',
          `Icecast did not disconnect \`${mount}\`: ${answer.message || 'no reason given'}.`,
        );
    },
  };
}
