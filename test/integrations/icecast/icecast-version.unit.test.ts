import { describe, expect, it } from 'vitest';
import { metadataRefusal, metadataTextProblem } from '../../../src/integrations/icecast/icecast-metadata.js';
import { icecastAdminApi, parseIcecastVersion } from '../../../src/integrations/icecast/icecast-version.js';

describe("Icecast's version and admin API, from server_id", () => {
  it.each([
    ['Icecast 2.4.4', { major: 2, minor: 4, patch: 4 }, '2.4'],
    ['Icecast 2.4.0-kh15', { major: 2, minor: 4, patch: 0 }, '2.4'],
    ['Icecast 2.5.0', { major: 2, minor: 5, patch: 0 }, '2.5'],
    ['Icecast 2.4.99.3', { major: 2, minor: 4, patch: 99 }, '2.5'], // 2.5.0-beta.3's configure.ac
    ['Icecast 2.4.999.2', { major: 2, minor: 4, patch: 999 }, '2.5'], // 2.5.0-rc2's
    ['Radio Example', undefined, '2.4'], // a <server-id> that names no version: 2.4's GET, which 2.5 also takes
  ] as const)('%s', (serverId, version, api) => {
    expect(parseIcecastVersion(serverId)).toEqual(version);
    expect(icecastAdminApi(parseIcecastVersion(serverId))).toBe(api);
  });
});

describe('which mounts take metadata, and which texts', () => {
  const mount = { mount: '/m', listeners: 0, listenerPeak: 0 };
  it.each([
    [{ contentType: 'audio/mpeg' }, undefined],
    [{ contentType: 'application/ogg', subtype: 'Vorbis' }, undefined],
    [{ contentType: 'audio/ogg', subtype: 'Vorbis' }, undefined],
    [
      { contentType: 'application/ogg', subtype: 'Vorbis/Theora' },
      '`/m` is Ogg Vorbis/Theora: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.',
    ],
    [
      { contentType: 'application/ogg' },
      '`/m` is Ogg of unknown codecs: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.',
    ],
    [
      { contentType: 'audio/aac' },
      '`/m` streams audio/aac: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.',
    ],
    [{}, '`/m` streams an unknown format: Icecast takes metadata updates only on MP3 and Ogg Vorbis mounts.'],
  ])('%j', (format, refusal) => {
    expect(metadataRefusal({ ...mount, ...format })).toBe(refusal);
  });

  it('takes one line of printable text up to 500 characters', () => {
    expect(metadataTextProblem('Artist – Title (Live) 123')).toBeUndefined();
    expect(metadataTextProblem('x'.repeat(500))).toBeUndefined();
    expect(metadataTextProblem('x'.repeat(501))).toBe('The metadata text is longer than 500 characters.');
    expect(metadataTextProblem('a\r\nb')).toMatch(/control character/);
    expect(metadataTextProblem('a\u2028b')).toMatch(/control character/);
    expect(metadataTextProblem(' ')).toBe('The metadata text is empty.');
  });
});
