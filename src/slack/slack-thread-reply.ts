import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../pipeline/reply.js';
import { renderBlockKit } from '../render/block-kit.js';
import { replyPointingToThread, replyWithThreadInline, threadMessages } from '../render/thread-output.js';

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** A Web API call's failure in words: Slack's `error` code, a timeout, a 429, or an unreachable Slack. */
function failureOf(error: unknown): { slackError?: string; words: string } {
  const e = error as { code?: string; data?: { error?: string }; original?: { name?: string } };
  const slackError = e.data?.error;
  if (slackError) return { slackError, words: slackError };
  if (e.original?.name === 'TimeoutError') return { words: 'Slack did not answer in time' };
  if (e.code === 'slack_webapi_rate_limited_error') return { words: 'Slack asked to slow down' };
  return { words: 'Slack could not be reached' };
}

/** Why the answer has no thread, as a sentence for the trimmed answer. */
function whyNoThread(error: unknown): string {
  const { slackError, words } = failureOf(error);
  if (slackError && NOT_IN_CHANNEL.has(slackError)) {
    return `The bot is not in this channel (${slackError}), so the lines could not go in a thread: invite it with /invite.`;
  }
  return `The answer could not be posted in this channel (${words}), so the lines could not go in a thread.`;
}

/** A message body for chat.postMessage / chat.update (`response_type` is response_url's alone). */
function body(reply: Reply) {
  const { response_type: _type, ...message } = renderBlockKit(reply);
  return message;
}

export interface ThreadAnswer {
  /**
   * A Web API client whose calls each have a deadline (`timeout`) and no retries: a post that timed out
   * may have landed, and a retry would post it twice (src/slack/slack-client-options.ts).
   */
  client: WebClient;
  /** The channel the command was typed in; none (a DM with the app) means no thread. */
  channel: string | undefined;
  /** An answer with {@link Reply.thread} output. */
  reply: Reply;
  respond: RespondFn;
  /** A message already posted for this run (`logs --follow`'s live message): edited, not posted again. */
  ts?: string;
}

/**
 * Answers a command whose output belongs in a thread: posts the answer with `chat.postMessage` (response_url
 * returns no `ts`), then the output in thread replies (`thread_ts` = the answer's `ts`), split as Slack's limits
 * need (src/render/thread-output.ts). Where no thread is possible (an ephemeral answer, no channel, the bot not
 * in the channel, Slack failing or silent) the answer comes on response_url with the newest lines inline and a
 * sentence saying why; a thread reply that fails turns the answer into that trimmed form. Never throws for a
 * failed Web API call (only response_url's own failure reaches the caller's error boundary).
 * Sources: https://api.slack.com/methods/chat.postMessage (`thread_ts`), https://api.slack.com/messaging/retrieving#threads
 */
export async function answerWithThread({ client, channel, reply, respond, ts }: ThreadAnswer): Promise<void> {
  const inline = (why: string) => replyWithThreadInline(reply, why);
  if (reply.visibility === 'ephemeral' || !channel) {
    await respond(renderBlockKit(inline('Only you can see this answer, so its lines have no thread.')));
    return;
  }
  let mainTs = ts;
  try {
    const main = body(replyPointingToThread(reply));
    if (mainTs) await client.chat.update({ channel, ts: mainTs, ...main });
    else mainTs = (await client.chat.postMessage({ channel, ...main })).ts;
  } catch (error) {
    await respond(renderBlockKit(inline(whyNoThread(error))));
    return;
  }
  if (!mainTs) {
    await respond(renderBlockKit(inline('Slack gave the answer no ts, so its lines could not go in a thread.')));
    return;
  }
  for (const message of threadMessages(reply)) {
    try {
      await client.chat.postMessage({ channel, thread_ts: mainTs, ...body(message) });
    } catch (error) {
      // The answer says its lines are in the thread: it shows them itself instead.
      const trimmed = inline(`The thread could not be posted (${failureOf(error).words}).`);
      try {
        await client.chat.update({ channel, ts: mainTs, ...body(trimmed) });
      } catch {
        await respond(renderBlockKit(trimmed));
      }
      return;
    }
  }
}
