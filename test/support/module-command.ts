// A command line run through the real dispatcher with ONE integration built by its real module (its SDK client
// options, its run views), as the composition root builds it: for fault tests that point the module's client at
// a local socket (AWS_ENDPOINT_URL, a Postgres URL) and read the answer and the audit rows.
import { vi } from 'vitest';
import type { Config } from '../../src/config/load-config.js';
import { MODULES, type ModuleId } from '../../src/integrations/modules.js';
import { commandRunner, replyText } from './command-runner.js';
import { integrationContext } from './integration-context.js';

/** Fake credentials, and no instance metadata lookups: the SDK signs and sends without asking anyone. */
export function stubFakeAwsCredentials(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLEEXAMPLE00');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example-secret-access-key-0000000000000000');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}

/**
 * Imports the SDK packages (`ec2` for `@aws-sdk/client-ec2`) a module loads on first use: a cold import of
 * several can take longer than a test's short deadline on two shared cores, and the request would then never
 * reach the socket under test. Call in `beforeAll`.
 */
export async function preloadAwsSdks(...names: string[]): Promise<void> {
  await Promise.all(names.map((name) => import(`@aws-sdk/client-${name}`) as Promise<unknown>));
}

/**
 * Runs `line` as an operator with module `id` built from its factory (and `settings`), under a `deadline` (YAML
 * duration, default 2s). Returns the outcome, the reply's words and the audit rows written.
 */
export async function runWithModule(
  id: ModuleId,
  line: string,
  options: { settings?: Partial<Config>; deadline?: string } = {},
) {
  const { context, close } = integrationContext({ settings: { aws: { mode: 'live' }, ...options.settings } });
  const client = MODULES.get(id)!.create(context);
  try {
    const runner = commandRunner(
      { [id]: client },
      { deadlines: { command: options.deadline ?? '2s', stillRunning: '5m' } },
    );
    const outcome = await runner.run(line);
    return { outcome, words: replyText(outcome.reply), events: runner.audit.events };
  } finally {
    await close();
  }
}
