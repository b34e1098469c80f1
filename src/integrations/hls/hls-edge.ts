import type { Clock } from '../../alarms/clock.js';
import {
  anySignal,
  deadlineSignal,
  firedReason,
  HlsCheckStopped,
  seconds,
  sleepUnlessAborted,
} from './hls-deadline.js';
import { edgeStalledMs, judgeStall, WARN_AFTER_TARGET_DURATIONS, type HlsVerdict } from './hls-judge.js';
import { parseMediaPlaylist, PlaylistError } from './hls-playlist.js';

/** One GET of the edge's playlist. */
export interface EdgeGet {
  /** When its answer came (the check's clock). */
  at: Date;
  mediaSequence: number;
  /** The newest segment listed (see `MediaPlaylist.lastSequence`): what "advancing" compares. */
  lastSequence: number;
  /** `Age`, seconds: how long the cache had held this copy. Absent when not sent. */
  age?: number;
}

/** The edge (CloudFront's copy, what listeners get), watched over one target duration or one and a half. */
export interface EdgeCheck {
  url: string;
  /** The media sequence of the last GET. */
  mediaSequence: number;
  /** `#EXT-X-TARGETDURATION` of the first GET, seconds. */
  targetDuration: number;
  gets: EdgeGet[];
  /** The playlist changed between the first GET and the last. */
  advanced: boolean;
  /** How long it is known not to have changed (see `edgeStalledMs`), ms; 0 when it advanced. */
  notAdvancedForMs: number;
  /** Headers of the last answer, when sent: `Age` (s), `Cache-Control`, `X-Cache` (`Hit from cloudfront`). */
  age?: number;
  cacheControl?: string;
  xCache?: string;
  verdict: HlsVerdict;
}

export interface EdgeCheckOptions {
  clock: Clock;
  /** Deadline of one GET (answer and body), ms. */
  getMs: number;
  /** Deadline of the whole check, ms: it spans 1 to 1.5 target durations, so it is longer than a GET's. */
  checkMs: number;
}

/** A GET's answer as the check uses it. */
interface Answer extends EdgeGet {
  targetDuration: number;
  headers: Headers;
}

/**
 * Watches the edge's playlist like a player (RFC 8216 6.3.4): a GET, another one target duration later, and when
 * that one has not changed, a third after half a target duration more, so "not advancing" means for at least 1.5
 * target durations. Each GET carries its own deadline, the whole check a longer one, and `signal` ends both.
 * @throws HlsCheckStopped whose message says why in words (a deadline, an HTTP status, a dropped connection, a
 *   playlist that can't be judged).
 */
export async function checkEdge(url: string, options: EdgeCheckOptions, signal?: AbortSignal): Promise<EdgeCheck> {
  const check = deadlineSignal(options.checkMs, `the edge check did not finish within ${seconds(options.checkMs)}`);
  const during = anySignal(signal, check.signal);
  try {
    const get = () => getPlaylist(url, options, signal, check.signal);
    const first = await get();
    const targetMs = first.targetDuration * 1000;
    if (targetMs * WARN_AFTER_TARGET_DURATIONS + options.getMs > options.checkMs) {
      throw new HlsCheckStopped(
        `its target duration (${first.targetDuration} s) is too long to watch within the edge check's ${seconds(options.checkMs)}`,
      );
    }
    const sleep = (ms: number) => options.clock.sleep(ms);
    await sleepUnlessAborted(sleep, targetMs, during);
    const answers = [first, await get()];
    if (answers[1]?.lastSequence === first.lastSequence) {
      await sleepUnlessAborted(sleep, targetMs * (WARN_AFTER_TARGET_DURATIONS - 1), during);
      answers.push(await get());
    }
    return edgeCheckOf(url, first.targetDuration, answers);
  } catch (error) {
    throw new HlsCheckStopped(whyEdgeFailed(error, signal, check.signal));
  } finally {
    check.clear();
  }
}

function edgeCheckOf(url: string, targetDuration: number, answers: Answer[]): EdgeCheck {
  const gets = answers.map(({ at, mediaSequence, lastSequence, age }) => ({ at, mediaSequence, lastSequence, age }));
  const notAdvancedForMs = edgeStalledMs(gets.map((get) => ({ ...get, at: get.at.getTime() })));
  const last = answers[answers.length - 1] as Answer;
  const header = (name: string) => last.headers.get(name) ?? undefined;
  return {
    url,
    mediaSequence: last.mediaSequence,
    targetDuration,
    gets,
    advanced: last.lastSequence !== answers[0]?.lastSequence,
    notAdvancedForMs,
    ...optional({ age: last.age, cacheControl: header('cache-control'), xCache: header('x-cache') }),
    verdict: judgeStall(notAdvancedForMs, targetDuration),
  };
}

/** One GET with its own deadline, the playlist parsed. */
async function getPlaylist(url: string, options: EdgeCheckOptions, ...signals: (AbortSignal | undefined)[]) {
  const get = deadlineSignal(options.getMs, `the edge did not answer a GET within ${seconds(options.getMs)}`);
  try {
    const response = await fetch(url, { signal: anySignal(...signals, get.signal), redirect: 'follow' });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new HlsCheckStopped(`the edge answered ${response.status} ${response.statusText}`.trim());
    }
    const playlist = parseMediaPlaylist(await response.text());
    const age = /^\d+$/.test(response.headers.get('age') ?? '') ? Number(response.headers.get('age')) : undefined;
    return { ...playlist, at: new Date(options.clock.now()), age, headers: response.headers };
  } catch (error) {
    if (error instanceof HlsCheckStopped || error instanceof PlaylistError) throw error;
    throw new HlsCheckStopped(whyEdgeFailed(error, ...signals, get.signal));
  } finally {
    get.clear();
  }
}

/** Words for a failed GET or wait: the deadline that fired, else the connection's fault. */
function whyEdgeFailed(error: unknown, ...signals: (AbortSignal | undefined)[]): string {
  const fired = firedReason(signals);
  if (fired) return fired;
  if (error instanceof HlsCheckStopped || error instanceof PlaylistError) return error.message;
  const cause: unknown = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = (cause as { code?: unknown }).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ECONNREFUSED') return `nothing accepts connections at the edge (${message})`;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return `the edge dropped the connection (${message})`;
  }
  return `the GET failed (${message})`;
}

/** `values` without its undefined entries (the result type has optional keys, not `undefined` values). */
function optional<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
