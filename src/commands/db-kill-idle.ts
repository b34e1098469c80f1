import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import type { BackendTarget, TerminateOutcome } from '../integrations/terminator/pg-backend-terminator.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { note } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { presentTerminations } from './present-terminations.js';
import { durationArgument } from './duration-argument.js';

/**
 * `db kill-idle [--older 10m]`: `pg_terminate_backend` on client sessions of the station database idle
 * longer than the threshold. Destructive: it waits for a second person. The plan binds each session
 * as (pid, `backend_start`); at execution only those still matching and still idle are terminated.
 */
export const dbKillIdleCommand = defineCommand({
  name: 'db kill-idle',
  usage: 'db kill-idle [--older 10m]',
  summary: 'Terminate sessions idle longer than a threshold (needs approval)',
  examples: ['db kill-idle', 'db kill-idle --older 30m --reason "connection slots exhausted"'],
  positional: [],
  flags: { older: 'string' },
  needs: ['terminator'],
  args: z.object({ older: durationArgument('10m') }),
  risk: () => 'destructive',
  async plan({ args, integrations }): Promise<Plan<BackendTarget[]>> {
    const targets = await integrations.terminator.idleTargets(args.older);
    // Nothing to terminate is not worth paging a second person for.
    if (targets.length === 0)
      throw new UserError(
        'precondition',
        `No session has been idle longer than ${formatDuration(args.older)}: nothing to terminate.`,
      );
    return {
      current: [
        ['Idle longer than', formatDuration(args.older)],
        ['Sessions', String(targets.length)],
      ],
      calls: targets.map((t) => ({
        service: 'PostgreSQL',
        operation: 'pg_terminate_backend',
        input: { pid: t.pid, backend_start: t.backendStart, state: t.state },
      })),
      warnings: targets.length === 0 ? ['No session is idle that long: nothing would be terminated.'] : [],
      state: targets,
    };
  },
  recheck: (then, now) => {
    const still = new Set((now.state as BackendTarget[]).map((t) => `${t.pid}@${t.backendStart}`));
    const planned = then.state as BackendTarget[];
    return planned.length > 0 && !planned.some((t) => still.has(`${t.pid}@${t.backendStart}`))
      ? 'none of the planned sessions is still idle'
      : undefined;
  },
  async run({ args, integrations, plan }): Promise<TerminateOutcome[]> {
    const targets = (plan?.state ?? []) as BackendTarget[];
    if (targets.length === 0) return [];
    return integrations.terminator.terminate(targets, args.older);
  },
  present: (outcomes) =>
    outcomes.length === 0
      ? {
          summary: 'No idle sessions to terminate',
          visibility: 'in_channel',
          parts: [note('No session was idle that long; nothing was terminated.')],
        }
      : presentTerminations(outcomes),
});
