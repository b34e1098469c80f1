import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { listChannelsInput } from '../integrations/s3/s3-inputs.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import type { ChannelList } from '../station/channel-list.js';
import { awsReadPlan } from './aws-read-plan.js';
import { channelListNotes } from './channel-list-notes.js';

interface S3ChannelsResult {
  bucket: string;
  /** Names of the prefixes under `audio/`, in S3's (lexicographic) order. */
  prefixes: string[];
  /** The station's channels, to compare (`radio_channels`, else `station.channels`). */
  known: ChannelList;
}

/** `s3 channels`: the channel prefixes under `audio/` in the audio bucket, against the station's channel list. */
export const s3ChannelsCommand = defineCommand({
  name: 's3 channels',
  usage: 's3 channels',
  summary: 'List the channel prefixes under audio/ in the audio bucket',
  examples: ['s3 channels'],
  positional: [],
  flags: {},
  needs: ['s3', 'channels'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ config }) =>
    awsReadPlan([{ service: 'S3', operation: 'ListObjectsV2', input: listChannelsInput(config.s3.bucket) }]),
  async run({ integrations, signal }): Promise<S3ChannelsResult> {
    const s3 = integrations.s3;
    const [prefixes, known] = await Promise.all([s3.listChannels(), integrations.channels.list(signal)]);
    return { bucket: s3.bucket, prefixes, known };
  },
  present({ bucket, prefixes, known }) {
    const slugs = known.channels.map((channel) => channel.slug);
    const listName = known.source === 'station.channels' ? 'station.channels' : 'radio_channels';
    const missing = slugs.filter((slug) => !prefixes.includes(slug));
    const notes = [
      ...(missing.length ? [`In ${listName} but without a prefix: ${missing.join(', ')}.`] : []),
      ...channelListNotes(known),
    ].map((line) => note(line));
    if (prefixes.length === 0) {
      return {
        summary: `No channel prefixes in s3://${bucket}/audio/`,
        visibility: 'in_channel',
        parts: [text(`s3://${bucket}/audio/ has no channel prefixes.`), ...notes],
      };
    }
    return {
      summary: `${prefixes.length} channel prefix(es) in s3://${bucket}/audio/`,
      visibility: 'in_channel',
      parts: [
        text(`Channel prefixes in s3://${bucket}/audio/:`),
        table(
          ['channel', 'prefix', `in ${listName}`],
          prefixes.map((c) => [c, `audio/${c}/`, slugs.includes(c) ? 'yes' : 'no']),
        ),
        ...notes,
      ],
    };
  },
});
