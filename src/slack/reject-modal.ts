import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';

const CALLBACK_ID = 'radio_reject';
/** How long a submission may wait for its answer before the modal is closed and the answer sent apart. */
const ACK_WITHIN_MS = 2_000;
const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

/** What the modal carries between the click and the submission: ids only. */
interface RejectMetadata {
  id: string;
  channelId?: string;
}

/**
 * The Reject button's modal: an optional reason, then `reject <id> --reason "…"` through the pipeline
 * as the person who submitted it, handed over as words (the reason exactly as typed). A refusal is
 * shown in the modal itself.
 * Sources: https://api.slack.com/methods/views.open, https://api.slack.com/reference/interaction-payloads/views#view_submission
 *
 * @returns a function that opens the modal; it answers false when the modal could not be opened
 *   (then the caller rejects without a reason).
 */
export function registerRejectModal(app: App, dispatch: Dispatch, inFlight: InFlight) {
  app.view(CALLBACK_ID, async ({ ack, body, view, client }) => {
    const { id, channelId } = JSON.parse(view.private_metadata) as RejectMetadata;
    const typed = view.state.values.reason?.reason?.value?.trim();
    const requestId = id.replace(/[^A-Za-z0-9_]/g, '');
    // The modal has fields, so it hands the dispatcher words, not a command line to re-parse: the reason
    // reaches the audit log exactly as typed, quotes and all. `text` is only what the audit row shows.
    const words = ['reject', requestId, ...(typed ? [`--reason=${typed}`] : [])];
    const running = inFlight.track(() =>
      dispatch({
        source: 'button',
        words,
        text: typed ? `reject ${requestId} --reason ${JSON.stringify(typed)}` : `reject ${requestId}`,
        userId: body.user.id,
        userName: body.user.name,
        teamId: body.team?.id ?? undefined,
        channelId,
      }),
    );
    // Slack wants the ack within 3 s; a slow group lookup must not turn the submission into an error.
    const outcome = await Promise.race([running, delay(ACK_WITHIN_MS)]);
    if (outcome === undefined) {
      await ack();
      const late = await running;
      if (late.status !== 'succeeded' && channelId) {
        // The modal is closed by now: the refusal goes to the submitter alone, in the request's channel.
        await client.chat
          .postEphemeral({ channel: channelId, user: body.user.id, text: late.reply.summary })
          .catch(() => undefined);
      }
      return;
    }
    if (outcome.status === 'succeeded') return ack();
    return ack({ response_action: 'errors', errors: { reason: outcome.reply.summary.slice(0, 150) } });
  });

  return async (client: WebClient, triggerId: string, id: string, channelId?: string): Promise<boolean> => {
    const metadata: RejectMetadata = { id, channelId };
    try {
      await client.views.open({
        trigger_id: triggerId,
        view: {
          type: 'modal',
          callback_id: CALLBACK_ID,
          private_metadata: JSON.stringify(metadata),
          title: { type: 'plain_text', text: 'Reject request' },
          submit: { type: 'plain_text', text: 'Reject' },
          close: { type: 'plain_text', text: 'Back' },
          blocks: [
            {
              type: 'input',
              block_id: 'reason',
              optional: true,
              label: { type: 'plain_text', text: 'Why? (shown on the request and kept in the audit log)' },
              element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
            },
          ],
        },
      });
      return true;
    } catch {
      return false;
    }
  };
}
