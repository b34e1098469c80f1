import { z } from 'zod';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, messageInline, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { channelNamed } from './channel-named.js';
import { ChannelArgument } from './station-write-parts.js';

interface PushState {
  slug: string;
  queueId: string;
  /** The URI as validated and normalised by the Liquidsoap module (`preparePush`). */
  uri: string;
  line: string;
}

/** What `push` did: the line sent and the request id Liquidsoap gave it. */
export interface PushResult {
  slug: string;
  uri: string;
  line: string;
  requestId: string;
}

/**
 * `push <channel> <uri>`: queues a file on the channel's Liquidsoap request queue (`<queue>.push <uri>`; it plays
 * next, before the channel's own source). The URI must lie under a `station.pushAllowList` prefix; `..` segments,
 * `process:`, `annotate:`, `http(s):` and every other Liquidsoap protocol, and control characters (CR, LF) are
 * refused before any connection (the Liquidsoap module's `preparePush`). A channel without `queue` in
 * `station.channels` is refused. Source: https://www.liquidsoap.info/doc-2.1.3/request_sources.html
 */
export const pushCommand = defineCommand({
  name: 'push',
  usage: 'push <channel> <uri>',
  summary: "Queue a file on a channel's Liquidsoap queue (station.pushAllowList only)",
  examples: ['push rap /srv/audio/jingles/station-id.mp3'],
  positional: ['channel', 'uri'],
  flags: {},
  needs: ['liquidsoap', 'channels'],
  args: z.object({ channel: ChannelArgument, uri: z.string() }),
  risk: () => 'write',
  async plan({ args, integrations, signal }): Promise<Plan<PushState>> {
    const { channel } = await channelNamed(args.channel, integrations.channels, signal);
    if (!channel.queue)
      throw new UserError(
        'precondition',
        `${channel.slug} has no request queue: \`push\` needs its \`queue\` (a \`request.queue\` id) in station.channels.`,
      );
    // Validated before anything is sent: a refused URI never reaches a connection.
    const prepared = integrations.liquidsoap.preparePush(channel.queue, args.uri);
    const waiting = await integrations.liquidsoap.queue(channel.queue, signal);
    return {
      current: [
        ['Channel', `${channel.slug} (Liquidsoap output ${channel.output})`],
        [`Queue ${channel.queue}`, waiting.length ? waiting.join(', ') : 'empty'],
      ],
      calls: [{ service: 'Liquidsoap', operation: `${channel.queue}.push`, input: { line: prepared.line } }],
      warnings: [],
      state: { slug: channel.slug, queueId: prepared.queueId, uri: prepared.uri, line: prepared.line },
    };
  },
  async run({ integrations, plan, signal }): Promise<PushResult> {
    const state = plan?.state as PushState;
    const requestId = await integrations.liquidsoap.push(state.queueId, state.uri, signal);
    return { slug: state.slug, uri: state.uri, line: state.line, requestId };
  },
  present(result) {
    return {
      summary: `Pushed ${result.uri} to ${result.slug}: request ${result.requestId}`,
      visibility: 'in_channel',
      parts: [
        text(`Pushed ${result.uri} to ${result.slug}'s queue: Liquidsoap request ${result.requestId}.`, 'success'),
        fields(['Line sent', result.line], ['Request id', result.requestId]),
        // Queued is not playing: the file is looked up only when the request is prepared, and dropped if unusable.
        note(
          messageInline(
            `Liquidsoap resolves the URI when it prepares the request (a missing or unreadable file is dropped then): \`np ${result.slug}\` and the queue show whether it plays.`,
          ),
        ),
      ],
    };
  },
});
