import type { App, BlockButtonAction } from '@slack/bolt';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import type { Reply } from '../pipeline/reply.js';
import { renderBlockKit } from '../render/block-kit.js';
import { registerRejectModal } from './reject-modal.js';

const BUTTON = /^radio_(approve|reject|cancel)$/;

/**
 * Approve / Reject / Cancel on an approval card. A press is a command line (`approve <value>`) run
 * through the same pipeline as typed text, as the person who pressed it; the button's `value` is only
 * the request id. Reject first asks for an optional reason in a modal. Refusals go back to the presser
 * alone; an approve that starts the run is told so at once, then how it ended; the card itself is
 * updated by the approvals, in the background.
 * Source: https://api.slack.com/reference/interaction-payloads/block-actions
 */
export function registerApprovalButtons(app: App, dispatch: Dispatch, inFlight: InFlight): void {
  const openRejectModal = registerRejectModal(app, dispatch, inFlight);
  app.action<BlockButtonAction>(BUTTON, async ({ ack, body, action, respond, client }) => {
    await ack();
    await inFlight.track(async () => {
      const verb = BUTTON.exec(action.action_id)?.[1] ?? 'approve';
      // A tampered value can't add words or flags: only id characters survive, and the pipeline then
      // refuses (and audits) the id as unknown.
      const value = (action.value ?? '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'missing';
      const channelId = body.channel?.id ?? body.container?.channel_id;
      if (verb === 'reject' && (await openRejectModal(client, body.trigger_id, value, channelId))) return;
      const ephemeral = (reply: Reply) =>
        respond({ ...renderBlockKit({ ...reply, visibility: 'ephemeral' }), replace_original: false });
      // "approved: running" at the claim (issue 12, fault 10); the outcome follows it, never before it.
      let told: Promise<unknown> = Promise.resolve();
      const outcome = await dispatch({
        source: 'button',
        text: `${verb} ${value}`,
        userId: body.user.id,
        userName: body.user.name,
        teamId: body.team?.id ?? body.user.team_id,
        channelId,
        onProgress: (reply) => (told = ephemeral(reply).catch(() => undefined)),
      });
      await told;
      if (outcome.status !== 'succeeded' || verb === 'approve') await ephemeral(outcome.reply);
    });
  });
}
