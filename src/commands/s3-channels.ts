import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { listChannelsInput } from '../integrations/s3/s3-inputs.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';

interface S3ChannelsResult {
  bucket: string;
  /** Names of the prefixes under `audio/`, in S3's (lexicographic) order. */
  channels: string[];
  /** `station.channels` from the YAML, to compare. */
  configured: string[];
}

/** `s3 channels`: the channel prefixes under `audio/` in the audio bucket, against `station.channels`. */
export const s3ChannelsCommand = defineCommand({
  name: 's3 channels',
  usage: 's3 channels',
  summary: 'List the channel prefixes under audio/ in the audio bucket',
  examples: ['s3 channels'],
  positional: [],
  flags: {},
  needs: ['s3'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ config }) =>
    awsReadPlan([{ service: 'S3', operation: 'ListObjectsV2', input: listChannelsInput(config.s3.bucket) }]),
  async run({ config, integrations }): Promise<S3ChannelsResult> {
    const s3 = integrations.s3;
    return {
      bucket: s3.bucket,
      channels: await s3.listChannels(),
      configured: config.station.channels.map((channel) => channel.slug),
    };
  },
  present({ bucket, channels, configured }) {
    const missing = configured.filter((channel) => !channels.includes(channel));
    if (channels.length === 0) {
      return {
        summary: `No channel prefixes in s3://${bucket}/audio/`,
        visibility: 'in_channel',
        parts: [text(`s3://${bucket}/audio/ has no channel prefixes.`)],
      };
    }
    return {
      summary: `${channels.length} channel prefix(es) in s3://${bucket}/audio/`,
      visibility: 'in_channel',
      parts: [
        text(`Channel prefixes in s3://${bucket}/audio/:`),
        table(
          ['channel', 'prefix', 'in station.channels'],
          channels.map((c) => [c, `audio/${c}/`, configured.includes(c) ? 'yes' : 'no']),
        ),
        ...(missing.length ? [note(`In station.channels but without a prefix: ${missing.join(', ')}.`)] : []),
      ],
    };
  },
});
