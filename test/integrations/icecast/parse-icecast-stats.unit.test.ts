// Icecast's three stats formats, on responses recorded from a real 2.4.4 and written from 2.5's source
// (test/fixtures/icecast/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../src/integrations/icecast/lenient-json.js';
import {
  IcecastStatsFormatError,
  parseAdminStatsJson,
  parseAdminStatsXml,
  parseIceResponse,
  parseStatusJson,
} from '../../../src/integrations/icecast/parse-icecast-stats.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/icecast/${name}`, import.meta.url), 'utf8');
const titles = (mounts: { mount: string; title?: string }[]) =>
  Object.fromEntries(mounts.map((m) => [m.mount, m.title]));

const rap = {
  mount: '/rap.mp3',
  listeners: 1,
  listenerPeak: 1,
  streamStart: new Date('2026-12-02T12:17:02Z'),
  title: 'MC Test - Night Shift',
  contentType: 'audio/mpeg',
};
const jazz = {
  mount: '/jazz.ogg',
  listeners: 0,
  listenerPeak: 0,
  streamStart: new Date('2026-12-02T12:17:04Z'),
  title: 'tone',
  contentType: 'application/ogg',
  subtype: 'Vorbis',
  bitrate: 16,
};

describe('Icecast 2.4 /admin/stats (XML)', () => {
  it.each([
    ['0-mounts', []],
    ['1-mount', [rap]],
    ['2-mounts', [jazz, rap]],
  ] as const)('reads %s', (name, mounts) => {
    const stats = parseAdminStatsXml(fixture(`icecast-2.4.4-admin-stats-${name}.xml`));
    expect(stats.serverId).toBe('Icecast 2.4.4');
    expect(stats.mounts).toEqual(mounts);
  });

  it('keeps titles as the text Icecast holds: -, 123, true, 1.50, .5 and an entity it wrote itself', () => {
    expect(titles(parseAdminStatsXml(fixture('icecast-2.4.4-admin-stats-quirky-titles.xml')).mounts)).toMatchObject({
      '/dash.mp3': '-',
      '/number.mp3': '123',
      '/boolean.mp3': 'true',
      '/decimal.mp3': '1.50',
      '/fraction.mp3': '.5',
      '/accents.mp3': 'Café &#8211; Ünïcode',
    });
  });
});

describe('Icecast 2.4 /status-json.xsl (public)', () => {
  it('has no source key with 0 mounts, an object with 1, an array with 2', () => {
    const raw = (name: string) => parseLenientJson(fixture(`icecast-2.4.4-status-json-${name}.json`)) as never;
    expect(raw('0-mounts')).not.toHaveProperty('icestats.source');
    expect(Array.isArray((raw('1-mount') as { icestats: { source: unknown } }).icestats.source)).toBe(false);
    expect(Array.isArray((raw('2-mounts') as { icestats: { source: unknown } }).icestats.source)).toBe(true);
    expect(parseStatusJson(fixture('icecast-2.4.4-status-json-0-mounts.json')).mounts).toEqual([]);
    expect(parseStatusJson(fixture('icecast-2.4.4-status-json-1-mount.json')).mounts).toEqual([rap]);
    expect(parseStatusJson(fixture('icecast-2.4.4-status-json-2-mounts.json')).mounts).toEqual([jazz, rap]);
  });

  it('reads a title of - although 2.4 writes it as a bare -, which is not JSON', () => {
    const body = fixture('icecast-2.4.4-status-json-title-dash.json');
    expect(body).toContain('"title":-,');
    expect(() => JSON.parse(body)).toThrow(SyntaxError);
    const stats = parseStatusJson(body);
    expect(stats.serverId).toBe('Icecast 2.4.4');
    expect(stats.mounts).toEqual([{ ...rap, title: '-' }]);
  });

  it('gives numeric-looking and boolean titles back as their original strings', () => {
    expect(titles(parseStatusJson(fixture('icecast-2.4.4-status-json-quirky-titles.json')).mounts)).toEqual({
      '/accents.mp3': 'Café &#8211; Ünïcode',
      '/boolean.mp3': 'true',
      '/dash.mp3': '-',
      '/decimal.mp3': '1.50',
      '/fraction.mp3': '.5',
      '/jazz.ogg': 'tone',
      '/number.mp3': '123',
      '/rap.mp3': 'MC Test - Night Shift',
    });
  });

  it('refuses what 2.4 serves in its first moments (no opening brace for icestats) with a format error', () => {
    expect(() => parseStatusJson(fixture('icecast-2.4.4-status-json-just-started.json'))).toThrow(
      IcecastStatsFormatError,
    );
    expect(parseAdminStatsXml(fixture('icecast-2.4.4-admin-stats-just-started.xml'))).toEqual({
      serverId: '',
      mounts: [],
    });
  });

  it('says what is wrong with a body that is not its JSON', () => {
    expect(() => parseStatusJson('<html>502 Bad Gateway</html>')).toThrow(IcecastStatsFormatError);
    expect(() => parseStatusJson('{"icestats":{"source":{"listenurl":"http://x/a"')).toThrow(/not JSON/);
    expect(() => parseStatusJson('{"other":1}')).toThrow(/no icestats/);
  });
});

describe('Icecast 2.5 /admin/stats.json (written from 2.5 source)', () => {
  const rap25 = {
    mount: '/rap.mp3',
    listeners: 3,
    listenerPeak: 5,
    streamStart: new Date('2026-12-02T12:00:05Z'),
    contentType: 'audio/mpeg',
  };
  it.each([
    ['0-mounts', []],
    ['1-mount', [{ ...rap25, title: '123' }]],
    [
      '2-mounts',
      [
        {
          mount: '/jazz.ogg',
          listeners: 1,
          listenerPeak: 4,
          streamStart: new Date('2026-12-02T12:00:06Z'),
          title: 'true',
          artist: 'Trio Example',
          contentType: 'application/ogg',
          subtype: 'Vorbis',
          bitrate: 128,
        },
        { ...rap25, title: '-' },
      ],
    ],
  ] as const)('reads %s (source is an object keyed by mount, absent with none)', (name, mounts) => {
    const stats = parseAdminStatsJson(fixture(`icecast-2.5.0-admin-stats-${name}.json`));
    expect(stats.serverId).toBe('Icecast 2.5.0');
    expect(stats.mounts).toEqual(mounts);
  });

  it("reads 2.5's XML stats too (a <modules/> node, <metadata> and <content-type> in each source)", () => {
    expect(parseAdminStatsXml(fixture('icecast-2.5.0-admin-stats-1-mount.xml')).mounts).toEqual([
      { ...rap25, title: '123' },
    ]);
  });
});

describe('admin action answers', () => {
  it.each([
    ['icecast-2.4.4-admin-metadata-ok.xml', 'Metadata update successful'],
    ['icecast-2.4.4-admin-killsource-ok.xml', 'Source Removed'],
    ['icecast-2.5.0-admin-metadata-ok.xml', 'Metadata update successful'],
    ['icecast-2.5.0-admin-killsource-ok.xml', 'Source Removed'],
  ])('reads %s', (name, message) => {
    expect(parseIceResponse(fixture(name))).toEqual({ message, success: true });
  });

  it('answers undefined for an error page', () => {
    expect(parseIceResponse(fixture('icecast-2.4.4-admin-metadata-no-source-400.html'))).toBeUndefined();
  });
});
