import { isDeepStrictEqual } from 'node:util';
import type { RadioConfig } from '../../config/radio-config.js';
import { MODULES } from '../modules.js';
import type { IamScope, IamStatement } from './iam-statement.js';

export type { IamScope, IamStatement } from './iam-statement.js';

/** An IAM policy document. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html */
export interface IamPolicy {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

/** The AWS account id (12 digits) to put in ARNs; `*` (the default) matches any account. */
export interface IamPolicyOptions {
  account?: string;
}

/** The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The least-privilege policy the bot's role needs for `config`, from every integration module's statements
 * (`src/integrations/modules.ts`; a statement two modules share by `Sid` appears once): exactly the actions radio-ops calls
 * (test/iam-policy.test.ts collects every SDK command under src/ and fails when this list and the code
 * disagree), scoped to the configured cluster and services, distribution, DB instance and bucket.
 * `Resource: "*"` appears only for actions that AWS does not authorize per resource
 * (`application-autoscaling:DescribeScalableTargets`, `cloudwatch:GetMetricData`).
 * Resource types per action: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function buildIamPolicy(config: RadioConfig, options: IamPolicyOptions = {}): IamPolicy {
  const account = options.account ?? '*';
  const { region } = config;
  const partition = partitionOf(region);
  const arn = (service: string, resource: string, at = region) =>
    `arn:${partition}:${service}:${at}:${account}:${resource}`;
  const scope: IamScope = { region, partition, account, arn };
  const bySid = new Map<string, IamStatement>();
  for (const module of MODULES.values()) {
    for (const statement of module.iamStatements?.(config, scope) ?? []) {
      const seen = bySid.get(statement.Sid);
      if (seen && !isDeepStrictEqual(seen, statement))
        throw new Error(`IAM statement ${statement.Sid} is declared twice, differently (module ${module.id})`);
      bySid.set(statement.Sid, statement);
    }
  }
  return { Version: '2012-10-17', Statement: [...bySid.values()] };
}
