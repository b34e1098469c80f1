import { z } from 'zod';
import { defineCommand, type Plan } from '../pipeline/command.js';
import type { RunContext } from '../pipeline/command.js';
import { fields, messageInline, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { channelNamed } from './channel-named.js';
import { ChannelArgument } from './station-write-parts.js';

type Verb = 'start' | 'stop';

interface OutputState {
  slug: string;
  output: string;
  line: string;
  /** `<output>.status` when this Liquidsoap has it (2.4.3 on), else undefined. */
  status?: 'on' | 'off';
}

/** What `output start|stop` did: the line sent. */
export interface OutputResult {
  verb: Verb;
  slug: string;
  output: string;
  line: string;
}

const NEEDS = ['liquidsoap', 'channels'] as const;
const Args = z.object({ channel: ChannelArgument });

/**
 * The plan of `output <verb> <channel>`: only where this Liquidsoap's `help` lists `<output>.start` and `.stop`
 * (1.x, and again from 2.4.1; 2.0 to 2.4.0 have none), else a `precondition` refusal saying so.
 */
async function planOutput(
  verb: Verb,
  { args, integrations, signal }: RunContext<z.output<typeof Args>, typeof NEEDS>,
): Promise<Plan<OutputState>> {
  const { channel } = await channelNamed(args.channel, integrations.channels, signal);
  const { liquidsoap } = integrations;
  const [commands, version] = await Promise.all([liquidsoap.commands(signal), liquidsoap.version(signal)]);
  if (!commands.outputs.includes(channel.output))
    throw new UserError(
      'precondition',
      `${version} at ${liquidsoap.address} has no output ${channel.output} (${channel.slug}'s \`output\` in station.channels); it lists ${commands.outputs.join(', ') || 'none'}.`,
    );
  if (!commands.startStop.includes(channel.output))
    throw new UserError(
      'precondition',
      `${version} at ${liquidsoap.address} has no output start/stop: outputs lost \`start\` and \`stop\` in Liquidsoap 2.0 and got them back in 2.4.1.${verb === 'stop' ? ` \`kill-source ${channel.slug}\` restarts the mount instead.` : ''}`,
    );
  const status = commands.status.includes(channel.output)
    ? await liquidsoap.outputStatus(channel.output, signal)
    : undefined;
  const line = `${channel.output}.${verb}`;
  return {
    current: [
      ['Liquidsoap', `${version} at ${liquidsoap.address}`],
      ['Output', `${channel.output} (${channel.slug}, ${channel.mount})`],
      ['Status', status ?? 'unknown (`<output>.status` is in Liquidsoap 2.4.3 and later)'],
    ],
    calls: [{ service: 'Liquidsoap', operation: line, input: { line } }],
    warnings:
      verb === 'stop'
        ? [
            `The output stops sending: Icecast drops the source of \`${channel.mount}\` and its listeners (unless the mount has a fallback), and it stays off air until \`output start ${channel.slug}\`.`,
          ]
        : [],
    state: { slug: channel.slug, output: channel.output, line, ...(status ? { status } : {}) },
  };
}

/** `output start|stop`, one command per verb (names are words, so `output stop` reads as typed). */
function outputCommand(verb: Verb) {
  return defineCommand({
    name: `output ${verb}`,
    usage: `output ${verb} <channel>`,
    summary:
      verb === 'stop'
        ? "Stop a channel's Liquidsoap output until started (2.4.1+; needs approval)"
        : "Start a channel's stopped Liquidsoap output (Liquidsoap 2.4.1+)",
    examples: [`output ${verb} rap`],
    positional: ['channel'],
    flags: {},
    needs: NEEDS,
    args: Args,
    risk: () => (verb === 'stop' ? 'destructive' : 'write'),
    plan: (context) => planOutput(verb, context),
    // Stopping what someone else already stopped (or started again) since the request is not what was approved.
    recheck: (then, now) => {
      const [before, current] = [then.state as OutputState, now.state as OutputState];
      return before.status !== current.status
        ? `output ${before.output} is ${current.status ?? 'unknown'} now, ${before.status ?? 'unknown'} at the request.`
        : undefined;
    },
    async run({ integrations, plan, signal }): Promise<OutputResult> {
      const state = plan?.state as OutputState;
      if (verb === 'stop') await integrations.liquidsoap.outputStop(state.output, signal);
      else await integrations.liquidsoap.outputStart(state.output, signal);
      return { verb, slug: state.slug, output: state.output, line: state.line };
    },
    present(result) {
      const done = `${result.verb === 'stop' ? 'Stopped' : 'Started'} Liquidsoap output ${result.output}`;
      return {
        summary: done,
        visibility: 'in_channel',
        parts: [
          text(
            messageInline(
              `${done} (${result.slug}).${result.verb === 'stop' ? ` It stays off air until \`output start ${result.slug}\`.` : ''}`,
            ),
            result.verb === 'stop' ? 'warning' : 'success',
          ),
          fields(['Line sent', result.line]),
        ],
      };
    },
  });
}

/** `output stop <channel>`: destructive (approval). */
export const outputStopCommand = outputCommand('stop');
/** `output start <channel>`: a write. */
export const outputStartCommand = outputCommand('start');
