import type { ChannelList } from '../station/channel-list.js';
import { utcWithAge } from './utc-with-age.js';

/** Where a channel list came from, in words for "from …": `radio_channels`, `station.channels`, `the list last read from radio_channels`. */
export function channelListSource(list: ChannelList): string {
  return list.source === 'last known' ? 'the list last read from radio_channels' : list.source;
}

/**
 * Why the list is not the station database's answer of just now, or `undefined` when it is (or when there
 * is no `radio_channels` and the YAML is the list): `The station database could not be read (<why>): using
 * the channel list read from radio_channels at 2025-03-14 21:00:00 UTC (3m ago).`
 */
export function staleChannelsNote(list: ChannelList): string | undefined {
  if (!list.stale) return undefined;
  const { since, why } = list.stale;
  const failing =
    list.checkedAt.getTime() - since.getTime() >= 1000 ? `; failing since ${utcWithAge(since, list.checkedAt)}` : '';
  const using =
    list.source === 'last known'
      ? `the channel list read from radio_channels at ${utcWithAge(list.readAt, list.checkedAt)}`
      : 'station.channels from the configuration';
  return `The station database could not be read (${why}${failing}): using ${using}.`;
}

/** Everything a reply listing channels should add about the list: stale, YAML slugs left out, rows not used. */
export function channelListNotes(list: ChannelList): string[] {
  const stale = staleChannelsNote(list);
  return [
    ...(stale ? [stale] : []),
    ...(list.notInRadioChannels.length
      ? [`In station.channels but not in radio_channels, so left out: ${list.notInRadioChannels.join(', ')}.`]
      : []),
    ...list.problems,
  ];
}
