import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import type { AwsAccess } from '../aws/aws-access.js';
import { defineIntegration } from '../integration-module.js';
import { once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import { createHlsOperations, type HlsOperations } from './hls-operations.js';
import type { PlaylistObjectReader } from './hls-origin.js';

/**
 * `GetObject` on `s3.bucket` through an S3 client of its own, built on the first read with the same options as
 * the s3 module's (region, per-attempt timeouts, bounded retries). Without live AWS it asks nothing and says so.
 */
function originReader(radio: RadioConfig, aws: AwsAccess): PlaylistObjectReader {
  if (aws.mode !== 'live') {
    // Flat, not nested: the reason may carry parentheses of its own and ends with a full stop.
    const reason = aws.reason?.replace(/\.$/, '');
    const why = `S3 was not asked: AWS is in dry-run mode${reason ? `; ${reason}` : ''}`;
    return () => Promise.reject(new Error(why));
  }
  const reader = once(async () => {
    const [{ S3Client }, { s3PlaylistReader }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('./hls-origin.js'),
    ]);
    return s3PlaylistReader(new S3Client(awsClientOptions(radio.region)), radio.s3.bucket);
  });
  return async (key, signal) => (await reader())(key, signal);
}

/**
 * The top-level prefixes of the channels' HLS paths (`hls/` for `hls/rap/`), where the playlists are read.
 * Channels that `radio_channels` adds must keep their HLS under one of these for the grant to cover them.
 */
const hlsPrefixes = (radio: RadioConfig) => [
  ...new Set(radio.station.channels.map((channel) => `${channel.hlsPath.split('/')[0] ?? ''}/`)),
];

/**
 * HLS freshness of each channel (`hls <channel>`, `status`, the on-air watcher): the origin's playlist in
 * `s3.bucket` and the edge's at `station.hls.edgeUrl`. Not configured without `station.hls`.
 * API: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
export const hlsModule = defineIntegration({
  id: 'hls',
  notConfigured:
    "The station's HLS is not configured (station.hls: edgeUrl, the public base URL its players load the manifests from).",
  create({ radio, settings }): HlsOperations | undefined {
    const hls = radio.station.hls;
    if (!hls) return undefined;
    const readObject = originReader(radio, settings.aws);
    const view = (signal?: AbortSignal) =>
      createHlsOperations({
        readObject,
        bucket: radio.s3.bucket,
        edgeUrl: hls.edgeUrl,
        playlist: hls.playlist,
        signal,
      });
    return withRunView(view(), view);
  },
  iamStatements: (radio, { partition }) => [
    // hls <channel>, status and the on-air watcher: the channels' media playlists (GetObject)
    {
      Sid: 'S3HlsPlaylistsRead',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: hlsPrefixes(radio).map((prefix) => `arn:${partition}:s3:::${radio.s3.bucket}/${prefix}*`),
    },
  ],
  sdkPackages: { 'client-s3': 's3' },
});
