import { isDeepStrictEqual } from 'node:util';
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { rebuildTarget } from '../integrations/host/host-rebuild-inputs.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { offlinePlan, onlinePlan, RebuildState } from './dr-rebuild-host-plan.js';

/** What `dr rebuild-host` started; `follow` makes the approvals follow the cut-over (the `host-rebuild` watcher). */
export interface RebuildResult {
  oldId: string;
  newId: string;
  ImageId: string;
  /** `false` when a repeated run found the instance its `ClientToken` had already launched. */
  launched: boolean;
  follow: { kind: 'host-rebuild'; target: string };
}

/** An AMI id: `ami-` and 8 or 17 hex digits. */
const AmiId = z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'an AMI id like ami-0123456789abcdef0');

/**
 * `dr rebuild-host [--ami <id>]`: launches a replacement host from the newest backup AMI (`host.backupAmi.name`,
 * by `CreationDate`) or the given one, with the tagged host's type, subnet, security groups, instance profile, key
 * pair and tags (the host tag as `<value>-pending`); `RunInstances` carries the plan's idempotency key as
 * `ClientToken`, and a repeated run first looks for the instance that token launched. Then, followed by the
 * operation poller (`host-rebuild` watcher): the Elastic IP moved (`host.elasticIp`), the old instance stopped and
 * retagged `<value>-replaced-<date>`, the new one tagged `<value>`, the on-air check. Never terminates anything.
 * Sources: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Run_Instance_Idempotency.html
 */
export function createDrRebuildHostCommand(now: () => Date = () => new Date()) {
  return defineCommand({
    name: 'dr rebuild-host',
    usage: 'dr rebuild-host [--ami <image-id>]',
    summary: 'Relaunch the Liquidsoap host from its backup AMI (needs approval)',
    examples: [
      'dr rebuild-host --reason "host unreachable since 03:10"',
      'dr rebuild-host --ami ami-0123456789abcdef0 --dry-run',
    ],
    positional: [],
    flags: { ami: 'string' },
    needs: ['host'],
    args: z.object({ ami: AmiId.optional() }),
    risk: () => 'destructive',
    dryRunOnly: awsDryRunOnly,
    async plan({ args, config, integrations, idempotencyKey }) {
      const options = { ami: args.ami, clientToken: idempotencyKey, now: now() };
      const offline = awsDryRunOnly(integrations);
      return offline
        ? offlinePlan(config.host, integrations.host.findHostInput(), { ...options, why: offline })
        : onlinePlan(integrations.host, config.host, options);
    },
    recheck(planThen, planNow) {
      const then = RebuildState.parse(planThen.state);
      const current = RebuildState.parse(planNow.state);
      if (then.oldId !== current.oldId)
        return `The host is now ${current.oldId}, not the ${then.oldId} shown when this was approved.`;
      if (then.imageId !== current.imageId)
        return `The AMI to launch is now ${current.imageId}, not the ${then.imageId} shown when this was approved.`;
      // The ClientToken is the key of whoever planned: the approved run keeps the card's.
      const names = [...new Set([...Object.keys(then.input), ...Object.keys(current.input)])];
      const changed = names.filter((n) => n !== 'ClientToken' && !isDeepStrictEqual(then.input[n], current.input[n]));
      return changed.length > 0 ? `The launch settings changed since approval: ${changed.join(', ')}.` : undefined;
    },
    async run({ integrations, plan }): Promise<RebuildResult> {
      const state = RebuildState.parse(plan?.state);
      const host = integrations.host;
      // A run repeated after a restart finds its own launch (EC2 would also answer a repeated token with it).
      const earlier = await host.launchedWith(state.input.ClientToken);
      // The input is the one this command's plan built (and the approval stored); zod checked its shape.
      const newId = earlier?.InstanceId ?? (await host.launch(state.input as RunInstancesCommandInput));
      const target = rebuildTarget(state.oldId, newId, new Date(`${state.replacedOn}T00:00:00Z`));
      return {
        oldId: state.oldId,
        newId,
        ImageId: state.imageId,
        launched: !earlier,
        follow: { kind: 'host-rebuild', target },
      };
    },
    present: (result) => ({
      summary: `${result.newId} ${result.launched ? 'launched' : 'already launched'} from ${result.ImageId} to replace ${result.oldId}`,
      visibility: 'in_channel',
      parts: [
        text(
          `${result.launched ? 'Launched' : 'Found the earlier launch of'} ${result.newId} from ${result.ImageId} to replace ${result.oldId}.`,
        ),
        fields(['Next', 'Elastic IP, stop and retag the old instance, tag the new one, on-air check']),
        note('Progress follows in this thread until the new host is tagged and on air; the old one stays stopped.'),
      ],
    }),
  });
}

/** The registry's `dr rebuild-host`, on the wall clock. */
export const drRebuildHostCommand = createDrRebuildHostCommand();
