import { ConnectionLostError } from '../db/connection-lost-error.js';
import { DatabaseTimeoutError } from '../db/database-timeout-error.js';

/**
 * Says in words what kind of infrastructure failure an unexpected error is, for the person who asked
 * (the details stay in the log under the reference). `undefined` when it is none we recognise.
 * Sources: Node's system error codes (https://nodejs.org/api/errors.html#common-system-errors),
 * Postgres error codes (https://www.postgresql.org/docs/15/errcodes-appendix.html).
 */
export function describeFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // Before the socket codes: a dropped Postgres connection is a failover or restart more often than a network fault.
  if (error instanceof ConnectionLostError) return `${error.label} dropped the connection (failover?).`;
  if (error instanceof DatabaseTimeoutError) {
    const seconds = Math.round(error.timeoutMs / 100) / 10;
    return error.phase === 'connect'
      ? `${error.label} did not answer: no connection within ${seconds} s (down, overloaded or unreachable?).`
      : `${error.label} did not answer a query within ${seconds} s.`;
  }
  const inner = (error as { errors?: unknown[] }).errors?.[0];
  const code = (error as { code?: unknown }).code ?? (inner as { code?: unknown } | undefined)?.code;
  const address =
    (error as { address?: string; port?: number }).address ?? (inner as { address?: string } | undefined)?.address;
  const port = (error as { port?: number }).port ?? (inner as { port?: number } | undefined)?.port;
  const where = address ? ` ${address}${port ? `:${port}` : ''}` : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to${where || ' a service radio-ops needs'}: the connection was refused (is it running?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not resolve the host name of a service radio-ops needs (${String((error as { hostname?: string }).hostname ?? 'unknown host')}).`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `A service radio-ops needs${where} did not answer (${code}).`;
    case '57014':
      return 'The database cancelled the query: it ran longer than the statement timeout.';
    case '28P01':
    case '28000':
      return "The database refused radio-ops' login (check the user and password in the URL).";
    case '3D000':
      return 'The database named in the URL does not exist.';
    case '57P01':
    case '57P02':
    case '57P03':
      return 'The database dropped the connection (failover?).';
    case '53300':
      return 'The database has no connection slots left (too many clients).';
    default:
      break;
  }
  if (error.name === 'MaxRetriesPerRequestError') return "The station's Redis did not answer (REDIS_URL).";
  // Redis' replies to a refused AUTH or HELLO … AUTH (ACL and requirepass), or to a command sent without one.
  if (/^(WRONGPASS|NOAUTH)\b|^ERR invalid password/.test(error.message))
    return "The station's Redis refused radio-ops' login (check the user and password in REDIS_URL).";
  // ioredis' `commandTimeout` (src/integrations/redis/redis-client-options.ts): connected, or still connecting, but no reply.
  if (error.message === 'Command timed out') return "The station's Redis did not answer in time (REDIS_URL).";
  if (error.name === 'CredentialsProviderError')
    return 'No AWS credentials were found for this process (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or use an instance/task role).';
  if (/Connection terminated|connect timeout/i.test(error.message))
    return 'The database connection was lost or timed out.';
  return undefined;
}
