import { systemClock, type Clock } from '../../alarms/clock.js';
import { anySignal, deadlineSignal, firedReason, seconds } from './hls-deadline.js';
import { checkEdge, type EdgeCheck } from './hls-edge.js';
import { hlsVerdict, judgeStall, originStalledMs, type HlsJudgement, type HlsVerdict } from './hls-judge.js';
import type { PlaylistObjectReader } from './hls-origin.js';
import { parseMediaPlaylist } from './hls-playlist.js';

export type { EdgeCheck, EdgeGet } from './hls-edge.js';
export type { HlsVerdict } from './hls-judge.js';

/** What the check needs of a channel (a `ChannelConfig` or a channel-list entry fits). */
export interface HlsChannel {
  slug: string;
  /** Key prefix in the bucket and path on the edge, ending in `/` (`hls/rap/`). */
  hlsPath: string;
}

/** A layer that could not be checked, and why in words (`the edge did not answer a GET within 5 s`). */
export interface HlsUnknown {
  unknown: string;
}

/** The origin: the playlist object in S3, judged by how long ago it was last rewritten. */
export interface OriginCheck {
  /** `s3://<bucket>/<key>`. */
  object: string;
  /** S3's `LastModified`. */
  lastModified: Date;
  mediaSequence: number;
  /** `#EXT-X-TARGETDURATION`, seconds. */
  targetDuration: number;
  /** From `lastModified` to the check, ms (0 when S3's clock is ahead). */
  notAdvancedForMs: number;
  /** `#EXT-X-ENDLIST`: the encoder ended this playlist. */
  endList: boolean;
  verdict: HlsVerdict;
}

/** One channel's HLS freshness: both layers (each checked or unknown) and the verdict (see `hlsVerdict`). */
export interface ChannelHls extends HlsJudgement {
  slug: string;
  /** When the check started (the check's clock). */
  checkedAt: Date;
  origin: OriginCheck | HlsUnknown;
  edge: EdgeCheck | HlsUnknown;
}

/** Deadlines, ms: the origin's `GetObject`, one edge GET, the whole edge check (1 to 1.5 target durations long). */
export interface HlsTimeouts {
  originMs: number;
  edgeGetMs: number;
  edgeMs: number;
}

/** Within a command's 30 s: the edge check watches target durations up to 13 s. */
export const DEFAULT_HLS_TIMEOUTS: HlsTimeouts = { originMs: 10_000, edgeGetMs: 5_000, edgeMs: 25_000 };

/**
 * HLS freshness of the station's channels: the origin (`GetObject` of `<hlsPath><playlist>` in the bucket:
 * `LastModified`, `#EXT-X-MEDIA-SEQUENCE`, `#EXT-X-TARGETDURATION`) and the edge (GETs of
 * `<edgeUrl>/<hlsPath><playlist>` one target duration apart). A layer's failure is never thrown: it is that
 * layer's `{ unknown: why }`, so `status` and the on-air watcher can show the rest.
 */
export interface HlsOperations {
  readonly bucket: string;
  readonly edgeUrl: string;
  /** The media playlist's file name (`live.m3u8`). */
  readonly playlist: string;
  /** The playlist's key in the bucket: `<hlsPath><playlist>`. */
  originKey(channel: HlsChannel): string;
  /** The playlist's public URL: `<edgeUrl>/<hlsPath><playlist>`. */
  edgeUrlOf(channel: HlsChannel): string;
  checkOrigin(channel: HlsChannel, signal?: AbortSignal): Promise<OriginCheck | HlsUnknown>;
  checkEdge(channel: HlsChannel, signal?: AbortSignal): Promise<EdgeCheck | HlsUnknown>;
  /** Both layers in parallel, each with its own deadline, then the verdict. */
  check(channel: HlsChannel, signal?: AbortSignal): Promise<ChannelHls>;
}

export interface HlsOperationsOptions {
  readObject: PlaylistObjectReader;
  bucket: string;
  edgeUrl: string;
  playlist: string;
  /** Time for `LastModified` ages, the edge's readings and its waits (default: the wall clock). */
  clock?: Clock;
  timeouts?: HlsTimeouts;
  /** Ends every call too (a command run's deadline). */
  signal?: AbortSignal;
}

export function createHlsOperations(options: HlsOperationsOptions): HlsOperations {
  const { bucket, edgeUrl, playlist, clock = systemClock, timeouts = DEFAULT_HLS_TIMEOUTS } = options;
  const originKey = (channel: HlsChannel) => `${channel.hlsPath}${playlist}`;
  const edgeUrlOf = (channel: HlsChannel) =>
    new URL(originKey(channel), edgeUrl.endsWith('/') ? edgeUrl : `${edgeUrl}/`).href;

  const checkOrigin = async (channel: HlsChannel, signal?: AbortSignal): Promise<OriginCheck | HlsUnknown> => {
    const key = originKey(channel);
    const deadline = deadlineSignal(timeouts.originMs, `S3 did not answer within ${seconds(timeouts.originMs)}`);
    const signals = [options.signal, signal, deadline.signal];
    try {
      const object = await options.readObject(key, anySignal(...signals));
      if (!object.lastModified) return { unknown: 'S3 sent no LastModified for the playlist' };
      const parsed = parseMediaPlaylist(object.body);
      const notAdvancedForMs = originStalledMs(object.lastModified, clock.now());
      return {
        object: `s3://${bucket}/${key}`,
        lastModified: object.lastModified,
        mediaSequence: parsed.mediaSequence,
        targetDuration: parsed.targetDuration,
        notAdvancedForMs,
        endList: parsed.endList,
        verdict: judgeStall(notAdvancedForMs, parsed.targetDuration),
      };
    } catch (error) {
      return { unknown: firedReason(signals) ?? (error instanceof Error ? error.message : String(error)) };
    } finally {
      deadline.clear();
    }
  };

  const checkEdgeOf = async (channel: HlsChannel, signal?: AbortSignal): Promise<EdgeCheck | HlsUnknown> => {
    const options_ = { clock, getMs: timeouts.edgeGetMs, checkMs: timeouts.edgeMs };
    try {
      return await checkEdge(edgeUrlOf(channel), options_, anySignal(options.signal, signal));
    } catch (error) {
      return { unknown: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    bucket,
    edgeUrl,
    playlist,
    originKey,
    edgeUrlOf,
    checkOrigin,
    checkEdge: checkEdgeOf,
    async check(channel, signal) {
      const checkedAt = new Date(clock.now());
      const [origin, edge] = await Promise.all([checkOrigin(channel, signal), checkEdgeOf(channel, signal)]);
      const judged = hlsVerdict(verdictOf(origin), verdictOf(edge));
      return { slug: channel.slug, checkedAt, origin, edge, ...judged };
    },
  };
}

const verdictOf = (layer: { verdict: HlsVerdict } | HlsUnknown) => ('unknown' in layer ? undefined : layer.verdict);
