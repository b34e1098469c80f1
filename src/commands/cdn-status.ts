import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { CdnDistribution, CdnInvalidationsInProgress } from '../integrations/cdn/cdn-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, table } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

/** What `cdn status` read, and when. */
export interface CdnStatusResult {
  distribution: CdnDistribution;
  inProgress: CdnInvalidationsInProgress;
  readAt: Date;
}

/**
 * `cdn status`: the distribution's status, whether it is enabled, its domain, and the invalidations
 * in progress with their paths. API: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistribution.html
 */
export const cdnStatusCommand = defineCommand({
  name: 'cdn status',
  usage: 'cdn status',
  summary: 'Show the CloudFront distribution and its invalidations in progress',
  examples: ['cdn status'],
  positional: [],
  flags: {},
  needs: ['cdn'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ integrations }) {
    const { distributionId } = integrations.cdn;
    return awsReadPlan([
      { service: 'CloudFront', operation: 'GetDistribution', input: { Id: distributionId } },
      {
        service: 'CloudFront',
        operation: 'ListInvalidations',
        input: { DistributionId: distributionId, MaxItems: 100 },
      },
    ]);
  },
  async run({ integrations }): Promise<CdnStatusResult> {
    const cdn = integrations.cdn;
    const [distribution, inProgress] = await Promise.all([cdn.distribution(), cdn.invalidationsInProgress()]);
    return { distribution, inProgress, readAt: new Date() };
  },
  present({ distribution: d, inProgress, readAt }) {
    const open = inProgress.invalidations;
    return {
      summary: `CloudFront ${d.id}: ${d.status}, ${d.enabled ? 'enabled' : 'disabled'}, ${d.invalidationsInProgress} invalidation(s) in progress`,
      visibility: 'in_channel',
      parts: [
        fields(
          ['Distribution', d.id],
          ['Domain', d.domainName],
          ['Aliases', d.aliases.join(', ') || '-'],
          ['Status', d.status],
          ['Enabled', d.enabled ? 'yes' : 'no'],
          ['Last modified', utcWithAge(d.lastModified, readAt)],
          [
            'Invalidations in progress',
            `${d.invalidationsInProgress} (${inProgress.wildcardPaths} wildcard path(s), ${inProgress.filePaths} file path(s))`,
          ],
        ),
        open.length > 0
          ? table(
              ['invalidation', 'created', 'paths'],
              open.map((i) => [i.id, utcWithAge(i.createTime, readAt), i.paths.join(' ')]),
            )
          : note('No invalidations in progress.'),
        ...(inProgress.complete
          ? []
          : [
              note(
                'Only the newest invalidations in progress were read; there may be more, so the path counts are at least these.',
              ),
            ]),
      ],
    };
  },
});
