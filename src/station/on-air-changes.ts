import { utc } from '../alarms/alarm-card.js';
import type { StationObservation } from './on-air-observation.js';
import { observe, type Aspect, type Seen } from './on-air-tracker.js';
import { channelCard, everyText, ICECAST_CARD, type OnAirChange } from './on-air-transition.js';

/** What the cards' words need to know about the watcher. */
export interface ChangeContext {
  everyMs: number;
  /** Icecast's base URL: the `Server` dimension of its card. */
  icecastUrl: string;
  /** Whether HLS is judged (`station.hls` configured). */
  hls: boolean;
}

/** A card's decided state at one check; the watcher compares it with what the card shows. */
export type DecidedChange = Omit<OnAirChange, 'old'>;

/**
 * Feeds one check into `aspects` (updated in place: `icecast`, `<slug>/source`, `<slug>/hls`) and decides each
 * card's state: Icecast's card ALARM when it is bad, OK when it answers; a channel's ALARM when its source or
 * its HLS is bad, OK when its source is on air and nothing is bad, undecided otherwise (its source never seen
 * since this replica began checking). Pure but for `aspects`.
 */
export function onAirChanges(
  aspects: Map<string, Aspect>,
  seen: StationObservation,
  at: number,
  context: ChangeContext,
): DecidedChange[] {
  const track = (key: string, observed: Seen) => {
    const aspect = observe(aspects.get(key), observed, at);
    aspects.set(key, aspect);
    return aspect;
  };
  const decided: DecidedChange[] = [];
  const base = { at, everyMs: context.everyMs };
  const icecast = track('icecast', seen.icecast);
  if (icecast.level) {
    const bad = icecast.level === 'bad';
    decided.push({
      ...base,
      card: ICECAST_CARD,
      metric: 'IcecastReachable',
      dimensions: [{ name: 'Server', value: context.icecastUrl }],
      state: bad ? 'ALARM' : 'OK',
      reason: bad ? since(icecast) : (icecast.detail ?? 'Icecast answers'),
      description: `radio-ops asks Icecast for its mounts ${everyText(context.everyMs)}: two unanswered checks in a row raise this card; meanwhile the channels' sources are unknown.`,
    });
  }
  for (const { channel, source, hls } of seen.channels) {
    const parts = [track(`${channel.slug}/source`, source), track(`${channel.slug}/hls`, hls)];
    const bad = parts.filter((aspect) => aspect.level === 'bad');
    if (bad.length === 0 && parts[0]?.level !== 'ok') continue;
    const good = parts.flatMap((aspect) => (aspect.level === 'ok' && aspect.detail ? [aspect.detail] : []));
    const hlsToo = context.hls ? ` and that ${channel.slug}'s HLS playlist advances (S3 origin and edge)` : '';
    decided.push({
      ...base,
      card: channelCard(channel.slug),
      metric: 'OnAir',
      dimensions: [{ name: 'Channel', value: channel.slug }],
      state: bad.length > 0 ? 'ALARM' : 'OK',
      reason: bad.length > 0 ? bad.map(since).join('\n') : `${channel.slug} is on air: ${good.join(', and ')}`,
      description: `radio-ops checks ${everyText(context.everyMs)} that a source is on ${channel.mount} in Icecast${hlsToo}: two failed checks in a row raise this card, one good check clears it.`,
    });
  }
  return decided;
}

/** `<why> since <time> (<n> checks in a row)`. */
function since(aspect: Aspect): string {
  const start = aspect.badSince === undefined ? '' : ` since ${utc(new Date(aspect.badSince).toISOString())}`;
  return `${aspect.why ?? 'failed'}${start} (${aspect.badInARow} checks in a row)`;
}
