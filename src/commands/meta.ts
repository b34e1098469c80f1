import { z } from 'zod';
import { metadataRefusal, metadataTextProblem } from '../integrations/icecast/icecast-metadata.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, messageInline, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { mountOf } from '../station/channel-on-air.js';
import { pollUntil } from '../station/poll-until.js';
import {
  ChannelArgument,
  nowPlayingOf,
  onAirMount,
  requireIcecastAdmin,
  seconds,
  VERIFY,
} from './station-write-parts.js';

interface MetaState {
  slug: string;
  mount: string;
  before?: string;
}

/** What `meta` did: the text sent, and whether Icecast showed it within the verification window. */
export interface MetaResult {
  slug: string;
  mount: string;
  song: string;
  before?: string;
  /** Now playing when the verification ended. */
  after?: string;
  shown: boolean;
}

/**
 * `meta <channel> "<text>"`: sets the now-playing text of the channel's Icecast mount (`/admin/metadata`,
 * `mode=updinfo`, UTF-8), then polls the stats (5 s at most) until it shows. Only MP3 and Ogg Vorbis mounts take
 * metadata (the Icecast module's `metadataRefusal` says why others don't); one line of text, no control characters.
 * Liquidsoap's next track brings its own title back. Source: https://icecast.org/docs/icecast-2.4.0/admin-interface.html
 */
export const metaCommand = defineCommand({
  name: 'meta',
  usage: 'meta <channel> "<text>"',
  summary: "Set a channel's now-playing text in Icecast (MP3 and Ogg Vorbis mounts)",
  examples: ['meta rap "Live: the Friday set"'],
  positional: ['channel', 'text'],
  flags: {},
  needs: ['icecast', 'channels'],
  args: z.object({
    channel: ChannelArgument,
    text: z.string().superRefine((song, context) => {
      const problem = metadataTextProblem(song);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  }),
  risk: () => 'write',
  async plan({ args, integrations, signal }): Promise<Plan<MetaState>> {
    requireIcecastAdmin(integrations.icecast, 'update metadata');
    const { channel, mount, stats } = await onAirMount(args.channel, integrations, 'no metadata to set', signal);
    const refusal = metadataRefusal(mount);
    if (refusal) throw new UserError('precondition', refusal);
    const before = nowPlayingOf(mount);
    const format = mount.contentType === 'audio/mpeg' ? 'MP3' : `Ogg ${mount.subtype ?? ''}`.trim();
    return {
      current: [
        ['Mount', `${mount.mount} (${format})`],
        ['Now playing', before ?? '-'],
      ],
      calls: [
        {
          service: 'Icecast',
          operation: `${stats.api === '2.5' ? 'POST' : 'GET'} /admin/metadata`,
          input: { mount: mount.mount, mode: 'updinfo', song: args.text, charset: 'UTF-8' },
        },
      ],
      warnings: ["Liquidsoap's next track brings its own title back."],
      state: { slug: channel.slug, mount: mount.mount, ...(before ? { before } : {}) },
    };
  },
  async run({ args, integrations, plan, signal }): Promise<MetaResult> {
    const state = plan?.state as MetaState;
    await integrations.icecast.updateMetadata(state.mount, args.text, signal);
    // Icecast applies it with the source's next chunk of audio: poll until the stats show it.
    const verified = await pollUntil(
      async () => mountOf(await integrations.icecast.stats(signal), state),
      (mount) => mount?.title === args.text || nowPlayingOf(mount) === args.text,
      { ...VERIFY, signal },
    );
    const after = nowPlayingOf(verified.value);
    return {
      slug: state.slug,
      mount: state.mount,
      song: args.text,
      ...(state.before ? { before: state.before } : {}),
      ...(after ? { after } : {}),
      shown: verified.met,
    };
  },
  present(result) {
    const facts = fields(
      ['Mount', result.mount],
      ['Before', result.before ?? '-'],
      ['Now playing', result.after ?? '-'],
    );
    // What listeners see: on an Ogg mount Icecast keeps the stream's artist in front of the text sent.
    const shown = result.after ?? result.song;
    if (result.shown)
      return {
        summary: `Metadata of ${result.slug} set: now playing ${shown}`,
        visibility: 'in_channel',
        parts: [text(`Metadata of ${result.slug} set: Icecast shows ${shown}.`, 'success'), facts],
      };
    return {
      summary: `Metadata of ${result.slug} sent, but Icecast did not show it within ${seconds(VERIFY.withinMs)}`,
      visibility: 'in_channel',
      parts: [
        text(
          `Icecast accepted the update, but its stats for ${result.mount} did not show it within ${seconds(VERIFY.withinMs)}.`,
          'warning',
        ),
        facts,
        note(messageInline('A new track from Liquidsoap may have replaced it already; `np` shows what plays.')),
      ],
    };
  },
});
