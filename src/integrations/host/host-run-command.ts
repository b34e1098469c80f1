import {
  GetCommandInvocationCommand,
  SendCommandCommand,
  type SendCommandCommandInput,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Clock } from '../../alarms/clock.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { sleepUnlessAborted } from '../hls/hls-deadline.js';

/** How long to wait between looks at an invocation, and how many looks before giving up on waiting. */
export interface InvocationPolling {
  intervalMs: number;
  maxPolls: number;
}
export const DEFAULT_POLLING: InvocationPolling = { intervalMs: 1_000, maxPolls: 20 };

/** Statuses after which an invocation changes no more. Source: https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html */
const FINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut']);

/** What Run Command reported for one instance once it ended: `StandardOutputContent` holds at most 24,000 characters. */
export interface ShellResult {
  CommandId: string;
  /** `Success`, `Failed`, `TimedOut` or `Cancelled`. */
  Status: string;
  /** The finer reason (`ExecutionTimedOut`, `DeliveryTimedOut`, `Undeliverable`, `Terminated`, …). */
  StatusDetails: string;
  /** The script's exit code (`-1` when it did not run). */
  ResponseCode: number;
  StandardOutputContent: string;
  StandardErrorContent: string;
}

/**
 * Sends `input` and looks at its invocation (`GetCommandInvocation`) every `intervalMs` until it ends, at most
 * `maxPolls` times. `InvocationDoesNotExist` right after sending means not registered yet, and is looked at again.
 * @throws UserError `unavailable` when it has not ended after `maxPolls` looks (it may still run: the CommandId is given);
 *   `iam_denied` naming the action; `precondition` when the instance is not a managed, online SSM instance;
 *   `outcome_unknown` when SendCommand's connection drops, unless `readOnly` (the script changes nothing: `unavailable`).
 */
export async function runShell(
  ssm: SSMClient,
  input: SendCommandCommandInput,
  options: { clock: Clock; polling?: InvocationPolling; signal?: AbortSignal; readOnly?: boolean },
): Promise<ShellResult> {
  const instanceId = input.InstanceIds?.[0] ?? '(none)';
  const polling = options.polling ?? DEFAULT_POLLING;
  const sent = await awsCall(
    { action: 'ssm:SendCommand', resource: `${instanceId} (AWS-RunShellScript)`, changes: !options.readOnly },
    () => ssm.send(new SendCommandCommand(input)),
  ).catch((error: unknown) => {
    if (error instanceof Error && /InvalidInstanceId/.test(error.name)) {
      throw new UserError(
        'precondition',
        `Systems Manager can't run commands on ${instanceId} (${error.name}): it must be running with the SSM agent online and an instance profile allowing Systems Manager (see \`host status\`). Nothing was run.`,
      );
    }
    throw error;
  });
  const CommandId = sent.Command?.CommandId;
  if (!CommandId) throw new Error(`SendCommand answered without a CommandId for ${instanceId}`);
  let status = 'Pending';
  for (let poll = 0; poll < polling.maxPolls; poll += 1) {
    await sleepUnlessAborted(options.clock.sleep, polling.intervalMs, options.signal ?? new AbortController().signal);
    const seen = await awsCall({ action: 'ssm:GetCommandInvocation', resource: `${CommandId} on ${instanceId}` }, () =>
      ssm.send(new GetCommandInvocationCommand({ CommandId, InstanceId: instanceId })),
    ).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'InvocationDoesNotExist') return undefined;
      throw error;
    });
    status = seen?.Status ?? 'Pending';
    if (seen && FINAL.has(status)) {
      return {
        CommandId,
        Status: status,
        StatusDetails: seen.StatusDetails ?? status,
        ResponseCode: seen.ResponseCode ?? -1,
        StandardOutputContent: seen.StandardOutputContent ?? '',
        StandardErrorContent: seen.StandardErrorContent ?? '',
      };
    }
  }
  throw new UserError(
    'unavailable',
    `Run Command ${CommandId} on ${instanceId} is still ${status} after ${polling.maxPolls} checks; it may still finish (see it in the Systems Manager console under Run Command).`,
  );
}
