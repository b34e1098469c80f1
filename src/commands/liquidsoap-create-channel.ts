import { z } from 'zod';
import { ChannelSlug } from '../config/station-config.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { codeSpan, rich, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

/** What the plan found: the exact line, and whether an output with the slug's id was already there. */
const CreateState = z.object({ line: z.string(), exists: z.boolean() });

/** What `liquidsoap create-channel` did. */
export interface CreateChannelResult {
  address: string;
  slug: string;
  line: string;
  /** False when Liquidsoap already had an output with the slug's id: nothing was sent. */
  created: boolean;
}

/**
 * `liquidsoap create-channel <slug>`: the station script's own server command for a new channel, from the template
 * `station.liquidsoap.createChannel` (`create_channel {slug}`), with the slug validated as a channel slug and
 * quoted by Liquidsoap's rules where the template has `"{slug}"`. Never a line a person typed. The plan reads `help`:
 * an output whose id is the slug already there means nothing is sent; a server without the template's command is
 * refused before sending. Source: https://www.liquidsoap.info/doc-2.1.3/server.html (`server.register`).
 */
export const liquidsoapCreateChannelCommand = defineCommand({
  name: 'liquidsoap create-channel',
  usage: 'liquidsoap create-channel <slug>',
  summary: "Start a new channel's output with the station script's own server command",
  examples: ['liquidsoap create-channel electro', 'liquidsoap create-channel electro --dry-run'],
  positional: ['slug'],
  flags: {},
  needs: ['liquidsoap'],
  args: z.object({ slug: ChannelSlug }),
  risk: () => 'write',
  async plan({ args, integrations, signal }): Promise<Plan<z.infer<typeof CreateState>>> {
    const liquidsoap = integrations.liquidsoap;
    const line = liquidsoap.prepareCreateChannel(args.slug);
    const commands = await liquidsoap.commands(signal);
    const name = line.split(' ')[0] as string;
    if (!commands.names.includes(name))
      throw new UserError(
        'precondition',
        `Liquidsoap at ${liquidsoap.address} has no command \`${name}\`: the station script must register it (server.register), or fix station.liquidsoap.createChannel.`,
      );
    const exists = commands.outputs.includes(args.slug);
    return {
      current: [
        ['Liquidsoap', liquidsoap.address],
        ['Output', exists ? `\`${args.slug}\` exists: nothing to do` : `no output \`${args.slug}\` yet`],
      ],
      calls: exists ? [] : [{ service: 'Liquidsoap', operation: name, input: line }],
      warnings: [],
      state: { line, exists },
    };
  },
  async run({ args, integrations, plan, signal }): Promise<CreateChannelResult> {
    const { line, exists } = CreateState.parse(plan?.state);
    const liquidsoap = integrations.liquidsoap;
    const base = { address: liquidsoap.address, slug: args.slug, line };
    if (exists) return { ...base, created: false };
    await liquidsoap.createChannel(args.slug, signal);
    return { ...base, created: true };
  },
  present: (result) =>
    result.created
      ? {
          summary: `Liquidsoap ran ${result.line}`,
          visibility: 'in_channel',
          parts: [
            text(rich`Liquidsoap at ${result.address} ran ${codeSpan(result.line)}: Done.`, 'success'),
            text(rich`Its mount comes on air once Icecast takes it (see ${codeSpan(`np ${result.slug}`)}).`),
          ],
        }
      : {
          summary: `Liquidsoap already has an output ${result.slug}`,
          visibility: 'in_channel',
          parts: [text(rich`Liquidsoap already has an output ${codeSpan(result.slug)}: nothing changed.`)],
        },
});
