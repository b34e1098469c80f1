import type { IncomingMessage } from 'node:http';

/** Slack's window: requests signed more than five minutes from now, either way, are refused. */
export const MAX_SKEW_SECONDS = 300;

/**
 * Checks `X-Slack-Request-Timestamp` against the clock in both directions. Bolt's own check only
 * refuses old timestamps, so a request signed for the future could be replayed later; this closes
 * that. The HMAC covers the timestamp, so checking the header before the body is sound.
 * Source: https://api.slack.com/authentication/verifying-requests-from-slack
 *
 * @param nowSeconds Unix seconds, injected for tests.
 * @returns why the request is refused, or `undefined` when the timestamp is acceptable.
 */
export function timestampProblem(
  request: IncomingMessage,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | undefined {
  const header = request.headers['x-slack-request-timestamp'];
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return 'missing or malformed X-Slack-Request-Timestamp';
  const skew = Number(header) - nowSeconds;
  if (Math.abs(skew) > MAX_SKEW_SECONDS) return skew > 0 ? 'timestamp is in the future' : 'timestamp is stale';
  return undefined;
}
