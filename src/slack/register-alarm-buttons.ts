import type { App, BlockButtonAction } from '@slack/bolt';
import type { KnownBlock, WebClient } from '@slack/web-api';
import type { AlarmButtonLookup } from '../alarms/alarm-buttons.js';
import type { InFlight } from '../in-flight.js';
import type { Dispatch, DispatchOutcome } from '../pipeline/dispatcher.js';
import { link, type ReplyPart } from '../pipeline/reply.js';
import { escapeMrkdwn, renderBlockKit } from '../render/block-kit.js';

const BUTTON = /^radio_run(_\d{1,2})?$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * Playbook buttons on alarm cards (`radio_run`, `radio_run_<n>`). The button's `value` is the id of a
 * stored command line; a press runs that line through the pipeline as the presser, with source
 * `alarm` and the alarm channel (roles, approvals, audit as if typed). The answer goes in the card's
 * thread; a refusal only to the presser; a destructive line's approval request is posted to the
 * channel by the approvals, with a pointer (its id and a link to its card) in the thread. Pressed again
 * while that request is pending, by anyone, the button answers the presser with a pointer to it instead of
 * making another (the dispatcher finds it by the button id, `origin`, in Postgres).
 * Source: https://api.slack.com/reference/interaction-payloads/block-actions
 */
export function registerAlarmButtons(
  app: App,
  dispatch: Dispatch,
  inFlight: InFlight,
  buttons: AlarmButtonLookup,
): void {
  app.action<BlockButtonAction>(BUTTON, async ({ ack, body, action, respond, client }) => {
    await ack();
    await inFlight.track(async () => {
      const id = (action.value ?? '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64);
      const button = await buttons.get(id);
      if (!button) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This button no longer runs anything; nothing was done.',
        });
        return;
      }
      const channel = button.channelId ?? body.channel?.id ?? body.container?.channel_id;
      const outcome = await dispatch({
        source: 'alarm',
        text: button.commandLine,
        // While a request this button made is pending, a press points to it (issue 13, fault 17).
        origin: id,
        userId: body.user.id,
        userName: body.user.name,
        teamId: body.team?.id ?? body.user.team_id,
        channelId: channel,
      });
      const cardLink = outcome.status === 'pending' ? await permalink(client, outcome.approvalCard) : [];
      if (outcome.status === 'refused' || (outcome.status === 'pending' && outcome.existing)) {
        const reply = {
          ...outcome.reply,
          parts: [...outcome.reply.parts, ...cardLink],
          visibility: 'ephemeral' as const,
        };
        await respond({ ...renderBlockKit(reply), replace_original: false });
        return;
      }
      const threadTs = button.messageTs ?? body.message?.ts;
      if (!channel || !threadTs) return;
      const { text, blocks } = threadAnswer(outcome, button.label, body.user.id, cardLink);
      await client.chat.postMessage({ channel, thread_ts: threadTs, text, blocks });
    });
  });
}

/**
 * A link to the approval card (`chat.getPermalink`), as reply parts: none when there is no card or Slack
 * does not answer (the request id still names it). Source: https://api.slack.com/methods/chat.getPermalink
 */
async function permalink(client: WebClient, card?: { channel: string; ts: string }): Promise<ReplyPart[]> {
  if (!card) return [];
  try {
    const found = await client.chat.getPermalink({ channel: card.channel, message_ts: card.ts });
    return found.permalink ? [link('Open the approval card', found.permalink)] : [];
  } catch {
    return [];
  }
}

/** Who pressed what, then the result (or, when pending, a pointer to the approval request in the channel). */
function threadAnswer(
  outcome: DispatchOutcome,
  label: string,
  userId: string,
  cardLink: ReplyPart[],
): { text: string; blocks: KnownBlock[] } {
  const who = USER_ID.test(userId) ? `<@${userId}>` : 'Someone';
  const pressed: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${who} pressed “${escapeMrkdwn(label)}”` }],
  };
  const result = renderBlockKit(
    outcome.status === 'pending'
      ? {
          summary: `Approval requested: ${outcome.approvalId}`,
          visibility: 'in_channel',
          parts: [
            {
              kind: 'text',
              text: `This needs a second person's approval: request ${outcome.approvalId} is posted in the channel.`,
            },
            ...cardLink,
          ],
        }
      : outcome.reply,
  );
  return { text: result.text, blocks: [pressed, ...result.blocks].slice(0, 50) };
}
