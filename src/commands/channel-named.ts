import { UserError } from '../pipeline/user-error.js';
import type { ChannelDirectory } from '../station/channel-directory.js';
import type { StationChannel } from '../station/channel-list.js';
import { channelListSource, staleChannelsNote } from './channel-list-notes.js';

/** A channel from the station's channel list, and what to say about that list when it is not of just now. */
export interface NamedChannel {
  channel: StationChannel;
  /** `staleChannelsNote`: the station database could not be read, so the list is the last one read or the YAML. */
  listNote?: string;
}

/**
 * The channel `slug` (lower case) names in the station's channel list (`radio_channels` merged with
 * `station.channels`, or the last list read when the station database can't be read).
 * @throws UserError `usage` when the list has no such channel, naming the list (and why, when it is stale).
 */
export async function channelNamed(
  slug: string,
  directory: ChannelDirectory,
  signal?: AbortSignal,
): Promise<NamedChannel> {
  const list = await directory.list(signal);
  const listNote = staleChannelsNote(list);
  const channel = list.channels.find((known) => known.slug === slug);
  if (channel) return { channel, ...(listNote ? { listNote } : {}) };
  const slugs = list.channels.map((known) => known.slug).join(', ') || 'none';
  const yamlOnly = list.notInRadioChannels.includes(slug)
    ? ' It is in station.channels but not in radio_channels.'
    : '';
  throw new UserError(
    'usage',
    `There is no channel \`${slug}\` (from ${channelListSource(list)}: ${slugs}).${yamlOnly}${listNote ? ` ${listNote}` : ''}`,
  );
}
