import { randomUUID } from 'node:crypto';
import type { App, BlockAction } from '@slack/bolt';
import type { InFlight } from '../in-flight.js';
import type { Source } from '../pipeline/command.js';
import type { Executor } from '../pipeline/execute.js';
import { UserError } from '../pipeline/user-error.js';

/** Every action id radio-ops puts on a message (register-approval-buttons, -alarm-buttons, -runbook-buttons). */
const KNOWN_ACTIONS = 'radio_(approve|reject|cancel)|radio_run(_\\d{1,2})?|radio_runbook_(confirm|retry|skip|abort)';
/** Every modal radio-ops opens (reject-modal). */
const KNOWN_VIEWS = 'radio_reject';
/** Matches any id that is not exactly one of `known`. */
const other = (known: string) => new RegExp(`^(?!(${known})$)`);

/**
 * Interactivity radio-ops does not recognise (an unknown action id, a button from an old version, a
 * modal it did not open): acked at once, so Slack shows no error after 3 s; the presser is told
 * ephemerally that nothing was done; the attempt is audited `invalid`. Registered after the real
 * listeners, matching only what they don't.
 * Sources: https://api.slack.com/interactivity/handling#acknowledgment_response,
 * https://api.slack.com/reference/interaction-payloads/block-actions
 */
export function registerUnknownInteractivity(app: App, executor: Executor, inFlight: InFlight): void {
  const refuse = (
    kind: string,
    id: string,
    body: { user: { id: string; name?: string }; team?: { id: string } | null },
    channelId?: string,
  ) =>
    executor.refuse(
      {
        invocation: {
          requestId: randomUUID(),
          source: 'button' satisfies Source,
          userId: body.user.id,
          userName: body.user.name,
          teamId: body.team?.id,
          channelId,
          text: `${kind} ${id.slice(0, 255)}`,
        },
      },
      new UserError(
        'precondition',
        `radio-ops does not know this ${kind} (${id.slice(0, 80)}): it may be from an older message. Nothing was done.`,
      ),
    );

  app.action<BlockAction>({ action_id: other(KNOWN_ACTIONS) }, async ({ ack, body, action, respond }) => {
    await ack();
    const id = 'action_id' in action ? action.action_id : 'unknown';
    await inFlight.track(async () => {
      const refusal = await refuse('button', id, body, body.channel?.id ?? body.container?.channel_id);
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal.message }).catch(
        () => undefined,
      );
    });
  });

  app.view({ callback_id: other(KNOWN_VIEWS) }, async ({ ack, body, view }) => {
    await ack();
    await inFlight.track(() => refuse('form', view.callback_id, body));
  });
}
