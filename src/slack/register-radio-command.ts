import type { App } from '@slack/bolt';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import { renderBlockKit } from '../render/block-kit.js';

/**
 * `/radio …`: ack at once (Slack shows an error after 3 s), then run the text through the pipeline
 * and answer on `response_url`: results in channel, errors and help ephemeral.
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
      });
      await respond(renderBlockKit(outcome.reply));
    });
  });
}
