import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Whether AWS commands may call AWS, and why not when they may only plan. */
export interface AwsAccess {
  mode: 'live' | 'dry-run';
  /** Shown with every forced dry-run. */
  reason?: string;
}

// Every place the default credential chain looks without a network call.
// Source: https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
] as const;

/**
 * Decides AWS access from the YAML's `aws.mode`, else from where credentials could come from.
 * Never asks the instance-metadata service (it hangs off EC2): the server is assumed to run where
 * the default chain works; the shell without any credential source only plans.
 */
export function resolveAwsAccess(
  mode: 'live' | 'dry-run' | undefined,
  frontDoor: string,
  env: NodeJS.ProcessEnv,
): AwsAccess {
  if (mode === 'live') return { mode: 'live' };
  if (mode === 'dry-run') return { mode: 'dry-run', reason: 'aws.mode is dry-run in the configuration.' };
  const home = env.HOME ?? env.USERPROFILE;
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE,
    env.AWS_CONFIG_FILE,
    home && join(home, '.aws', 'credentials'),
    home && join(home, '.aws', 'config'),
  ];
  const found = CREDENTIAL_VARIABLES.some((name) => env[name]) || files.some((file) => file && existsSync(file));
  if (found || frontDoor === 'server') return { mode: 'live' };
  return {
    mode: 'dry-run',
    reason: 'no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live).',
  };
}
