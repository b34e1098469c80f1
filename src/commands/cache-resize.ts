import { z } from 'zod';
import type { RadioConfig } from '../config/radio-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { cacheTarget, resizeCall } from '../integrations/elasticache/elasticache-inputs.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

/** What the plan saw; stored with the approval, so read back with zod. */
const ResizeState = z.object({ id: z.string(), from: z.string().nullable(), to: z.string() });
type ResizeState = z.infer<typeof ResizeState>;

/** What `cache resize` asked of ElastiCache; `follow` makes the approval machinery follow it until available. */
export interface CacheResizeResult extends ResizeState {
  status: string;
  follow: { kind: 'elasticache'; target: string };
}

const EXPECT =
  'ElastiCache moves the data to new nodes: reads and writes go on, but expect a short failover (seconds) at the end, and a resize of a large dataset takes tens of minutes.';

function checkAllowed(config: RadioConfig, nodeType: string): void {
  if (!config.elasticache.allowedNodeTypes.includes(nodeType))
    throw new UserError(
      'precondition',
      `\`${nodeType}\` is not in elasticache.allowedNodeTypes (${config.elasticache.allowedNodeTypes.join(', ')}). Nothing was done.`,
    );
}

/**
 * `cache resize <node-type>`: `ModifyCacheCluster` (or `ModifyReplicationGroup`, when `elasticache.replicationGroupId`
 * is set) to a node type from `elasticache.allowedNodeTypes`, `ApplyImmediately`. Destructive; followed until
 * the cache is `available` with nothing pending. Source: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Scaling.html
 */
export const cacheResizeCommand = defineCommand({
  name: 'cache resize',
  usage: 'cache resize <node-type>',
  summary: 'Change the ElastiCache node type now (needs approval)',
  examples: [
    'cache resize cache.t4g.medium --reason "evictions since the playlist import"',
    'cache resize cache.r7g.large --dry-run',
  ],
  positional: ['nodeType'],
  flags: {},
  needs: ['elasticache'],
  args: z.object({
    nodeType: z
      .string()
      .toLowerCase()
      .regex(/^cache\.[a-z0-9-]+\.[a-z0-9]+$/, 'a node type like cache.t4g.medium'),
  }),
  risk: () => 'destructive',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }): Promise<Plan<ResizeState>> {
    checkAllowed(config, args.nodeType);
    const { id } = cacheTarget(config.elasticache);
    const offline = awsDryRunOnly(integrations);
    const now = offline ? undefined : await integrations.elasticache.describe();
    if (now?.CacheNodeType === args.nodeType)
      throw new UserError('precondition', `${id} is already ${args.nodeType}. Nothing was done.`);
    return {
      current: [
        ['Cache', id],
        ['CacheNodeType', `${now?.CacheNodeType ?? '?'} -> ${args.nodeType}`],
        now ? ['Status', now.status] : ['Current state', `not read: ${offline}`],
      ],
      calls: [resizeCall(config.elasticache, args.nodeType)],
      warnings: [
        EXPECT,
        ...(now && now.status !== 'available'
          ? [`${id} is ${now.status}: ElastiCache takes the change only once it is available.`]
          : []),
      ],
      state: { id, from: now?.CacheNodeType ?? null, to: args.nodeType },
    };
  },
  recheck(planThen, planNow) {
    const then = ResizeState.parse(planThen.state);
    const now = ResizeState.parse(planNow.state);
    return then.from === now.from
      ? undefined
      : `${now.id} is now ${now.from ?? 'unknown'}, not the ${then.from ?? 'unknown'} shown when this was approved.`;
  },
  async run({ integrations, plan }): Promise<CacheResizeResult> {
    const state = ResizeState.parse(plan?.state);
    const after = await integrations.elasticache.resize(state.to);
    return { ...state, status: after.status, follow: { kind: 'elasticache', target: state.id } };
  },
  present: (result) => ({
    summary: `${result.id}: CacheNodeType ${result.from ?? '?'} -> ${result.to} requested`,
    visibility: 'in_channel',
    parts: [
      text(`Asked ElastiCache to change ${result.id} from ${result.from ?? '?'} to ${result.to}, applied immediately.`),
      fields(['Status', result.status], ['Expect', EXPECT]),
      note('Progress follows in this thread until the cache is available with nothing pending.'),
    ],
  }),
});
