import type { ChannelConfig } from '../config/station-config.js';

/**
 * One channel of the station: slug (lower-case), Icecast mount, Liquidsoap ids and HLS path
 * ({@link ChannelConfig}), plus what `radio_channels` says about it.
 */
export interface StationChannel extends ChannelConfig {
  /** `radio_channels.id`, as text (an integer or a uuid). */
  id?: string;
  /** `radio_channels.name`: `Rap`. */
  name?: string;
  /** Whether `station.channels` names it; if not, its Liquidsoap ids are the defaults (the slug). */
  inStationChannels: boolean;
}

/**
 * The station's channels and where they came from: `radio_channels` (read now), `last known` (read from
 * `radio_channels` earlier, because the station database can't be read now) or `station.channels` (the
 * YAML: no `radio_channels` table, or the database can't be read and was never read).
 */
export interface ChannelList {
  /** By slug (from `radio_channels`), or in the YAML's order. */
  channels: StationChannel[];
  source: 'radio_channels' | 'station.channels' | 'last known';
  /** When `channels` were read from `radio_channels` (sources `radio_channels` and `last known`). */
  readAt?: Date;
  /** When this list was asked for: "read 3 min ago" is `checkedAt - readAt`. */
  checkedAt: Date;
  /**
   * Set when the station database could not be read just now: `why` in words (`permission denied for
   * table radio_channels`, `… did not answer: no connection within 5000 ms`), `since` when reads began failing.
   */
  stale?: { since: Date; why: string };
  /** Slugs of `station.channels` that `radio_channels` lacks: left out of `channels` (which the table decides). */
  notInRadioChannels: string[];
  /** Rows or values of `radio_channels` that could not be used, in words (a slug that is no slug, a repeated slug). */
  problems: string[];
}
