import type { Config } from '../config/load-config.js';

/**
 * Web API client options: `SLACK_API_URL` (GovSlack, tests) with the trailing slash the client
 * expects, a 10 s timeout and a few retries. The client's default retries for about 30 minutes,
 * which would hold a command (and a SIGTERM drain) hostage to a Slack outage.
 */
export function slackClientOptions(config: Config) {
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl.replace(/\/?$/, '/') } : {}),
    timeout: 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
  };
}
