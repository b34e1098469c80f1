import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { note, type Reply } from '../pipeline/reply.js';
import { renderBlockKit } from '../render/block-kit.js';
import { answerWithThread } from './slack-thread-reply.js';

/** What `/radio` answers a run with when the run shows progress (`logs --follow`). */
export interface LiveReply {
  /** Shows `reply` now: posts the one message, or edits it; ephemeral replies go to the asker alone. */
  progress(reply: Reply): void;
  /** A message is (being) posted: the "Still running…" notice would only be noise. */
  readonly live: boolean;
  /**
   * The run's last answer: edits the one message when it is in the channel, else answers on `response_url`. An
   * answer only for the asker (the run failed, or its deadline passed) also edits the message to say it stopped
   * before the end and why, so the channel does not go on reading "Following…". An answer with thread output
   * is posted with its thread (src/slack/slack-thread-reply.ts).
   */
  final(reply: Reply): Promise<void>;
}

/**
 * One message a run keeps current, in the channel the command was typed in. `response_url` can't do it:
 * Slack allows 5 uses in 30 minutes and returns no `ts`, while a minute of `logs --follow` updates every
 * 5 s. So the first in-channel progress is posted with `chat.postMessage` and every later one, and the
 * final answer, edit it with `chat.update` (Tier 3, about 50 a minute: 12 a minute fits). Edits run one at
 * a time and only the newest waiting one is sent. When posting fails (the bot is not in the channel), the
 * run's progress is not shown and its answer comes on `response_url` as for any command.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update,
 * https://api.slack.com/interactivity/handling#message_responses
 */
export function createLiveReply(
  client: WebClient,
  channel: string | undefined,
  respond: RespondFn,
  answerClient: WebClient = client,
): LiveReply {
  let ts: string | undefined;
  let failed = channel === undefined;
  let started = false;
  let waiting: Reply | undefined;
  /** What the message shows now. */
  let shown: Reply | undefined;
  let sending: Promise<void> = Promise.resolve();

  const message = (reply: Reply) => {
    const { response_type: _type, ...body } = renderBlockKit(reply);
    return body;
  };

  async function send(reply: Reply): Promise<void> {
    if (failed || !channel) return;
    try {
      if (ts) await client.chat.update({ channel, ts, ...message(reply) });
      else ts = (await client.chat.postMessage({ channel, ...message(reply) })).ts;
      if (!ts) failed = true;
      else shown = reply;
    } catch {
      // Not posted (not_in_channel) or not edited: the answer still comes, on response_url if need be.
      if (!ts) failed = true;
    }
  }

  function drain(): void {
    sending = sending.then(async () => {
      const next = waiting;
      waiting = undefined;
      if (next) await send(next);
    });
  }

  return {
    get live() {
      return started && !failed;
    },
    progress(reply) {
      if (reply.visibility === 'ephemeral') {
        void respond({ ...renderBlockKit(reply), replace_original: false }).catch(() => undefined);
        return;
      }
      if (failed) return;
      started = true;
      const queued = waiting !== undefined;
      waiting = reply;
      if (!queued) drain();
    },
    async final(reply) {
      await sending;
      if (reply.thread) {
        await answerWithThread({ client: answerClient, channel, reply, respond, ...(ts && !failed ? { ts } : {}) });
        return;
      }
      if (ts && !failed) {
        const inChannel = reply.visibility === 'in_channel';
        try {
          await client.chat.update({ channel: channel!, ts, ...message(inChannel ? reply : stopped(shown, reply)) });
          if (inChannel) return;
        } catch {
          /* the answer goes on response_url instead */
        }
      }
      await respond(renderBlockKit(reply));
    },
  };
}

/** The live message once its run ended with an answer for the asker alone: what it showed, then why it stopped. */
function stopped(shown: Reply | undefined, ending: Reply): Reply {
  return {
    summary: `Stopped before the end: ${ending.summary}`,
    visibility: 'in_channel',
    parts: [...(shown?.parts ?? []), note('Stopped before the end:', 'error'), ...ending.parts],
  };
}
