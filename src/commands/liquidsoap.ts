import { z } from 'zod';
import type { LiquidsoapCommands } from '../integrations/liquidsoap/liquidsoap-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note } from '../pipeline/reply.js';
import { staleChannelsNote } from './channel-list-notes.js';

/** The ids a channel uses in the Liquidsoap script, to say whose output or queue an id is. */
interface ChannelIds {
  slug: string;
  output: string;
  queue?: string;
}

export interface LiquidsoapResult {
  address: string;
  version: string;
  uptime: string;
  commands: LiquidsoapCommands;
  /** The station's channels, when the channel list is set up here. */
  channels: ChannelIds[];
  listNote?: string;
}

/**
 * `liquidsoap`: the encoder's server: `version`, `uptime`, and from `help` the outputs (ids with `.metadata` and
 * `.remaining`), request queues (`.push`), metadata inserts (`.insert`) and the version-dependent verbs: outputs'
 * `start`/`stop` (Liquidsoap 1.x and from 2.4.1, none in 2.0 to 2.4.0) and `status` (from 2.4.3).
 * Source: https://www.liquidsoap.info/doc-2.1.3/server.html and the server's own `help`.
 */
export const liquidsoapCommand = defineCommand({
  name: 'liquidsoap',
  usage: 'liquidsoap',
  summary: 'Liquidsoap: version, uptime, outputs, queues, and the verbs this version has',
  examples: ['liquidsoap'],
  positional: [],
  flags: {},
  needs: ['liquidsoap'],
  args: z.object({}),
  risk: () => 'read',
  async run({ integrations, signal }): Promise<LiquidsoapResult> {
    const { liquidsoap, channels: directory } = integrations;
    const [version, uptime, commands, list] = await Promise.all([
      liquidsoap.version(signal),
      liquidsoap.uptime(signal),
      liquidsoap.commands(signal),
      directory?.list(signal),
    ]);
    const listNote = list ? staleChannelsNote(list) : undefined;
    return {
      address: liquidsoap.address,
      version,
      uptime: uptime.text,
      commands,
      channels: (list?.channels ?? []).map(({ slug, output, queue }) => ({
        slug,
        output,
        ...(queue ? { queue } : {}),
      })),
      ...(listNote ? { listNote } : {}),
    };
  },
  present({ address, version, uptime, commands, channels, listNote }) {
    const whose = (id: string, kind: 'output' | 'queue') => {
      const channel = channels.find((candidate) => candidate[kind] === id);
      return channel ? `${id} (channel ${channel.slug})` : id;
    };
    const ids = (list: string[], kind: 'output' | 'queue') =>
      list.length
        ? [...list]
            .sort()
            .map((id) => whose(id, kind))
            .join(', ')
        : 'none';
    const missing = channels.filter((channel) => !commands.outputs.includes(channel.output));
    return {
      summary: `${version} at ${address}, up ${uptime}`,
      visibility: 'in_channel',
      parts: [
        fields(
          ['Server', address],
          ['Version', version],
          ['Uptime', uptime],
          ['Outputs', ids(commands.outputs, 'output')],
          ['Queues', ids(commands.queues, 'queue')],
          [
            'Metadata inserts',
            commands.metadataInserts.length ? [...commands.metadataInserts].sort().join(', ') : 'none',
          ],
          [
            'output start/stop',
            commands.startStop.length
              ? [...commands.startStop].sort().join(', ')
              : 'not in this version (Liquidsoap 2.0 to 2.4.0 have none; 1.x and 2.4.1+ do)',
          ],
          [
            'output status',
            commands.status.length ? [...commands.status].sort().join(', ') : 'not in this version (from 2.4.3)',
          ],
          ['Commands', `${commands.names.length} (its help lists them)`],
        ),
        ...(missing.length
          ? [
              note(
                `No output in this script for: ${missing.map((channel) => `${channel.slug} (output ${channel.output})`).join(', ')}.`,
                'warning',
              ),
            ]
          : []),
        ...(listNote ? [note(listNote, 'warning')] : []),
      ],
    };
  },
});
