import { UserError } from '../../pipeline/user-error.js';
import { createChannelLine, liquidsoapId, metadataArgument, pushUri, readLine, writeLine } from './liquidsoap-lines.js';
import {
  parseHelp,
  parseMetadata,
  parseRemaining,
  parseUptime,
  type LiquidsoapCommands,
  type LiquidsoapMetadata,
} from './liquidsoap-replies.js';
import { createLiquidsoapSender, type LiquidsoapSenderOptions } from './liquidsoap-sender.js';

export type { LiquidsoapCommands, LiquidsoapMetadata } from './liquidsoap-replies.js';

/** A `push` ready to send: the normalised URI and the exact line (what a plan or a dry run shows). */
export interface PreparedPush {
  queueId: string;
  uri: string;
  line: string;
}

/**
 * Liquidsoap's server ("telnet", `settings.server.telnet`): only this module's own allow-listed commands, with
 * validated ids; a person's value goes on a line only as `push`'s URI (allow-listed, see `pushUri`) or as
 * quoted metadata text (`insertMetadata`). Each call opens its own connection with a connect and a reply
 * deadline, and is aborted with `signal`. Errors: {@link LiquidsoapError} (code `unavailable`, `timeout`,
 * `outcome_unknown` or `precondition`); UserError `usage`/`denied` for a value refused before anything is sent.
 * Source: https://www.liquidsoap.info/doc-2.1.3/server.html, and the server's own `help`.
 */
export interface LiquidsoapOperations {
  /** `host:port`, for messages. */
  readonly address: string;
  /** `version`: `Liquidsoap 2.1.3`. */
  version(signal?: AbortSignal): Promise<string>;
  /** `uptime` as printed (`0d 01h 02m 03s`) and in seconds. */
  uptime(signal?: AbortSignal): Promise<{ text: string; seconds?: number }>;
  /** `help`: the commands this server knows, and the outputs, queues and version-dependent verbs they show. */
  commands(signal?: AbortSignal): Promise<LiquidsoapCommands>;
  /** `<output>.skip`: ends the current track (the next one starts at once). */
  skip(outputId: string, signal?: AbortSignal): Promise<void>;
  /** `<output>.metadata`: the last (at most ten) metadata chunks the output sent, newest first. */
  metadata(outputId: string, signal?: AbortSignal): Promise<LiquidsoapMetadata[]>;
  /** `<output>.remaining`: seconds left in the current track; undefined when unknown (an endless source). */
  remaining(outputId: string, signal?: AbortSignal): Promise<number | undefined>;
  /** `<queue>.queue`: the request ids waiting, in order. */
  queue(queueId: string, signal?: AbortSignal): Promise<number[]>;
  /** The URI `push` would send, validated and normalised, and its line. Pure. @throws UserError `usage`/`denied`. */
  preparePush(queueId: string, uri: string): PreparedPush;
  /** `<queue>.push <uri>` after {@link preparePush}: the new request's id (`12`). */
  push(queueId: string, uri: string, signal?: AbortSignal): Promise<string>;
  /** `<id>.insert key="value",…` (a source wrapped in `server.insert_metadata`): values quoted by Liquidsoap's rules. */
  insertMetadata(sourceId: string, fields: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<void>;
  /** `<output>.start`: Liquidsoap >= 2.4.1 only (see `commands().startStop`); else UserError `precondition`. */
  outputStart(outputId: string, signal?: AbortSignal): Promise<void>;
  /** `<output>.stop`: as {@link outputStart}. */
  outputStop(outputId: string, signal?: AbortSignal): Promise<void>;
  /** `<output>.status`: whether it is started; Liquidsoap >= 2.4.3 only (see `commands().status`). */
  outputStatus(outputId: string, signal?: AbortSignal): Promise<'on' | 'off'>;
  /** The line {@link createChannel} sends: `station.liquidsoap.createChannel` with the slug. Pure. */
  prepareCreateChannel(slug: string): string;
  /**
   * The station script's own command for a new channel (`create_channel electro`); resolves on `Done`. Rejects with
   * UserError `not_configured` without a template, `usage` for a slug that is not a channel slug (nothing sent).
   */
  createChannel(slug: string, signal?: AbortSignal): Promise<void>;
}

export interface LiquidsoapOptions extends LiquidsoapSenderOptions {
  /** `station.pushAllowList`: URI prefixes `push` accepts. */
  pushAllowList: readonly string[];
  /** `station.liquidsoap.createChannel`: the create-channel template, when the station has one. */
  createChannel?: string;
}

/** The operations on the server at `options.host:options.port`. No I/O until a method is called. */
export function createLiquidsoapOperations(options: LiquidsoapOptions): LiquidsoapOperations {
  const { address, send, done, answered } = createLiquidsoapSender(options);
  const output = (id: string) => liquidsoapId(id, 'output');
  const pushLine = (queueId: string, uri: string) => writeLine(`${liquidsoapId(queueId, 'queue')}.push`, uri);
  const startStop = 'outputs have start and stop in Liquidsoap 1.x and from 2.4.1, not in 2.0 to 2.4.0';
  const channelLine = (slug: string) => {
    if (!options.createChannel)
      throw new UserError(
        'not_configured',
        "No create-channel command is configured: set station.liquidsoap.createChannel to the station script's own server command, like `create_channel {slug}`.",
      );
    return createChannelLine(options.createChannel, slug);
  };

  // Every method is async, so a refused id or value is a rejection like any other failure, never a throw.
  const operations: LiquidsoapOperations = {
    address,
    version: async (signal) => (await send(readLine('version'), signal)).trim(),
    uptime: async (signal) => parseUptime(await send(readLine('uptime'), signal)),
    commands: async (signal) => parseHelp(await send(readLine('help'), signal)),
    skip: async (id, signal) => done(writeLine(`${output(id)}.skip`), signal),
    metadata: async (id, signal) => parseMetadata(await send(readLine(`${output(id)}.metadata`), signal)),
    remaining: async (id, signal) => parseRemaining(await send(readLine(`${output(id)}.remaining`), signal)),
    async queue(id, signal) {
      const body = await send(readLine(`${liquidsoapId(id, 'queue')}.queue`), signal);
      return body.split(/\s+/).filter(Boolean).map(Number);
    },
    preparePush(queueId, uri) {
      const checked = pushUri(uri, options.pushAllowList);
      return { queueId, uri: checked, line: pushLine(queueId, checked).text };
    },
    async push(queueId, uri, signal) {
      const line = pushLine(queueId, pushUri(uri, options.pushAllowList));
      const rid = (await send(line, signal)).trim();
      if (!/^\d+$/.test(rid)) throw answered(line, 'refused', rid);
      return rid;
    },
    insertMetadata: async (id, fields, signal) =>
      done(writeLine(`${liquidsoapId(id, 'source')}.insert`, metadataArgument(fields)), signal),
    outputStart: async (id, signal) => done(writeLine(`${output(id)}.start`), signal, startStop),
    outputStop: async (id, signal) => done(writeLine(`${output(id)}.stop`), signal, startStop),
    async outputStatus(id, signal) {
      const body = await send(readLine(`${output(id)}.status`), signal, 'outputs have status from Liquidsoap 2.4.3');
      return body.trim() === 'on' ? 'on' : 'off';
    },
    prepareCreateChannel: (slug) => channelLine(slug).text,
    createChannel: async (slug, signal) => done(channelLine(slug), signal, 'the station script registers it'),
  };
  return operations;
}
