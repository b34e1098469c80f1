import { z } from 'zod';
import { systemClock, type Clock } from '../alarms/clock.js';
import { UnitName } from '../config/host-config.js';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { shellCommandInput } from '../integrations/host/host-inputs.js';
import type { HostOperations } from '../integrations/host/host-operations.js';
import { shellQuote } from '../integrations/host/journal-script.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { code, fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { waitOnAir, type OnAirCheck, type OnAirPolling } from '../station/wait-on-air.js';
import { TAGGED_INSTANCE } from './host-status.js';
import { allowedUnit } from './host-unit-argument.js';
import { requireCooldowns } from './station-write-parts.js';
import { utcWithAge } from './utc-with-age.js';

/** The one shell line of a restart: fixed, with an allow-listed unit; `is-active` says what systemd thinks after. */
export const restartScript = (unit: string) =>
  `systemctl restart ${shellQuote(unit)} && systemctl is-active ${shellQuote(unit)}`;

/** What the plan saw; stored with the approval, so read back with zod. */
const RestartState = z.object({ instanceId: z.string(), unit: z.string() });

/** What `host restart` did: the Run Command invocation and the on-air check after it. */
export interface HostRestartResult {
  InstanceId: string;
  unit: string;
  CommandId: string;
  output: string;
  /** Absent when Icecast or the channel list is not set up here. */
  onAir?: OnAirCheck;
  onAirSkipped?: string;
}

export interface HostRestartOptions {
  clock?: Clock;
  onAirPolling?: OnAirPolling;
}

/** The shared cooldown's key (src/station/cooldowns.ts): one per unit, the same on every replica. */
export const restartCooldownKey = (unit: string) => `host-restart:${unit}`;

function coolingDown(unit: string, cooldownMs: number, until: Date): UserError {
  return new UserError(
    'precondition',
    `\`host restart ${unit}\` ran within host.restartCooldown (${formatDuration(cooldownMs)}): the next one may run at ${utcWithAge(until, new Date())}. Nothing was sent.`,
  );
}

/** With `instance` (read just now) the exact calls; without (AWS only plans here) the tagged instance's lookup first. */
function restartPlan(
  unit: string,
  cooldown: string,
  instance: { id: string; line: string } | undefined,
  find: { offline: string; input: unknown } | undefined,
): Plan {
  const instanceId = instance?.id ?? TAGGED_INSTANCE;
  const input = shellCommandInput(instanceId, [restartScript(unit)], `radio-ops host restart ${unit}`);
  return {
    current: [
      ['Host', instance?.line ?? `not read: ${find?.offline ?? '?'}`],
      ['Unit', unit],
      ['Cooldown', cooldown],
    ],
    calls: [
      ...(find ? [{ service: 'EC2', operation: 'DescribeInstances', input: find.input }] : []),
      { service: 'SSM', operation: 'SendCommand', input },
      {
        service: 'SSM',
        operation: 'GetCommandInvocation',
        input: { CommandId: '<CommandId from SendCommand>', InstanceId: instanceId },
      },
    ],
    warnings: [
      `Every mount drops while ${unit} restarts: listeners are disconnected and must reconnect (many players do not on their own).`,
    ],
    state: { instanceId, unit },
  };
}

async function hostLine(host: HostOperations): Promise<{ id: string; line: string }> {
  const instance = await host.findHost();
  if (instance.State !== 'running') {
    throw new UserError(
      'precondition',
      `The host ${instance.InstanceId} is ${instance.State}: nothing to restart on it. Nothing was sent.`,
    );
  }
  return {
    id: instance.InstanceId,
    line: `${instance.InstanceId} (${instance.State}, ${instance.InstanceType}, ${instance.AvailabilityZone ?? '?'})`,
  };
}

/**
 * `host restart <unit>`: `systemctl restart <unit>` on the tagged host through Run Command, followed to its end,
 * then Icecast's stats looked at until every channel's mount is back (bounded). Destructive (every mount drops):
 * approved by a second person; at most once per `host.restartCooldown` per unit. Users never pass a shell string.
 * API: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
 */
export function createHostRestartCommand(options: HostRestartOptions = {}) {
  const clock = options.clock ?? systemClock;
  const onAirPolling = options.onAirPolling ?? { intervalMs: 1_000, maxPolls: 12 };
  return defineCommand({
    name: 'host restart',
    usage: 'host restart <unit>',
    summary: 'Restart a unit on the Liquidsoap host, then check the mounts (needs approval)',
    examples: ['host restart liquidsoap --reason "stuck on a dead file"', 'host restart icecast2 --dry-run'],
    positional: ['unit'],
    flags: {},
    needs: ['host'],
    args: z.object({ unit: UnitName }),
    risk: () => 'destructive',
    dryRunOnly: awsDryRunOnly,
    async plan({ args, config, integrations }) {
      const unit = allowedUnit(args.unit, config);
      // Read-only here (a dry run may have no database); the run claims it, and refuses without one.
      const until = await integrations.cooldowns?.until(restartCooldownKey(unit));
      if (until) throw coolingDown(unit, config.host.restartCooldown, until);
      const cooldown = integrations.cooldowns
        ? `${formatDuration(config.host.restartCooldown)} per unit after a restart (host.restartCooldown)`
        : "not checked: the bot's database is not set up here (a run needs it for host.restartCooldown)";
      const offline = awsDryRunOnly(integrations);
      if (offline) return restartPlan(unit, cooldown, undefined, { offline, input: integrations.host.findHostInput() });
      return restartPlan(unit, cooldown, await hostLine(integrations.host), undefined);
    },
    recheck(planThen, planNow) {
      const then = RestartState.parse(planThen.state);
      const now = RestartState.parse(planNow.state);
      return then.instanceId === now.instanceId
        ? undefined
        : `The host is now ${now.instanceId}, not the ${then.instanceId} shown when this was approved.`;
    },
    async run({ integrations, config, plan, signal }): Promise<HostRestartResult> {
      const { instanceId, unit } = RestartState.parse(plan?.state);
      // Claimed before Run Command is sent: a sent restart counts even if its result is lost.
      const cooldowns = requireCooldowns(integrations, 'host restart');
      const key = restartCooldownKey(unit);
      const claim = await cooldowns.claim(key, config.host.restartCooldown);
      if (!claim.claimed) throw coolingDown(unit, config.host.restartCooldown, claim.until);
      const result = await integrations.host
        .runShell(instanceId, [restartScript(unit)], `radio-ops host restart ${unit}`)
        .catch(async (error: unknown) => {
          // `precondition` is Systems Manager refusing the command (nothing ran): give the cooldown back.
          if (error instanceof UserError && error.code === 'precondition')
            await cooldowns.release(key, claim.until).catch(() => undefined);
          throw error;
        });
      if (result.Status !== 'Success') {
        throw new UserError(
          'unavailable',
          `systemctl restart ${unit} on ${instanceId} ended ${result.StatusDetails} (exit ${result.ResponseCode}, Run Command ${result.CommandId}): ${result.StandardErrorContent.trim() || result.StandardOutputContent.trim() || 'no output'}`,
        );
      }
      const base = {
        InstanceId: instanceId,
        unit,
        CommandId: result.CommandId,
        output: result.StandardOutputContent.trim(),
      };
      const { icecast, channels } = integrations;
      if (!icecast || !channels)
        return { ...base, onAirSkipped: 'Icecast or the channel list is not set up in this process' };
      return { ...base, onAir: await waitOnAir({ icecast, channels, clock }, onAirPolling, signal) };
    },
    present(result) {
      const onAir = result.onAir;
      const missing = onAir?.missing ?? [];
      const list = (items: { slug: string; mount: string }[]) =>
        items.map((c) => `${c.slug} (${c.mount})`).join(', ') || '-';
      return {
        summary: `${result.unit} restarted on ${result.InstanceId}${onAir ? (missing.length ? `; not back on air: ${list(missing)}` : '; every channel is back on air') : ''}`,
        visibility: 'in_channel',
        parts: [
          text(`systemctl restart ${result.unit} on ${result.InstanceId} succeeded.`, 'success'),
          ...(result.output ? [code(result.output)] : []),
          fields(
            ['Run Command', result.CommandId],
            ['Back on air', onAir ? list(onAir.back) : `not checked: ${result.onAirSkipped ?? '?'}`],
            ...(onAir && missing.length ? ([['Not on air', list(missing)]] as [string, string][]) : []),
          ),
          ...(onAir && missing.length
            ? [
                note(
                  `Still off air after ${onAir.polls} checks of Icecast${onAir.lastError ? ` (last: ${onAir.lastError})` : ''}: see \`host logs ${result.unit}\`.`,
                  'warning',
                ),
              ]
            : []),
        ],
      };
    },
  });
}

/** The registry's `host restart`: wall clock; the cooldown is the shared one in the bot's database. */
export const hostRestartCommand = createHostRestartCommand();
