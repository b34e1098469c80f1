/**
 * Freshness of a live HLS playlist, judged the same at both layers: by how long its media sequence has not
 * advanced, in target durations. Pure (times are passed in). A playlist that answers 200 but does not advance
 * is stale all the same: only advancing counts.
 */
export type HlsVerdict = 'fresh' | 'warn' | 'critical';

/** `warn` once the playlist has not advanced for this many target durations. */
export const WARN_AFTER_TARGET_DURATIONS = 1.5;
/** `critical` once it has not advanced for this many. */
export const CRITICAL_AFTER_TARGET_DURATIONS = 3;

/** `fresh` below 1.5 target durations without advancing, `warn` from exactly 1.5, `critical` from exactly 3. */
export function judgeStall(stalledMs: number, targetDurationSeconds: number): HlsVerdict {
  const durations = stalledMs / (targetDurationSeconds * 1000);
  if (durations >= CRITICAL_AFTER_TARGET_DURATIONS) return 'critical';
  return durations >= WARN_AFTER_TARGET_DURATIONS ? 'warn' : 'fresh';
}

/**
 * Origin: the playlist object is rewritten whenever the media sequence advances, so it has not advanced since
 * S3's `LastModified`: ms from then to `now` (ms since the epoch), 0 when S3's clock is ahead of ours.
 */
export function originStalledMs(lastModified: Date, now: number): number {
  return Math.max(0, now - lastModified.getTime());
}

/** One GET of the edge's playlist: when it answered (ms, the check's clock), its newest segment, its `Age` (s). */
export interface EdgeSample {
  at: number;
  lastSequence: number;
  age?: number;
}

/**
 * Edge: 0 when the playlist changed between the first GET and the last (a new segment, or an encoder restart
 * numbering from 0 again), else how long it is known not to have changed: the time between the GETs plus the
 * first answer's `Age` (how long the cache had already held that copy).
 */
export function edgeStalledMs(samples: readonly EdgeSample[]): number {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.lastSequence !== first.lastSequence) return 0;
  return last.at - first.at + (first.age ?? 0) * 1000;
}

/** The station's HLS verdict, and which layer is stale when one is. */
export interface HlsJudgement {
  /** The worse layer's verdict; `unknown` when nothing is stale but a layer could not be checked. */
  verdict: HlsVerdict | 'unknown';
  /**
   * `origin`: S3's playlist is not advancing, so the encoder or the sync to S3 is at fault (the edge follows it).
   * `edge`: the origin advances (or could not be read) but CloudFront's copy does not: its caching.
   */
  stale?: 'origin' | 'edge';
}

const RANK: Record<HlsVerdict, number> = { fresh: 0, warn: 1, critical: 2 };

/** Judges both layers; `undefined` is a layer that could not be checked. */
export function hlsVerdict(origin: HlsVerdict | undefined, edge: HlsVerdict | undefined): HlsJudgement {
  const known = [origin, edge].filter((verdict) => verdict !== undefined);
  const worst = known.reduce<HlsVerdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'fresh');
  if (origin && origin !== 'fresh') return { verdict: worst, stale: 'origin' };
  if (edge && edge !== 'fresh') return { verdict: worst, stale: 'edge' };
  return { verdict: known.length === 2 ? 'fresh' : 'unknown' };
}

/**
 * How a layer that is not advancing is named, the same in `hls` and `status`: `late` at `warn` (1.5 target
 * durations), `stale` at `critical` (3).
 */
export const notAdvancingWord = (verdict: HlsVerdict | 'unknown') => (verdict === 'critical' ? 'stale' : 'late');

/** Which layers could be read (a layer that could not is `unknown` in the check). */
export interface LayersRead {
  origin: boolean;
  edge: boolean;
}

/** What a judgement means for the person on call, as a clause (lower-case start, no full stop). */
export function hlsVerdictClause({ verdict, stale }: HlsJudgement, read: LayersRead): string {
  if (stale === 'origin') {
    return "the origin's playlist in S3 is not advancing: look at the encoder (Liquidsoap's HLS output) and the sync to S3";
  }
  if (stale === 'edge') {
    return read.origin
      ? "the origin advances but the edge's copy does not: CloudFront is caching the manifest too long (manifests should have a 4 s TTL)"
      : 'the edge is not advancing and the origin could not be read: the encoder, the sync to S3 or CloudFront';
  }
  if (verdict === 'fresh') return 'HLS is fresh at the origin and at the edge';
  return read.origin || read.edge
    ? 'no layer is known to be late or stale, but not every layer could be checked'
    : 'neither layer could be read (no playlist?)';
}

/**
 * The one line `hls <channel>` and `status` both show for a channel's HLS: `<verdict> — <clause>`, as in
 * `fresh — HLS is fresh at the origin and at the edge`.
 */
export const hlsVerdictLine = (judgement: HlsJudgement, read: LayersRead): string =>
  `${judgement.verdict} — ${hlsVerdictClause(judgement, read)}`;
