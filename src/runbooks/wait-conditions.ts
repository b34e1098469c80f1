import type { Integrations } from '../integrations/integrations.js';
import { channelNamed } from '../commands/channel-named.js';
import { mountOf } from '../station/channel-on-air.js';
import { UserError } from '../pipeline/user-error.js';

/** One look at a wait step's condition: whether it holds, and what is true now in words. */
export interface WaitObservation {
  done: boolean;
  /** `on air (3 listeners)`, `DBInstanceStatus modifying`, the refusal of the command polled. */
  state: string;
}

/** What a condition may use: the integrations (under the poll's deadline) and, for `until`, a read run as the requester. */
export interface WaitContext {
  integrations: Integrations;
  signal: AbortSignal;
  /** Runs a read command line as the run's requester (parsed, validated, authorized); rejects when it fails. */
  runRead(words: readonly string[]): Promise<void>;
}

/** A condition a wait step polls: `<name> <words…>`. */
export interface WaitCondition {
  usage: string;
  /** How many words it takes after its name. */
  words: { min: number; max: number };
  check(words: readonly string[], context: WaitContext): Promise<WaitObservation>;
}

const needed = <T>(client: T | undefined, what: string): T => {
  if (!client) throw new UserError('not_configured', `${what} is not set up in this process.`);
  return client;
};

/**
 * The conditions a wait step can name. `on-air <channel>`: Icecast lists the channel's mount (a source is
 * connected; src/station/channel-on-air.ts). `rds-available`: the station's RDS instance reports
 * `DBInstanceStatus` `available`. `until <read command line>`: the generic one, a read command of the
 * registry that succeeds (run as the requester, like a typed line).
 */
export const WAIT_CONDITIONS: Readonly<Record<string, WaitCondition>> = {
  'on-air': {
    usage: 'on-air <channel>',
    words: { min: 1, max: 1 },
    async check([slug], { integrations, signal }) {
      const directory = needed(integrations.channels, 'The channel list');
      const icecast = needed(integrations.icecast, 'Icecast');
      let mount: string;
      try {
        mount = (await channelNamed(slug!, directory, signal)).channel.mount;
      } catch (error) {
        if (error instanceof UserError) return { done: false, state: `not in the channel list yet` };
        throw error;
      }
      const live = mountOf(await icecast.stats(signal), { mount });
      return live
        ? { done: true, state: `on air at ${mount} (${live.listeners} listeners)` }
        : { done: false, state: `${mount} is not on air` };
    },
  },
  'rds-available': {
    usage: 'rds-available',
    words: { min: 0, max: 0 },
    async check(_words, { integrations }) {
      const instance = await needed(integrations.rds, 'RDS').describeInstance();
      const status = instance.DBInstanceStatus ?? 'unknown';
      return { done: status === 'available', state: `${instance.DBInstanceIdentifier}: ${status}` };
    },
  },
  until: {
    usage: 'until <read command line>',
    words: { min: 1, max: 50 },
    async check(words, { runRead }) {
      try {
        await runRead(words);
        return { done: true, state: 'it succeeded' };
      } catch (error) {
        if (error instanceof UserError) return { done: false, state: error.message };
        throw error;
      }
    },
  },
};
