import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { MAX_PRESIGN_SECONDS } from '../integrations/s3/s3-inputs.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { code, fields, messageInline, note, text } from '../pipeline/reply.js';
import { durationArgument } from './duration-argument.js';
import { formatBytes } from './format-bytes.js';
import { utcWithAge } from './utc-with-age.js';

const Args = z.object({
  key: z.string().min(1).max(1024),
  expires: durationArgument('1h').refine(
    (ms) => ms >= 1000 && ms <= MAX_PRESIGN_SECONDS * 1000,
    'at most 7d (S3 refuses longer presigned URLs) and at least 1s',
  ),
});

interface PresignResult {
  url: string;
  address: string;
  /** Seconds the URL is valid for, and when that ends. */
  expiresIn: number;
  expiresAt: Date;
  warnings: string[];
  at: Date;
}

/**
 * `s3 presign <key> [--expires 1h]`: a presigned `GetObject` URL for an existing key, valid at most 7 days.
 * It grants access to the object, so it needs the operator role (`write`), and the URL is shown only
 * to the person who asked. Warns when the bot's (temporary) credentials expire before the URL would:
 * a presigned URL stops working when the credentials that signed it expire.
 */
export const s3PresignCommand = defineCommand({
  name: 's3 presign',
  usage: 's3 presign <key> [--expires 1h]',
  summary: 'Make a time-limited download link for an object in the audio bucket (at most 7d)',
  examples: ['s3 presign audio/rap/2025-03-14.mp3', 's3 presign audio/jazz/show.mp3 --expires 7d'],
  positional: ['key'],
  flags: { expires: 'string' },
  needs: ['s3'],
  args: Args,
  risk: () => 'write',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }): Promise<Plan> {
    const Bucket = config.s3.bucket;
    const expiresIn = Math.floor(args.expires / 1000);
    const calls = [
      { service: 'S3', operation: 'HeadObject', input: { Bucket, Key: args.key } },
      {
        service: 'S3',
        operation: 'GetObject (presigned URL, signed locally)',
        input: { Bucket, Key: args.key, expiresIn },
      },
    ];
    const offline = awsDryRunOnly(integrations);
    if (offline)
      return {
        current: [
          ['Object', `s3://${Bucket}/${args.key}`],
          ['Exists', `not checked: ${offline}`],
        ],
        calls,
        warnings: [],
        state: {},
      };
    const s3 = integrations.s3;
    const head = await s3.head(args.key);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + expiresIn * 1000);
    const credentialsExpireAt = await s3.credentialsExpiration();
    const warnings =
      credentialsExpireAt && credentialsExpireAt < expiresAt
        ? [
            `The bot's AWS credentials expire ${utcWithAge(credentialsExpireAt, now)}, before the link would (${utcWithAge(expiresAt, now)}); the link stops working then.`,
          ]
        : [];
    return {
      current: [
        ['Object', `s3://${Bucket}/${args.key}`],
        ['ContentLength', head.ContentLength === undefined ? '-' : formatBytes(head.ContentLength)],
        ['ContentType', head.ContentType ?? '-'],
        ['LastModified', utcWithAge(head.LastModified, now)],
      ],
      calls,
      warnings,
      state: {},
    };
  },
  async run({ args, config, integrations, plan }): Promise<PresignResult> {
    const s3 = integrations.s3;
    const expiresIn = Math.floor(args.expires / 1000);
    const at = new Date();
    const url = await s3.presign(args.key, expiresIn);
    return {
      url,
      address: `s3://${config.s3.bucket}/${args.key}`,
      expiresIn,
      expiresAt: new Date(at.getTime() + expiresIn * 1000),
      warnings: plan?.warnings ?? [],
      at,
    };
  },
  present(result) {
    return {
      summary: `Download link for ${result.address}, valid ${formatDuration(result.expiresIn * 1000)}`,
      visibility: 'ephemeral',
      parts: [
        text(`Download link for ${result.address}:`),
        code(result.url),
        fields(
          ['Valid for', `${formatDuration(result.expiresIn * 1000)} (${result.expiresIn.toLocaleString('en-US')} s)`],
          ['Expires', utcWithAge(result.expiresAt, result.at)],
        ),
        ...result.warnings.map((warning) => text(messageInline(warning), 'warning')),
        note('Anyone with this link can download the object until it expires. Shown only to you.'),
      ],
    };
  },
});
