import type { App, BlockButtonAction } from '@slack/bolt';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import type { Reply } from '../pipeline/reply.js';
import { renderBlockKit } from '../render/block-kit.js';

const BUTTON = /^radio_runbook_(confirm|retry|skip|abort)$/;
const USER_ID = /^[UW][A-Z0-9]+$/;
/** The line is only `runbook`, a verb and id characters: nothing in it can end the code span. */
const escapeCode = (line: string) => line.replace(/`/g, '');

/**
 * Confirm / Retry step / Skip step / Abort on a runbook progress card (src/runbooks/runbook-card.ts). A
 * press is the command line `runbook <verb> <value>` run through the same pipeline as typed text, as the
 * person who pressed it (roles, approvals, audit); the button's `value` is only the run id. A refusal, or a
 * skip waiting for a second person's approval, answers the presser alone; a decision taken is said in the
 * card's thread (who pressed what), and the card itself is updated by the engine.
 * Source: https://api.slack.com/reference/interaction-payloads/block-actions
 */
export function registerRunbookButtons(app: App, dispatch: Dispatch, inFlight: InFlight): void {
  app.action<BlockButtonAction>(BUTTON, async ({ ack, body, action, respond, client }) => {
    await ack();
    await inFlight.track(async () => {
      const verb = BUTTON.exec(action.action_id)?.[1] ?? 'status';
      // A tampered value can't add words or flags: only id characters survive, and the pipeline then
      // refuses (and audits) the id as unknown.
      const value = (action.value ?? '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'missing';
      const channel = body.channel?.id ?? body.container?.channel_id;
      const line = `runbook ${verb} ${value}`;
      const outcome = await dispatch({
        source: 'button',
        text: line,
        userId: body.user.id,
        userName: body.user.name,
        teamId: body.team?.id ?? body.user.team_id,
        channelId: channel,
      });
      const threadTs = body.message?.ts;
      if (outcome.status !== 'succeeded' || !channel || !threadTs) {
        const reply: Reply = { ...outcome.reply, visibility: 'ephemeral' };
        await respond({ ...renderBlockKit(reply), replace_original: false });
        return;
      }
      const who = USER_ID.test(body.user.id) ? `<@${body.user.id}>` : 'Someone';
      const { text, blocks } = renderBlockKit(outcome.reply);
      await client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        text,
        blocks: [
          { type: 'context', elements: [{ type: 'mrkdwn', text: `${who} pressed \`${escapeCode(line)}\`` }] },
          ...blocks,
        ].slice(0, 50),
      });
    });
  });
}
