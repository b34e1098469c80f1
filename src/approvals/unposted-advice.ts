/**
 * What the requester can do when Slack refused to post their approval card, by Slack's `error`
 * (https://api.slack.com/methods/chat.postMessage#errors). Without a card no approver sees the request.
 */
export function unpostedAdvice(slackError: string): string {
  if (slackError.includes('not_in_channel'))
    return 'radio-ops is not in this channel, so no approver could see the approval card (Slack: `not_in_channel`). Add it with `/invite @radio-ops`, then ask again.';
  if (slackError.includes('channel_not_found'))
    return "Slack says this channel was not found for radio-ops (`channel_not_found`): it is private or a direct message the bot can't see, so no approver could see the approval card. Ask in a channel radio-ops is in, or add it here with `/invite @radio-ops`, then ask again.";
  if (slackError.includes('is_archived'))
    return 'This channel is archived (Slack: `is_archived`), so no approver could see the approval card. Ask again from a channel that is not archived.';
  return `Slack did not take the approval card (${slackError}), so no approver could see it. Ask again in a moment.`;
}
