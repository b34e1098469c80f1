import { z } from 'zod';
import { ChannelSlug, HlsPath, IcecastMount, withChannelDefaults } from '../config/station-config.js';
import type { NewChannelRow } from '../integrations/channel-writer/channel-writer.js';
import { CONTROL } from '../integrations/liquidsoap/liquidsoap-lines.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { codeSpan, fields, rich, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

const Args = z.object({
  slug: ChannelSlug,
  name: z
    .string({ error: 'a channel name: --name "Electro"' })
    .min(1)
    .max(200)
    .refine((name) => !CONTROL.test(name) && name.trim() === name, 'a name without line breaks or outer blanks'),
  mount: IcecastMount.optional(),
  hls: HlsPath.optional(),
});

/** The row the plan computed; stored with plans, read back with zod. */
const AddState = z.object({ name: z.string(), slug: z.string(), icecast_mount: z.string(), hls_path: z.string() });

/** What `channel add` inserted. */
export interface ChannelAddResult {
  row: NewChannelRow;
}

/**
 * `channel add <slug> --name "<name>" [--mount …] [--hls …]`: one INSERT into the station's `radio_channels`
 * (`name, slug, icecast_mount, hls_path`; `id` from the table's default), on the channel writer's own connection
 * (`RADIO_DATABASE_WRITE_URL`, an INSERT-only role). Mount and HLS path default as in `station.channels`
 * (`/<slug>`, `hls/<slug>/`). The plan refuses a slug the channel list already has from `radio_channels`; one
 * inserted meanwhile is the table's unique violation, answered in words. The channel list reads the table anew on
 * every `list` (it keeps no copy between reads), so the next command sees the row: nothing to invalidate.
 */
export const channelAddCommand = defineCommand({
  name: 'channel add',
  usage: 'channel add <slug> --name "<name>" [--mount /<slug>] [--hls hls/<slug>/]',
  summary: 'Add a channel row to radio_channels (on RADIO_DATABASE_WRITE_URL)',
  examples: [
    'channel add electro --name "Electro"',
    'channel add electro --name Electro --mount /electro.mp3 --dry-run',
  ],
  positional: ['slug'],
  flags: { name: 'string', mount: 'string', hls: 'string' },
  needs: ['channelWriter'],
  args: Args,
  risk: () => 'write',
  async plan({ args, integrations, signal }): Promise<Plan<NewChannelRow>> {
    const defaults = withChannelDefaults({
      slug: args.slug,
      ...(args.mount ? { mount: args.mount } : {}),
      ...(args.hls ? { hlsPath: args.hls } : {}),
    });
    const row: NewChannelRow = {
      name: args.name,
      slug: args.slug,
      icecast_mount: defaults.mount,
      hls_path: defaults.hlsPath,
    };
    const list = await integrations.channels?.list(signal);
    if (list && list.source !== 'station.channels' && list.channels.some((channel) => channel.slug === args.slug))
      throw new UserError(
        'precondition',
        `\`${args.slug}\` is already in radio_channels${list.source === 'last known' ? ' (as last read)' : ''}: nothing changed.`,
      );
    const statement = integrations.channelWriter.insertStatement(row);
    return {
      current: [['Channel list', list ? `${list.channels.length} channels (from ${list.source})` : 'not read here']],
      calls: [{ service: 'Postgres', operation: 'INSERT', input: statement }],
      warnings: list?.stale ? [`The channel list is stale: ${list.stale.why}`] : [],
      state: row,
    };
  },
  async run({ integrations, plan }): Promise<ChannelAddResult> {
    const row = AddState.parse(plan?.state);
    await integrations.channelWriter.insertChannel(row);
    return { row };
  },
  present: ({ row }) => ({
    summary: `Added channel ${row.slug}`,
    visibility: 'in_channel',
    parts: [
      text(rich`Added ${codeSpan(row.slug)} to radio_channels.`, 'success'),
      fields(['Name', row.name], ['Icecast mount', row.icecast_mount], ['HLS path', row.hls_path]),
    ],
  }),
});
