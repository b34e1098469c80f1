import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { emptyFolderInput } from './s3-inputs.js';

/**
 * The "folder" keys of `s3 prefix create`: empty objects whose key ends in `/`. Errors are UserErrors in
 * words (see `describeAwsError`): AccessDenied names `s3:PutObject` (or `s3:GetObject` for the check) and the key.
 * Sources: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-folders.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
export interface S3PrefixVerbs {
  /** `HeadObject` of exactly `key`: true when it exists, false on 404. */
  keyExists(key: string): Promise<boolean>;
  /** `PutObject` of an empty body at `key` (ending in `/`); resolves with S3's `ETag`. */
  createFolder(key: string): Promise<{ ETag?: string }>;
}

export function createS3Prefixes(s3: S3Client, bucket: string): S3PrefixVerbs {
  return {
    async keyExists(key) {
      const resource = `s3://${bucket}/${key}`;
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'NotFound' || name === 'NoSuchKey') return false;
        if (name === 'Forbidden')
          throw new UserError(
            'iam_denied',
            `AWS refused \`s3:GetObject\` on \`${resource}\` (403): the bot's IAM role needs it (and \`s3:ListBucket\`, without which a missing key answers 403 too).`,
          );
        return awsCall({ action: 's3:GetObject', resource }, () => Promise.reject(error));
      }
    },
    async createFolder(key) {
      if (!key.endsWith('/')) throw new RangeError(`a folder key ends in "/", got ${key}`);
      const output = await awsCall({ action: 's3:PutObject', resource: `s3://${bucket}/${key}` }, () =>
        s3.send(new PutObjectCommand(emptyFolderInput(bucket, key))),
      );
      return { ETag: output.ETag };
    },
  };
}
