// The media playlist as Liquidsoap 2.1.3 writes it (CRLF), and the playlists a freshness check must not misread.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMediaPlaylist, PlaylistError } from '../../../src/integrations/hls/hls-playlist.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/hls/${name}`, import.meta.url), 'utf8');

describe('issue 14 hls: parseMediaPlaylist', () => {
  it("reads Liquidsoap 2.1.3's CRLF playlist: media sequence, target duration, the newest segment", () => {
    const text = fixture('live-liquidsoap-2.1.3.m3u8');
    expect(text).toContain('\r\n');
    expect(parseMediaPlaylist(text)).toEqual({
      mediaSequence: 35,
      targetDuration: 1,
      segments: 4,
      lastSequence: 38,
      endList: false,
    });
  });

  it('reads LF playlists the same, and ignores a BOM and trailing blanks', () => {
    const crlf = fixture('live-liquidsoap-2.1.3.m3u8');
    expect(parseMediaPlaylist(`\uFEFF${crlf.replaceAll('\r\n', '\n')}  \n\n`)).toEqual(parseMediaPlaylist(crlf));
  });

  it('without #EXT-X-MEDIA-SEQUENCE the first segment is number 0 (RFC 8216 4.3.3.2)', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\na.ts\n#EXTINF:6.0,\nb.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(text)).toEqual({
      mediaSequence: 0,
      targetDuration: 6,
      segments: 2,
      lastSequence: 1,
      endList: true,
    });
  });

  it('refuses what it cannot judge, saying why: no target duration, a master playlist, not a playlist', () => {
    const why = (text: string) => {
      try {
        parseMediaPlaylist(text);
        return 'parsed';
      } catch (error) {
        return error instanceof PlaylistError ? error.message : `not a PlaylistError: ${String(error)}`;
      }
    };
    expect(why('#EXTM3U\r\n#EXT-X-MEDIA-SEQUENCE:3\r\n#EXTINF:1.0,\r\na.mp3\r\n')).toBe(
      'the playlist has no #EXT-X-TARGETDURATION',
    );
    expect(why('#EXTM3U\n#EXT-X-TARGETDURATION:0\n')).toBe('#EXT-X-TARGETDURATION:0 is not a target duration');
    expect(why('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:x\n')).toBe(
      '#EXT-X-MEDIA-SEQUENCE:x is not a media sequence number',
    );
    expect(why(fixture('index-liquidsoap-2.1.3.m3u8'))).toBe(
      'this is a master playlist (#EXT-X-STREAM-INF), not the media playlist',
    );
    expect(why('<html>502 Bad Gateway</html>')).toBe('not an HLS playlist (its first line is not #EXTM3U)');
    expect(why('')).toBe('not an HLS playlist (its first line is not #EXTM3U)');
  });
});
