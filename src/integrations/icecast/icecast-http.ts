import { UserError } from '../../pipeline/user-error.js';

export interface IcecastHttpOptions {
  /** Icecast's base URL (`http://127.0.0.1:8000`); credentials in it are dropped (they'd end up in messages). */
  url: string;
  adminUser: string;
  /** `ICECAST_ADMIN_PASSWORD`; without it only public endpoints are asked. */
  adminPassword?: string;
  /** Deadline of each call, in milliseconds (the caller's signal may end it sooner); default {@link ICECAST_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** How long one call to Icecast may take by default, in milliseconds. */
export const ICECAST_TIMEOUT_MS = 5_000;

/** Icecast answered 401 or 403 to an admin request: the admin user or password is wrong. */
export class IcecastAdminRefused extends UserError {
  override name = 'IcecastAdminRefused';
}

export interface IcecastRequest {
  method: 'GET' | 'POST';
  /** `/admin/stats`, `/status-json.xsl`. */
  path: string;
  /** The query string of a GET, the form body of a POST (`application/x-www-form-urlencoded`). */
  params?: Record<string, string>;
  /** Sends the admin credentials (basic auth). */
  admin?: boolean;
  /** An action: cut off after sending, it may have happened (`outcome_unknown`, not `timeout`). */
  write?: boolean;
  signal?: AbortSignal;
}

export interface IcecastResponse {
  status: number;
  body: string;
  /** The `Server` header (`Icecast 2.4.4`): the version when the stats lack `server_id`. */
  server?: string;
}

export interface IcecastHttp {
  baseUrl: string;
  hasAdmin: boolean;
  request(request: IcecastRequest): Promise<IcecastResponse>;
  /** The error for a response Icecast answered with a failure status (its own words when it gives any). */
  failure(request: IcecastRequest, response: IcecastResponse): UserError;
}

/** Connection errors that mean nothing reached Icecast, so nothing can have happened. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The first `code` in an error's `cause` chain (undici wraps socket errors: `TypeError: fetch failed`). */
function causeCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const { code, errors } = cause as Error & { code?: unknown; errors?: unknown[] };
    if (typeof code === 'string') return code;
    cause = errors?.[0] ?? cause.cause;
  }
  return undefined;
}

/** Icecast's reason in an error page (`<b>400 - Source does not exist</b>`), tags stripped, or its text. */
export function icecastReason(body: string): string {
  const bold = /<b>\s*\d{3}\s*-\s*([^<]*)<\/b>/i.exec(body)?.[1];
  const text = (bold ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.slice(0, 200);
}

/** `url` without user and password (they would end up in messages) and without a trailing slash. */
export function withoutCredentials(url: string): string {
  const base = new URL(url);
  base.username = '';
  base.password = '';
  return base.toString().replace(/\/+$/, '');
}

/** HTTP to one Icecast, every call under a deadline; the basic auth header is built once and never shown. */
export function createIcecastHttp(options: IcecastHttpOptions): IcecastHttp {
  const baseUrl = withoutCredentials(options.url);
  const authorization =
    options.adminPassword === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.adminUser}:${options.adminPassword}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? ICECAST_TIMEOUT_MS;
  const seconds = Math.round(timeoutMs / 100) / 10;
  const name = (request: IcecastRequest) => `\`${request.method} ${request.path}\``;

  function describe(error: unknown, request: IcecastRequest, deadline: AbortSignal): unknown {
    // An action cut off after it was sent may have happened; a read that got no answer changed nothing.
    const cut = request.write ? 'outcome_unknown' : 'timeout';
    const after = request.write ? ', so it may or may not have happened: check the mount before trying again' : '';
    if (deadline.aborted) {
      return new UserError(cut, `Icecast at ${baseUrl} did not answer ${name(request)} within ${seconds} s${after}.`);
    }
    if (request.signal?.aborted) {
      return new UserError(
        cut,
        `The call to Icecast at ${baseUrl} (${name(request)}) was cut off at its deadline${after}.`,
      );
    }
    const code = causeCode(error);
    if (code === undefined) return error;
    if (UNREACHABLE.has(code))
      return new UserError('unavailable', `Icecast at ${baseUrl} can't be reached (${code}); nothing was sent.`);
    return new UserError(
      request.write ? 'outcome_unknown' : 'unavailable',
      `Icecast at ${baseUrl} dropped the connection during ${name(request)} (${code})${after}.`,
    );
  }

  return {
    baseUrl,
    hasAdmin: authorization !== undefined,
    async request(request) {
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
      const encoded = Object.entries(request.params ?? {})
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&');
      const headers: Record<string, string> = {};
      if (request.admin && authorization) headers.authorization = authorization;
      if (request.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
      const query = request.method === 'GET' && encoded ? `?${encoded}` : '';
      try {
        const response = await fetch(`${baseUrl}${request.path}${query}`, {
          method: request.method,
          headers,
          body: request.method === 'POST' ? encoded : undefined,
          redirect: 'manual',
          signal,
        });
        const body = await response.text();
        return { status: response.status, body, server: response.headers.get('server') ?? undefined };
      } catch (error) {
        throw describe(error, request, deadline);
      }
    },
    failure(request, { status, body }) {
      if (status === 401 || status === 403) {
        return new IcecastAdminRefused(
          'unavailable',
          `Icecast at ${baseUrl} refused the admin user \`${options.adminUser}\` and the password from ICECAST_ADMIN_PASSWORD (HTTP ${status}).`,
        );
      }
      const reason = icecastReason(body);
      return new UserError(
        'unavailable',
        `Icecast at ${baseUrl} answered HTTP ${status} to ${name(request)}${reason ? `: ${reason}` : ''}.`,
      );
    },
  };
}
