import { z } from 'zod';
import { UnitName } from '../config/host-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { shellCommandInput } from '../integrations/host/host-inputs.js';
import type { ShellResult } from '../integrations/host/host-operations.js';
import { JournalGrep, JournalSince, journalScript, MAX_LINES } from '../integrations/host/journal-script.js';
import { defineCommand } from '../pipeline/command.js';
import { code, fields, longOutput, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { awsReadPlan } from './aws-read-plan.js';
import { TAGGED_INSTANCE } from './host-status.js';
import { allowedUnit } from './host-unit-argument.js';

const Args = z.object({
  unit: UnitName,
  since: JournalSince.default('15m'),
  grep: JournalGrep.optional(),
  lines: z.coerce
    .number()
    .int('--lines takes a whole number')
    .min(1, '--lines is at least 1')
    .max(MAX_LINES, `--lines is at most ${MAX_LINES} (Run Command returns 24,000 characters inline)`)
    .default(100),
});
type Args = z.infer<typeof Args>;

/** What `host logs` read: the Run Command invocation on the tagged instance. */
export interface HostLogsResult extends ShellResult {
  InstanceId: string;
}

const scriptOf = (args: Args) =>
  journalScript({ unit: args.unit, since: args.since, grep: args.grep, lines: args.lines });
const commentOf = (args: Args) => `radio-ops host logs ${args.unit}`;

/**
 * `host logs <unit> [--since 15m] [--grep text] [--lines 100]`: the unit's journal on the host, by Run Command
 * (`AWS-RunShellScript` with one fixed `journalctl` line built from validated, quoted pieces; see `journalScript`).
 * Up to 40 lines (2,500 characters) are shown in a code block; longer output goes in the answer's thread
 * (`Reply.thread`: in Slack the answer shows its first and newest lines, the thread all of them).
 * API: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
 */
export const hostLogsCommand = defineCommand({
  name: 'host logs',
  usage: 'host logs <unit> [--since 15m] [--grep text] [--lines 100]',
  summary: "Show a unit's journal on the Liquidsoap host (through Systems Manager)",
  examples: ['host logs liquidsoap', 'host logs icecast2 --since 2h --grep "source" --lines 50'],
  positional: ['unit'],
  flags: { since: 'string', grep: 'string', lines: 'string' },
  needs: ['host'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }) {
    allowedUnit(args.unit, config);
    return awsReadPlan([
      { service: 'EC2', operation: 'DescribeInstances', input: integrations.host.findHostInput() },
      {
        service: 'SSM',
        operation: 'SendCommand',
        input: shellCommandInput(TAGGED_INSTANCE, [scriptOf(args)], commentOf(args)),
      },
      {
        service: 'SSM',
        operation: 'GetCommandInvocation',
        input: { CommandId: '<CommandId from SendCommand>', InstanceId: TAGGED_INSTANCE },
      },
    ]);
  },
  async run({ args, config, integrations }): Promise<HostLogsResult> {
    allowedUnit(args.unit, config);
    const instance = await integrations.host.findHost();
    if (instance.State !== 'running') {
      throw new UserError(
        'precondition',
        `The host ${instance.InstanceId} is ${instance.State}: Run Command reaches only a running instance. Nothing was sent.`,
      );
    }
    // journalctl only reads: a dropped SendCommand changed nothing.
    const result = await integrations.host.runShell(instance.InstanceId, [scriptOf(args)], commentOf(args), true);
    return { ...result, InstanceId: instance.InstanceId };
  },
  present(result, args) {
    if (result.Status !== 'Success') {
      return {
        summary: `Run Command ${result.CommandId} ${result.Status} (exit ${result.ResponseCode}) on ${result.InstanceId}: no logs of ${args.unit}`,
        visibility: 'in_channel',
        parts: [
          text(
            `journalctl on ${result.InstanceId} ended ${result.StatusDetails} (exit ${result.ResponseCode}).`,
            'error',
          ),
          ...(result.StandardErrorContent ? [code(result.StandardErrorContent.trimEnd())] : []),
        ],
      };
    }
    const lines = result.StandardOutputContent.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
    const filter = args.grep === undefined ? '' : ` holding "${args.grep}"`;
    const summary = `${args.unit} on ${result.InstanceId}: ${lines.length} line${lines.length === 1 ? '' : 's'}${filter} from the last ${args.since}`;
    const runCommand = fields(['Run Command', result.CommandId]);
    const thread = longOutput('journal lines', lines);
    if (thread) return { summary, visibility: 'in_channel', parts: [runCommand], thread };
    return {
      summary,
      visibility: 'in_channel',
      parts: [
        lines.length > 0 ? code(lines.join('\n')) : text(`No journal lines${filter} in the last ${args.since}.`),
        runCommand,
      ],
    };
  },
});
