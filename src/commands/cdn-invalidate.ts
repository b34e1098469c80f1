import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { INVALIDATION_LIMITS } from '../integrations/cdn/cdn-inputs.js';
import type { CdnInvalidation, CdnInvalidationsInProgress } from '../integrations/cdn/cdn-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { code, fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { channelNamed } from './channel-named.js';
import { utcWithAge } from './utc-with-age.js';

const Args = z
  .object({
    channel: z
      .string()
      // Slugs are lower case (`station.channels`, `radio_channels.slug`): `invalidate RAP` means rap.
      .toLowerCase()
      .regex(/^[a-z0-9-]+$/, 'a channel slug like rap')
      .optional(),
    all: z.boolean().default(false),
  })
  .refine((args) => Boolean(args.channel) !== args.all, 'give one channel, or --all');

const InvalidateState = z.object({
  paths: z.array(z.string()).min(1),
  callerReference: z.string(),
  refusal: z.string().nullable(),
  /** Said when the channel was checked against a list that is not the station database's of just now. */
  channelsNote: z.string().nullable().default(null),
});

/** What `invalidate` created (or found already created for the same `CallerReference`). */
export interface InvalidateResult extends CdnInvalidation {
  distributionId: string;
  readAt: Date;
  /** Where the channel list came from, when it was not the station database just now. */
  channelsNote: string | null;
}

/**
 * The paths to invalidate: `cloudfront.hlsPaths` with `{channel}` replaced. CloudFront honours `*` only
 * as a path's last character, so a path is cut after its first `*` (`/hls/*` for `--all`), then duplicates dropped.
 * Source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/invalidation-specifying-objects.html
 */
export function invalidationPaths(templates: readonly string[], channel: string): string[] {
  const paths = templates.map((template) => {
    const path = template.replaceAll('{channel}', channel);
    const star = path.indexOf('*');
    return star < 0 ? path : path.slice(0, star + 1);
  });
  return [...new Set(paths)];
}

/** Why CloudFront would refuse these paths now, or null. */
function limitRefusal(paths: string[], inProgress: CdnInvalidationsInProgress): string | null {
  const wildcards = paths.filter((path) => path.endsWith('*')).length;
  const files = paths.length - wildcards;
  if (wildcards > 0 && inProgress.wildcardPaths + wildcards > INVALIDATION_LIMITS.wildcardPaths) {
    return `CloudFront allows ${INVALIDATION_LIMITS.wildcardPaths} wildcard paths in progress per distribution; ${inProgress.wildcardPaths} are in progress and this adds ${wildcards}. Try again in a few minutes (see \`cdn status\`).`;
  }
  if (files > 0 && inProgress.filePaths + files > INVALIDATION_LIMITS.filePaths) {
    return `CloudFront allows ${INVALIDATION_LIMITS.filePaths} file paths in progress per distribution; ${inProgress.filePaths} are in progress and this adds ${files}. Try again in a few minutes.`;
  }
  return null;
}

/**
 * `invalidate <channel>` / `invalidate --all`: `CreateInvalidation` of the channel's HLS paths. The
 * `CallerReference` is the idempotency key (the request id, or the approval id of an approved run), so a
 * retried request never creates a second invalidation.
 * API: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateInvalidation.html
 */
export const cdnInvalidateCommand = defineCommand({
  name: 'invalidate',
  usage: 'invalidate <channel> | invalidate --all',
  summary: "Invalidate a channel's HLS paths in CloudFront (or every channel's)",
  examples: ['invalidate rap', 'invalidate rap --dry-run', 'invalidate --all'],
  positional: ['channel'],
  flags: { all: 'boolean' },
  needs: ['cdn', 'channels'],
  args: Args,
  risk: () => 'write',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations, idempotencyKey, signal }): Promise<Plan<z.infer<typeof InvalidateState>>> {
    const cdn = integrations.cdn;
    const named = args.channel ? await channelNamed(args.channel, integrations.channels, signal) : undefined;
    const channelsNote = named?.listNote ?? null;
    const paths = invalidationPaths(config.cloudfront.hlsPaths, args.channel ?? '*');
    const offline = awsDryRunOnly(integrations);
    const inProgress = offline ? undefined : await cdn.invalidationsInProgress();
    const refusal = inProgress ? limitRefusal(paths, inProgress) : null;
    const pending = inProgress
      ? `${inProgress.invalidations.length}${inProgress.complete ? '' : ' or more'} invalidation(s): ${inProgress.wildcardPaths} wildcard path(s), ${inProgress.filePaths} file path(s)`
      : `not read: ${offline}`;
    return {
      current: [
        ['Distribution', cdn.distributionId],
        ['Channel', args.channel ?? 'all channels'],
        ['In progress', pending],
      ],
      calls: [
        { service: 'CloudFront', operation: 'CreateInvalidation', input: cdn.invalidationInput(paths, idempotencyKey) },
      ],
      warnings: [...(refusal ? [`It would be refused: ${refusal}`] : []), ...(channelsNote ? [channelsNote] : [])],
      state: { paths, callerReference: idempotencyKey, refusal, channelsNote },
    };
  },
  async run({ integrations, plan }): Promise<InvalidateResult> {
    const state = InvalidateState.parse(plan?.state);
    if (state.refusal) throw new UserError('unavailable', `Nothing was invalidated. ${state.refusal}`);
    const cdn = integrations.cdn;
    const created = await cdn.invalidate(state.paths, state.callerReference);
    return { ...created, distributionId: cdn.distributionId, readAt: new Date(), channelsNote: state.channelsNote };
  },
  present(result) {
    return {
      summary: `Invalidation ${result.id} ${result.status}: ${result.paths.join(' ')}`,
      visibility: 'in_channel',
      parts: [
        text(`CloudFront invalidation ${result.id} on ${result.distributionId}: ${result.status}.`),
        fields(
          ['Created', utcWithAge(result.createTime, result.readAt)],
          ['CallerReference', result.callerReference ?? '-'],
        ),
        code(result.paths.join('\n')),
        ...(result.channelsNote ? [note(result.channelsNote, 'warning')] : []),
      ],
    };
  },
});
