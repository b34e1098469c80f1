import { z } from 'zod';
import type { RadioConfig } from '../config/radio-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsScalableTarget, EcsServiceTarget } from '../integrations/ecs/ecs-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { codeSpan, fields, messageInline, note, rich, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { EcsServiceKey } from './ecs-service-argument.js';

/** `4` sets the count; `+2` and `-1` change the current `desiredCount` (resolved in the plan). */
const Count = z
  .string()
  .regex(/^[+-]?\d{1,5}$/, 'a task count like 4, +2 or -1')
  .transform((typed) =>
    /^[+-]/.test(typed)
      ? { kind: 'relative' as const, delta: Number(typed) }
      : { kind: 'absolute' as const, count: Number(typed) },
  );

const Args = z.object({ service: EcsServiceKey, count: Count });

/** What the plan decided; stored with an approval, so it is read back with zod. Counts are tasks. */
const ScaleState = z.object({ alias: z.string(), from: z.number().int().nullable(), to: z.number().int().min(0) });
type ScaleState = z.infer<typeof ScaleState>;

/** What `scale` did. Counts are tasks. */
export interface ScaleResult extends ScaleState {
  cluster: string;
  service: string;
  /** As ECS answered `UpdateService` (absent when nothing needed changing). */
  desiredCount?: number;
  runningCount?: number;
  warnings: string[];
}

const configured = (config: RadioConfig, alias: string) =>
  Object.hasOwn(config.ecs.services, alias) ? config.ecs.services[alias] : undefined;

/**
 * `scale <service> <count|+N|-N>`: `UpdateService` `desiredCount` on the configured cluster and
 * service. Above the service's `max`: refused. Below its `min` (0 included): destructive, from the
 * arguments when absolute, from the plan when relative. Warns when Application Auto Scaling manages
 * the service. API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const ecsScaleCommand = defineCommand({
  name: 'scale',
  usage: 'scale <service> <count|+N|-N>',
  summary: 'Set the desired task count of an ECS service',
  examples: ['scale n8n 4', 'scale n8n +2', 'scale n8n -1 --dry-run'],
  positional: ['service', 'count'],
  flags: {},
  needs: ['ecs'],
  args: Args,
  risk: ({ service, count }, config) => {
    const limits = configured(config, service);
    return count.kind === 'absolute' && limits && count.count < limits.min ? 'destructive' : 'write';
  },
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }): Promise<Plan<ScaleState>> {
    const ecs = integrations.ecs;
    const target = ecs.target(args.service);
    const offline = awsDryRunOnly(integrations);
    if (offline && args.count.kind === 'relative') {
      throw new UserError(
        'precondition',
        `A relative count needs the current desiredCount, which can't be read: ${offline} Give an absolute count to see the plan.`,
      );
    }
    const current = offline ? undefined : (await ecs.describeServices([target.alias]))[0];
    const from = current?.desiredCount ?? null;
    const to = args.count.kind === 'absolute' ? args.count.count : (from ?? 0) + args.count.delta;
    checkLimits(target, from, to);
    const autoscaling = offline ? undefined : await ecs.scalableTarget(target.alias);
    return {
      current: [
        ['Service', `${target.cluster}/${target.service}`],
        ['desiredCount', `${from ?? '?'} -> ${to} tasks`],
        current ? ['runningCount', `${current.runningCount} tasks`] : ['Current state', `not read: ${offline}`],
        ['Allowed', `${target.min} to ${target.max} tasks (ecs.services.${target.alias})`],
      ],
      calls:
        from === to
          ? []
          : [
              {
                service: 'ECS',
                operation: 'UpdateService',
                input: ecs.updateServiceInput(target.alias, { desiredCount: to }),
              },
            ],
      warnings: autoscaling ? [autoscalingWarning(target, autoscaling, to)] : [],
      ...(to < target.min
        ? {
            escalate: {
              risk: 'destructive',
              because: `${to} tasks is below the minimum of ${target.min} for \`${target.alias}\``,
            },
          }
        : {}),
      state: { alias: target.alias, from, to },
    };
  },
  recheck(planThen, planNow) {
    const then = ScaleState.parse(planThen.state);
    const now = ScaleState.parse(planNow.state);
    if (then.from === now.from && then.to === now.to) return undefined;
    return `desiredCount of \`${now.alias}\` is now ${now.from ?? 'unknown'}, not the ${then.from ?? 'unknown'} shown when this was approved (${then.from} -> ${then.to}).`;
  },
  async run({ integrations, plan }): Promise<ScaleResult> {
    const state = ScaleState.parse(plan?.state);
    const ecs = integrations.ecs;
    const { cluster, service } = ecs.target(state.alias);
    const warnings = plan?.warnings ?? [];
    if (state.from === state.to) return { ...state, cluster, service, warnings };
    const after = await ecs.setDesiredCount(state.alias, state.to);
    return { ...state, cluster, service, desiredCount: after.desiredCount, runningCount: after.runningCount, warnings };
  },
  present(result) {
    const name = `${result.alias} (${result.cluster}/${result.service})`;
    if (result.desiredCount === undefined) {
      return {
        summary: `${result.alias} already wants ${result.to} tasks`,
        visibility: 'in_channel',
        parts: [text(`${name} already has desiredCount ${result.to}; nothing was changed.`)],
      };
    }
    return {
      summary: `${result.alias}: desiredCount ${result.from} -> ${result.to} tasks`,
      visibility: 'in_channel',
      parts: [
        text(`Scaled ${name}: desiredCount ${result.from} -> ${result.to} tasks.`),
        fields(
          ['desiredCount', `${result.desiredCount} tasks`],
          ['runningCount', `${result.runningCount ?? 0} tasks (ECS starts or stops tasks to match)`],
        ),
        ...result.warnings.map((warning) => text(messageInline(warning), 'warning')),
        note(rich`${codeSpan(`/radio ecs status ${result.alias}`)} shows the tasks catching up.`),
      ],
    };
  },
});

/** @throws UserError when `to` is negative (`usage`) or above the configured maximum (`precondition`). */
function checkLimits(target: EcsServiceTarget, from: number | null, to: number): void {
  if (to < 0) throw new UserError('usage', `desiredCount can't go below 0 tasks (${from} now; that would be ${to}).`);
  if (to > target.max) {
    throw new UserError(
      'precondition',
      `\`${target.alias}\` may run at most ${target.max} tasks (ecs.services.${target.alias}.max); ${to} was asked. Nothing was done.`,
    );
  }
}

function autoscalingWarning(target: EcsServiceTarget, scaling: EcsScalableTarget, to: number): string {
  const outside = to < scaling.minCapacity || to > scaling.maxCapacity;
  return (
    `Application Auto Scaling manages \`${target.service}\` (MinCapacity ${scaling.minCapacity}, MaxCapacity ${scaling.maxCapacity} tasks` +
    `${scaling.scaleInSuspended || scaling.scaleOutSuspended ? ', some scaling suspended' : ''}) and may change desiredCount back` +
    `${outside ? `: ${to} is outside its range, so it will` : ''}.`
  );
}
