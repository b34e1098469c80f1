import { createHmac } from 'node:crypto';

/**
 * Signs a request body as Slack does: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the
 * signing secret. Source: https://api.slack.com/authentication/verifying-requests-from-slack
 *
 * @param timestamp Unix seconds.
 * @returns the `X-Slack-Request-Timestamp` and `X-Slack-Signature` headers.
 */
export function slackSignatureHeaders(body: string, signingSecret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** The fields Slack posts for a slash command, in Slack's order. */
export interface SlashCommandFields {
  teamId: string;
  channelId: string;
  userId: string;
  userName?: string;
  text: string;
  responseUrl: string;
  command?: string;
}

/**
 * A slash-command body exactly as Slack sends it: `application/x-www-form-urlencoded`, every field,
 * `is_enterprise_install` as the string `false`, no trailing newline.
 * Source: https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'radio-ops-send',
    team_id: fields.teamId,
    team_domain: 'radio-ops-send',
    channel_id: fields.channelId,
    channel_name: 'radio-ops',
    user_id: fields.userId,
    user_name: fields.userName ?? fields.userId.toLowerCase(),
    command: fields.command ?? '/radio',
    text: fields.text,
    api_app_id: 'A0RADIOOPS',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: `${Date.now()}.0.radio-ops-send`,
  }).toString();
}
