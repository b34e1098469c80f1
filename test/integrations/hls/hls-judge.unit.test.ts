// The pure freshness judge: per layer by how long the media sequence has not advanced, then which layer is stale.
import { describe, expect, it } from 'vitest';
import { edgeStalledMs, hlsVerdict, judgeStall, originStalledMs } from '../../../src/integrations/hls/hls-judge.js';

describe('issue 14 hls: judgeStall', () => {
  it('is fresh below 1.5 target durations, warn from exactly 1.5, critical from exactly 3', () => {
    expect(judgeStall(0, 2)).toBe('fresh');
    expect(judgeStall(2_999, 2)).toBe('fresh');
    expect(judgeStall(3_000, 2)).toBe('warn');
    expect(judgeStall(5_999, 2)).toBe('warn');
    expect(judgeStall(6_000, 2)).toBe('critical');
    expect(judgeStall(60_000, 2)).toBe('critical');
    expect(judgeStall(1_500, 1)).toBe('warn');
    expect(judgeStall(1_499, 1)).toBe('fresh');
  });
});

describe('issue 14 hls: how long a layer has not advanced', () => {
  it("origin: from the object's LastModified to now, never negative (S3's clock may be ahead)", () => {
    const lastModified = new Date('2025-03-14T21:00:00.000Z');
    expect(originStalledMs(lastModified, Date.parse('2025-03-14T21:00:09.000Z'))).toBe(9_000);
    expect(originStalledMs(lastModified, Date.parse('2025-03-14T20:59:58.000Z'))).toBe(0);
  });

  it('edge: 0 when the playlist changed between the GETs, else the time between them plus the first Age', () => {
    const at = (ms: number, lastSequence: number, age?: number) => ({ at: ms, lastSequence, age });
    expect(edgeStalledMs([at(0, 10), at(1_000, 11)])).toBe(0);
    expect(edgeStalledMs([at(0, 10), at(1_000, 10), at(1_500, 11)])).toBe(0);
    // an encoder restart starts again at 0: the playlist changed, so it is being written
    expect(edgeStalledMs([at(0, 10), at(1_000, 2)])).toBe(0);
    expect(edgeStalledMs([at(0, 10), at(1_000, 10), at(1_500, 10)])).toBe(1_500);
    expect(edgeStalledMs([at(0, 10, 2), at(1_000, 10, 3), at(1_500, 10, 3)])).toBe(3_500);
  });
});

describe('issue 14 hls: hlsVerdict (which layer is stale)', () => {
  it('origin stale: the encoder or the sync, whatever the edge says', () => {
    expect(hlsVerdict('warn', 'critical')).toEqual({ verdict: 'critical', stale: 'origin' });
    expect(hlsVerdict('critical', 'fresh')).toEqual({ verdict: 'critical', stale: 'origin' });
    expect(hlsVerdict('warn', undefined)).toEqual({ verdict: 'warn', stale: 'origin' });
  });

  it('origin fresh and edge stale: CloudFront; edge stale with the origin unknown: the edge, cause open', () => {
    expect(hlsVerdict('fresh', 'warn')).toEqual({ verdict: 'warn', stale: 'edge' });
    expect(hlsVerdict(undefined, 'critical')).toEqual({ verdict: 'critical', stale: 'edge' });
  });

  it('fresh only when both layers are known fresh; unknown when one could not be checked', () => {
    expect(hlsVerdict('fresh', 'fresh')).toEqual({ verdict: 'fresh' });
    expect(hlsVerdict('fresh', undefined)).toEqual({ verdict: 'unknown' });
    expect(hlsVerdict(undefined, 'fresh')).toEqual({ verdict: 'unknown' });
    expect(hlsVerdict(undefined, undefined)).toEqual({ verdict: 'unknown' });
  });
});
