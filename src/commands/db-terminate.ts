import { z } from 'zod';
import type { BackendTarget, TerminateOutcome } from '../integrations/terminator/pg-backend-terminator.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { UserError } from '../pipeline/user-error.js';
import { collapseWhitespace } from './backend-activity-parts.js';
import { presentTerminations } from './present-terminations.js';

/**
 * `db terminate <pid>`: one station-database client backend, bound to its `backend_start` from the
 * plan so a reused pid is never hit. Destructive: it waits for a second person.
 */
export const dbTerminateCommand = defineCommand({
  name: 'db terminate',
  usage: 'db terminate <pid>',
  summary: 'Terminate one backend of the station database (needs approval)',
  examples: ['db terminate 28113 --reason "runaway report"'],
  positional: ['pid'],
  flags: {},
  needs: ['terminator'],
  args: z.object({
    pid: z
      .string()
      .regex(/^\d{1,10}$/, 'a process id like 28113')
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .positive('a process id like 28113 (pids start at 1)')
          .max(2_147_483_647, 'a process id (at most 2147483647)'),
      ),
  }),
  risk: () => 'destructive',
  async plan({ args, integrations }): Promise<Plan<BackendTarget>> {
    const target = await integrations.terminator.target(args.pid);
    if (!target)
      throw new UserError(
        'precondition',
        `No client backend with pid ${args.pid} that may be terminated (not ours, not rdsadmin, not a background worker).`,
      );
    return {
      current: [
        ['Backend', `${target.pid} started ${target.backendStart}`],
        ['State', target.state ?? '-'],
        ['User', target.user ?? '-'],
        // Masked by the terminator (literals as `?`): what it is doing, without the secrets it may hold.
        ['Query', target.query === undefined ? '-' : collapseWhitespace(target.query)],
      ],
      calls: [
        {
          service: 'PostgreSQL',
          operation: 'pg_terminate_backend',
          input: { pid: target.pid, backend_start: target.backendStart },
        },
      ],
      warnings: [],
      state: target,
    };
  },
  recheck: (then, now) =>
    (then.state as BackendTarget).backendStart !== (now.state as BackendTarget).backendStart
      ? 'the pid now belongs to a different backend'
      : undefined,
  async run({ integrations, plan }): Promise<TerminateOutcome[]> {
    return integrations.terminator.terminate([plan?.state as BackendTarget]);
  },
  present: presentTerminations,
});
