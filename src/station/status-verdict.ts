import { notAdvancingWord } from '../integrations/hls/hls-judge.js';
import type { StationStatus } from './station-status.js';

/**
 * The station's state in one line: `All 2 channels on air`, `jazz is off air; rap's HLS edge is late`
 * (`late` at `warn`, `stale` at `critical`, as `hls` says).
 * `critical`: a channel is off air or its HLS is critical (3 target durations without advancing); `warning`:
 * something could not be checked, or HLS is at `warn`; `ok` otherwise.
 */
export interface StatusVerdict {
  severity: 'ok' | 'warning' | 'critical';
  sentence: string;
  /** One clause per thing wrong or unknown, in channel order (what `sentence` joins). */
  problems: string[];
}

/** Judges a probe's answers. Pure. */
export function statusVerdict(status: Omit<StationStatus, 'verdict'>): StatusVerdict {
  const { channels } = status;
  const problems: string[] = [];
  let severity: StatusVerdict['severity'] = 'ok';
  const raise = (to: 'warning' | 'critical') => (severity = severity === 'critical' ? 'critical' : to);
  let allOnAir = false;
  if ('notConfigured' in status.icecast) {
    problems.push('On air not checked: Icecast is not configured (station.icecast.url)');
    raise('warning');
  } else if ('unknown' in status.icecast) {
    problems.push('On air unknown: Icecast could not be read');
    raise('warning');
  } else if (channels.length === 0) {
    problems.push('No channels to check (the channel list is empty)');
    raise('warning');
  } else {
    const off = channels.filter(({ source }) => 'onAir' in source && !source.onAir);
    for (const { channel } of off) problems.push(`${channel.slug} is off air`);
    if (off.length) raise('critical');
    allOnAir = off.length === 0;
  }
  for (const { channel, hls } of channels) {
    if ('notConfigured' in hls) continue;
    if ('unknown' in hls || hls.value.verdict === 'unknown') {
      problems.push(`${channel.slug}'s HLS could not be checked`);
      raise('warning');
      continue;
    }
    const { verdict, stale } = hls.value;
    if (verdict === 'fresh') continue;
    const layer = stale ? ` ${stale}` : '';
    problems.push(
      `${channel.slug}'s HLS${layer} is ${notAdvancingWord(verdict)}${verdict === 'critical' ? ' (critical)' : ''}`,
    );
    raise(verdict === 'critical' ? 'critical' : 'warning');
  }
  if ('unknown' in status.encoder) {
    problems.push('the encoder (Liquidsoap) could not be asked');
    raise('warning');
  }
  if (status.list.stale) problems.push('the channel list is not the latest (see the note)');
  const lead = allOnAir ? [`All ${channels.length} channel${channels.length === 1 ? '' : 's'} on air`] : [];
  return { severity, sentence: [...lead, ...problems].join('; '), problems };
}
