/**
 * What radio-ops asks Icecast 2, the station's streaming server: its mounts (a mount is on air while a source
 * is connected to it) and two admin actions. Sources: https://icecast.org/docs/icecast-2.4.0/admin-interface.html,
 * https://icecast.org/docs/icecast-2.4.0/server-stats.html and src/admin.c of xiph/Icecast-Server (v2.4.4, v2.5.0).
 */

/** Icecast's version as its `server_id` gives it (`Icecast 2.4.4` → 2, 4, 4). */
export interface IcecastVersion {
  major: number;
  minor: number;
  patch: number;
}

/**
 * Which admin API a server speaks: `2.4` (GET everywhere, `/admin/stats` in XML) or `2.5` (POST for actions,
 * `/admin/stats.json`). 2.5's betas and release candidates call themselves `Icecast 2.4.99.x` / `2.4.999.x`.
 */
export type IcecastAdminApi = '2.4' | '2.5';

/** One mount with a source connected to it (Icecast lists no others). */
export interface IcecastMount {
  /** The mount point, with its leading slash (`/rap.mp3`). */
  mount: string;
  /** Listeners connected now. */
  listeners: number;
  /** The most listeners at once since the source connected. */
  listenerPeak: number;
  /** When the source connected (`stream_start_iso8601`): a new value means the source reconnected. */
  streamStart?: Date;
  /**
   * Now playing as Icecast has it, always the original text (`-`, `123`, `true` stay strings). Characters the
   * mount's charset lacks (ISO-8859-1 for MP3 unless the mount says otherwise) come back as `&#8211;`.
   */
  title?: string;
  artist?: string;
  /** The source's `Content-Type` (`server_type`): `audio/mpeg`, `application/ogg`, `audio/ogg`, `audio/aac`. */
  contentType?: string;
  /** The codecs of an Ogg stream (`Vorbis`, `Opus`, `Vorbis/Theora`); absent for other formats. */
  subtype?: string;
  /** Nominal bitrate in kbit/s (`ice-bitrate`, else `audio_bitrate` / 1000), when the source says. */
  bitrate?: number;
}

/** Where a {@link IcecastStats} came from. */
export type IcecastStatsEndpoint = '/admin/stats' | '/admin/stats.json' | '/status-json.xsl';

export interface IcecastStats {
  /** `server_id` as the server reports it (`Icecast 2.4.4`; an operator may have changed it). */
  serverId: string;
  /** Parsed from {@link serverId}; undefined when it names no version. */
  version?: IcecastVersion;
  /** The admin API the server speaks (`2.4` when the version is unknown: 2.5 still accepts GET unless strict). */
  api: IcecastAdminApi;
  endpoint: IcecastStatsEndpoint;
  /** Set when the public status was read although admin access is configured: why (the password was refused). */
  note?: string;
  /** Mounts with a source connected, sorted by mount. */
  mounts: IcecastMount[];
}

/**
 * Icecast's operations. Every call has a deadline (the module's timeout, and the caller's `signal`, whichever
 * ends first) and fails with a `UserError`: `timeout` for a read that got no answer, `outcome_unknown` for an
 * admin action cut off after it was sent, `unavailable` when Icecast can't be reached or answers an error,
 * `precondition` when Icecast (or its stats) says the action can't apply, `not_configured` for an admin action
 * without `ICECAST_ADMIN_PASSWORD`. No message ever contains the password.
 */
export interface IcecastOperations {
  /** The server's base URL (without any credentials), for replies. */
  readonly baseUrl: string;
  /** Whether `ICECAST_ADMIN_PASSWORD` is set (admin stats, metadata updates, kill-source). */
  readonly admin: boolean;
  /**
   * The mounts and their listeners: `/admin/stats` (XML) on 2.4, `/admin/stats.json` on 2.5 (the version comes
   * from `server_id`, and is remembered), the public `/status-json.xsl` without admin access or when Icecast
   * refuses the admin password (then {@link IcecastStats.note} says so).
   */
  stats(signal?: AbortSignal): Promise<IcecastStats>;
  /**
   * Sets the mount's now-playing text (`/admin/metadata?mode=updinfo&song=…&charset=UTF-8`; GET on 2.4, POST on
   * 2.5). Only MP3 and Ogg Vorbis mounts take it: others, and a mount without a source, are refused
   * (`precondition`) before anything is sent; `song` with a control character is a `usage` error. Icecast
   * applies it with the source's next chunk of audio, so `stats()` may show the old title for a moment.
   */
  updateMetadata(mount: string, song: string, signal?: AbortSignal): Promise<void>;
  /**
   * Disconnects the mount's source (`/admin/killsource?mount=…`; GET on 2.4, POST on 2.5). Its listeners are
   * dropped unless the mount has a fallback; a source client like Liquidsoap reconnects within seconds (a new
   * `streamStart`). A mount without a source is a `precondition` error.
   */
  killSource(mount: string, signal?: AbortSignal): Promise<void>;
}
