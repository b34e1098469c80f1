import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A channel slug as it appears in URLs, S3 keys and commands (`rap`, `jazz`, `80s-hits`). */
export const ChannelSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a channel slug like rap or 80s-hits');

/** A Liquidsoap source/output id: what its server prefixes commands with (`rap.skip`). */
const LiquidsoapId = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/, 'a Liquidsoap id like rap or rap_queue');

/** An Icecast mount point, with its leading slash (`/rap.mp3`). */
export const IcecastMount = z.string().regex(/^\/[A-Za-z0-9._/-]+$/, 'an Icecast mount like /rap.mp3');

/** A key prefix in the bucket and path on the edge, ending in `/` (`hls/rap/`). */
export const HlsPath = z.string().regex(/^[A-Za-z0-9._/-]+\/$/, 'a path ending in "/", like hls/rap/');

/**
 * One radio channel as the station's YAML gives it. A bare slug (`rap`) takes every default; an object
 * overrides what differs. Where the station database's `radio_channels` has a row for the slug, its
 * `icecast_mount` and `hls_path` win over these (the runbook writes them there).
 */
const ChannelEntry = z.union([
  ChannelSlug.transform((slug) => ({ slug })),
  z.strictObject({
    slug: ChannelSlug,
    /** Icecast mount point, with its leading slash (`/rap.mp3`). Default `/<slug>`. */
    mount: IcecastMount.optional(),
    /** The id of the channel's Icecast output in the Liquidsoap script (`rap.skip`). Default: the slug. */
    output: LiquidsoapId.optional(),
    /** The id of its request queue (`request.queue(id=…)`), when it has one: `push` needs it. */
    queue: LiquidsoapId.optional(),
    /** Key prefix of its HLS files in the bucket and path on the edge (`hls/rap/`). Default `hls/<slug>/`. */
    hlsPath: HlsPath.optional(),
    /** `false` for a channel that writes no HLS: `status` and the on-air watcher do not check it. Only `false`. */
    hls: z.literal(false).optional(),
  }),
]);

/** A channel with every default filled in. */
export interface ChannelConfig {
  slug: string;
  mount: string;
  output: string;
  queue?: string;
  hlsPath: string;
  /** `false`: the channel writes no HLS (`hls: false` in station.channels), so its HLS is not checked. */
  hls?: false;
}

export function withChannelDefaults(entry: z.output<typeof ChannelEntry>): ChannelConfig {
  const full = entry as Partial<ChannelConfig> & { slug: string };
  return {
    slug: full.slug,
    mount: full.mount ?? `/${full.slug}`,
    output: full.output ?? full.slug,
    ...(full.queue ? { queue: full.queue } : {}),
    hlsPath: full.hlsPath ?? `hls/${full.slug}/`,
    ...(full.hls === false ? { hls: false as const } : {}),
  };
}

/**
 * The station's own server command that starts a new channel's output (`create_channel {slug}`): a command name,
 * then text in which `{slug}` stands for the validated channel slug (`"{slug}"`: as a quoted Liquidsoap string).
 * No other `{…}` placeholder, no control character (the server splits lines on CR and LF).
 */
export const CreateChannelTemplate = z
  .string()
  .regex(
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}( [^\u0000-\u001f\u007f-\u009f]*)?$/,
    'a server command like create_channel {slug}',
  )
  .refine((template) => template.includes('{slug}'), 'the template names the channel with {slug}')
  .refine((template) => !/[{}]/.test(template.replaceAll('{slug}', '')), 'the only placeholder is {slug}');

const Duration = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, 'a duration like 30s or 2m')
  .transform((text) => parseDuration(text) as number);

/**
 * `station:` in the YAML: the channels and the servers that put them on air. Icecast's admin password comes
 * from `ICECAST_ADMIN_PASSWORD`, never from this file. Without `icecast` / `liquidsoap` / `hls.edgeUrl` the
 * commands that need them answer "not configured".
 */
export const StationConfig = z
  .strictObject({
    channels: z
      .array(ChannelEntry)
      .default(['rap', 'jazz'].map((slug) => ({ slug })))
      .transform((entries) => entries.map(withChannelDefaults))
      .refine((channels) => new Set(channels.map((c) => c.slug)).size === channels.length, 'channel slugs repeat'),
    /** Icecast 2 (`http://127.0.0.1:8000`), and the admin user for `/admin/*` (default `admin`). */
    icecast: z
      .strictObject({ url: z.url({ protocol: /^https?$/ }), adminUser: z.string().min(1).default('admin') })
      .optional(),
    /** Liquidsoap's server ("telnet", `settings.server.telnet`): host and port (default 1234). */
    liquidsoap: z
      .strictObject({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(1234),
        /** `liquidsoap create-channel`'s line: the station script's own server command (`server.register`). */
        createChannel: CreateChannelTemplate.optional(),
      })
      .optional(),
    /** The public base URL the listeners' players use (`https://dxxxx.cloudfront.net`); manifests at `<edgeUrl>/<hlsPath>`. */
    hls: z
      .strictObject({
        edgeUrl: z.url({ protocol: /^https?$/ }),
        /** The media playlist's file name in each channel's `hlsPath` (Liquidsoap's `output.file.hls` playlist). */
        playlist: z
          .string()
          .regex(/^[A-Za-z0-9._-]+\.m3u8$/, 'a playlist file name like live.m3u8')
          .default('live.m3u8'),
      })
      .optional(),
    /** URI prefixes `push` accepts (`/srv/audio/`, `s3://radio-audio-bucket/audio/`); empty: `push` refuses all. */
    pushAllowList: z.array(z.string().min(2)).default([]),
    /**
     * How long after a `skip` the channel's next `skip` is refused (default 30 s): two people pressing `skip` on
     * the same alarm card skip one track. Held in the bot's database, so it spans replicas.
     */
    skipCooldown: Duration.default(30_000),
    /** The on-air watcher: how often it checks every channel (default 30 s). */
    onAir: z.strictObject({ every: Duration.default(30_000) }).prefault({}),
  })
  .prefault({});

export type StationConfig = z.output<typeof StationConfig>;
