import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { emptyFolderInput } from '../integrations/s3/s3-inputs.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, text } from '../pipeline/reply.js';
import { folderKey } from './s3-folder-key.js';

/** What the plan found: the key, and whether it was there (then nothing is put). Stored with plans, read back with zod. */
const PrefixState = z.object({ key: z.string(), exists: z.boolean().optional() });

/** What `s3 prefix create` did. */
export interface S3PrefixCreateResult {
  address: string;
  /** False when the key was already there: nothing was put. */
  created: boolean;
  ETag?: string;
}

/**
 * `s3 prefix create <prefix>`: the empty "folder" object `<prefix>/` in the station bucket (`PutObject`,
 * empty body), as the new-channel runbook needs for `audio/<slug>/` and `hls/<slug>/`. Only under
 * `s3.prefixRoots` (see {@link folderKey}); `HeadObject` first, so a key that is there is left as it is.
 * API: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-folders.html
 */
export const s3PrefixCreateCommand = defineCommand({
  name: 's3 prefix create',
  usage: 's3 prefix create <prefix>',
  summary: 'Create an empty "folder" key (audio/<slug>/, hls/<slug>/) in the station bucket',
  examples: ['s3 prefix create audio/electro/', 's3 prefix create hls/electro/ --dry-run'],
  positional: ['prefix'],
  flags: {},
  needs: ['s3'],
  args: z.object({ prefix: z.string().min(1).max(1024) }),
  risk: () => 'write',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }): Promise<Plan<z.infer<typeof PrefixState>>> {
    const s3 = integrations.s3;
    const key = folderKey(args.prefix, config.s3.prefixRoots);
    const address = `s3://${s3.bucket}/${key}`;
    const offline = awsDryRunOnly(integrations);
    const exists = offline ? undefined : await s3.keyExists(key);
    return {
      current: [
        ['Key', address],
        ['Exists', exists === undefined ? `not read: ${offline}` : exists ? 'yes: nothing to do' : 'no'],
      ],
      calls: exists ? [] : [{ service: 'S3', operation: 'PutObject', input: emptyFolderInput(s3.bucket, key) }],
      warnings: [],
      state: { key, ...(exists === undefined ? {} : { exists }) },
    };
  },
  async run({ integrations, plan }): Promise<S3PrefixCreateResult> {
    const { key, exists } = PrefixState.parse(plan?.state);
    const s3 = integrations.s3;
    const address = `s3://${s3.bucket}/${key}`;
    if (exists) return { address, created: false };
    const { ETag } = await s3.createFolder(key);
    return { address, created: true, ...(ETag ? { ETag } : {}) };
  },
  present: (result) =>
    result.created
      ? {
          summary: `Created ${result.address}`,
          visibility: 'in_channel',
          parts: [
            text(`Created the empty folder key ${result.address}.`, 'success'),
            fields(['ETag', result.ETag ?? '-']),
          ],
        }
      : {
          summary: `${result.address} already exists`,
          visibility: 'in_channel',
          parts: [text(`${result.address} already exists: nothing changed.`)],
        },
});
