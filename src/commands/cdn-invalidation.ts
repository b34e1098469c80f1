import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { CdnInvalidation } from '../integrations/cdn/cdn-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { code, fields } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

const Args = z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'an invalidation id like I2J0I21PCUYOIK') });

/** `cdn invalidation <id>`: one invalidation's status and paths. API: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetInvalidation.html */
export const cdnInvalidationCommand = defineCommand({
  name: 'cdn invalidation',
  usage: 'cdn invalidation <id>',
  summary: 'Show a CloudFront invalidation: status and paths',
  examples: ['cdn invalidation I2J0I21PCUYOIK'],
  positional: ['id'],
  flags: {},
  needs: ['cdn'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }) {
    const { distributionId } = integrations.cdn;
    return awsReadPlan([
      { service: 'CloudFront', operation: 'GetInvalidation', input: { DistributionId: distributionId, Id: args.id } },
    ]);
  },
  async run({ args, integrations }): Promise<CdnInvalidation & { readAt: Date }> {
    return { ...(await integrations.cdn.invalidation(args.id)), readAt: new Date() };
  },
  present(invalidation) {
    return {
      summary: `Invalidation ${invalidation.id}: ${invalidation.status}`,
      visibility: 'in_channel',
      parts: [
        fields(
          ['Invalidation', invalidation.id],
          ['Status', invalidation.status],
          ['Created', utcWithAge(invalidation.createTime, invalidation.readAt)],
          ['CallerReference', invalidation.callerReference ?? '-'],
          ['Paths', `${invalidation.paths.length}`],
        ),
        code(invalidation.paths.join('\n') || '(none)'),
      ],
    };
  },
});
