import { z } from 'zod';
import { ChannelSlug } from '../config/station-config.js';
import type { ChannelDirectory } from '../station/channel-directory.js';
import type { StationChannel } from '../station/channel-list.js';
import { channelNamed } from './channel-named.js';
import { staleChannelsNote } from './channel-list-notes.js';

/** `[channel]`: an optional channel slug, any case (`np RAP`). */
export const OptionalChannelArgs = z.object({
  channel: z
    .string()
    .transform((slug) => slug.toLowerCase())
    .pipe(ChannelSlug)
    .optional(),
});

/** The channels a `[channel]` command covers, and what to say about the list when it is not of just now. */
export interface ChannelsInScope {
  channels: StationChannel[];
  listNote?: string;
}

/**
 * Every channel of the station's list, or the one `slug` names.
 * @throws UserError `usage` when the list has no channel `slug` (see `channelNamed`).
 */
export async function channelsInScope(
  slug: string | undefined,
  directory: ChannelDirectory,
  signal?: AbortSignal,
): Promise<ChannelsInScope> {
  if (slug !== undefined) {
    const { channel, listNote } = await channelNamed(slug, directory, signal);
    return { channels: [channel], ...(listNote ? { listNote } : {}) };
  }
  const list = await directory.list(signal);
  const listNote = staleChannelsNote(list);
  return { channels: list.channels, ...(listNote ? { listNote } : {}) };
}
