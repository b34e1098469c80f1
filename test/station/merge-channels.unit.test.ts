import { describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { mergeChannels } from '../../src/station/merge-channels.js';

const yaml = RadioConfig.parse({
  station: {
    channels: [{ slug: 'rap', mount: '/rap-old', output: 'rap_out', queue: 'rap_q', hlsPath: 'hls-old/rap/' }, 'news'],
  },
}).station.channels;

describe('mergeChannels', () => {
  it('issue 14: radio_channels gives the set, mount and HLS path; station.channels the Liquidsoap ids', () => {
    expect(
      mergeChannels(
        [
          { id: '1', name: 'Rap', slug: 'rap', icecastMount: '/rap.mp3', hlsPath: 'hls/rap/' },
          { id: '2', slug: 'jazz' },
        ],
        yaml,
      ),
    ).toEqual({
      channels: [
        { slug: 'jazz', id: '2', mount: '/jazz', output: 'jazz', hlsPath: 'hls/jazz/', inStationChannels: false },
        {
          slug: 'rap',
          id: '1',
          name: 'Rap',
          mount: '/rap.mp3',
          output: 'rap_out',
          queue: 'rap_q',
          hlsPath: 'hls/rap/',
          inStationChannels: true,
        },
      ],
      notInRadioChannels: ['news'],
      problems: [],
    });
  });

  it('keeps `hls: false` from station.channels on a channel radio_channels lists, and no key on the others', () => {
    const withJazz = RadioConfig.parse({ station: { channels: ['rap', { slug: 'jazz', hls: false }] } }).station
      .channels;
    const { channels } = mergeChannels([{ slug: 'jazz' }, { slug: 'rap' }], withJazz);
    expect(channels.map((channel) => [channel.slug, channel.hls])).toEqual([
      ['jazz', false],
      ['rap', undefined],
    ]);
    expect(Object.keys(channels[1]!)).not.toContain('hls');
  });

  it('refuses `hls: true` in station.channels: only the opt-out is a setting', () => {
    expect(() => RadioConfig.parse({ station: { channels: [{ slug: 'jazz', hls: true }] } })).toThrow(/hls/);
  });

  it('issue 14: stores slugs lower-case and takes mounts and paths as the runbook may write them', () => {
    const { channels, problems } = mergeChannels(
      [
        { slug: ' RAP ', icecastMount: 'rap.mp3', hlsPath: '/hls/rap' },
        { slug: 'News', icecastMount: '  ', hlsPath: '' },
      ],
      yaml,
    );
    expect(channels.map(({ slug, mount, hlsPath }) => [slug, mount, hlsPath])).toEqual([
      ['news', '/news', 'hls/news/'],
      ['rap', '/rap.mp3', 'hls/rap/'],
    ]);
    expect(problems).toEqual([]);
  });

  it('issue 14: leaves out a slug that is no slug and a repeated one, and keeps the default for a bad value, saying which', () => {
    const { channels, problems } = mergeChannels(
      [
        { id: '7', slug: 'Hip Hop' },
        { id: '1', slug: 'rap', icecastMount: '/rap live', hlsPath: 'hls/../etc/' },
        { id: '9', slug: 'Rap', icecastMount: '/other.mp3' },
      ],
      yaml,
    );
    expect(channels.map(({ slug, mount, hlsPath }) => [slug, mount, hlsPath])).toEqual([
      ['rap', '/rap-old', 'hls-old/rap/'],
    ]);
    expect(problems).toEqual([
      'radio_channels row 7: slug "Hip Hop" is not a channel slug (a-z, 0-9 and -): left out.',
      'radio_channels row 1: icecast_mount "/rap live" of rap is not an Icecast mount: using /rap-old.',
      'radio_channels row 1: hls_path "hls/../etc/" of rap is not an HLS path: using hls-old/rap/.',
      'radio_channels row 9: slug rap appears again: the first row is used.',
    ]);
  });
});
