import type { App } from '@slack/bolt';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import { renderBlockKit } from '../render/block-kit.js';

/**
 * `/radio …`: ack at once (Slack shows an error after 3 s), then run the text through the pipeline
 * and answer on `response_url`: results in channel, errors and help ephemeral. A run still going after
 * `deadlines.stillRunning` gets an ephemeral "Still running…" first.
 * Source: https://api.slack.com/interactivity/slash-commands#responding_to_commands
 */
export function registerRadioCommand(app: App, dispatch: Dispatch, inFlight: InFlight): void {
  app.command('/radio', async ({ command, ack, respond }) => {
    await ack();
    await inFlight.track(async () => {
      const outcome = await dispatch({
        source: 'slack',
        text: command.text ?? '',
        userId: command.user_id,
        userName: command.user_name,
        teamId: command.team_id,
        channelId: command.channel_id,
        // Slack keeps a response_url usable for 30 minutes and 5 replies: one goes to this notice.
        onStillRunning: () =>
          void respond({ response_type: 'ephemeral', replace_original: false, text: 'Still running…' }).catch(
            () => undefined,
          ),
      });
      await respond(renderBlockKit(outcome.reply));
    });
  });
}
