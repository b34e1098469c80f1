import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsCall } from '../aws/aws-errors.js';

/** The playlist object as S3 has it: its text and `LastModified`. */
export interface PlaylistObject {
  body: string;
  lastModified?: Date;
}

/** Reads one key of the bucket; the call is aborted when `signal` fires. */
export type PlaylistObjectReader = (key: string, signal: AbortSignal) => Promise<PlaylistObject>;

/**
 * `GetObject` of `key` in `bucket` on `s3` (a client built with `awsClientOptions`: per-attempt timeouts, bounded
 * retries), carrying `signal` as its `abortSignal`. Errors in words (`describeAwsError`): AccessDenied names
 * `s3:GetObject`, a missing key is "Not found: `s3://bucket/key`".
 * API: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
export function s3PlaylistReader(s3: S3Client, bucket: string): PlaylistObjectReader {
  return (key, signal) =>
    awsCall({ action: 's3:GetObject', resource: `s3://${bucket}/${key}` }, async () => {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      const body = (await object.Body?.transformToString('utf-8')) ?? '';
      return { body, lastModified: object.LastModified };
    });
}
