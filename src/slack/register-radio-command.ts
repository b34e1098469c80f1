import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InFlight } from '../in-flight.js';
import type { Dispatch } from '../pipeline/dispatcher.js';
import { createLiveReply } from './slack-live-reply.js';
import { STILL_RUNNING_NOTICE } from './still-running-notice.js';

/**
 * `/radio …`: ack at once (Slack shows an error after 3 s), then run the text through the pipeline
 * and answer on `response_url`: results in channel, errors and help ephemeral. A run still going after
 * `deadlines.stillRunning` gets an ephemeral "Still running…" first. A run that shows progress
 * (`logs --follow`) keeps one message in the channel current instead (src/slack/slack-live-reply.ts). Long
 * output goes in the answer's thread, posted with `answerClient` (src/slack/slack-thread-reply.ts).
 * Source: https://api.slack.com/interactivity/slash-commands#responding_to_commands
 */
export function registerRadioCommand(app: App, dispatch: Dispatch, inFlight: InFlight, answerClient: WebClient): void {
  app.command('/radio', async ({ command, ack, respond, client }) => {
    await ack();
    await inFlight.track(async () => {
      const live = createLiveReply(client, command.channel_id, respond, answerClient);
      const outcome = await dispatch({
        source: 'slack',
        text: command.text ?? '',
        userId: command.user_id,
        userName: command.user_name,
        teamId: command.team_id,
        channelId: command.channel_id,
        // Slack keeps a response_url usable for 30 minutes and 5 replies: one goes to this notice, unless
        // the run already shows its progress in a message of its own.
        onStillRunning: () => {
          if (live.live) return;
          void respond({ ...STILL_RUNNING_NOTICE }).catch(() => undefined);
        },
        onProgress: (reply) => live.progress(reply),
      });
      await live.final(outcome.reply);
    });
  });
}
