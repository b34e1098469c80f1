import { UserError } from '../../pipeline/user-error.js';

/** What a call was about, for messages people can act on. */
export interface AwsCallContext {
  /** The IAM action, e.g. `ecs:UpdateService`. */
  action: string;
  /** The resource, e.g. `radio-n8n-cluster/n8n-worker` or an ARN. */
  resource: string;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'AuthorizationError',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const NOT_FOUND = /NotFound|NoSuch/;

/**
 * Turns an AWS SDK error into words: AccessDenied names the IAM action and resource, throttling
 * (already retried by the SDK's standard mode) says to wait, not-found names what was looked for.
 * Anything else is returned unchanged (logged with a reference by the dispatcher).
 */
export function describeAwsError(error: unknown, context: AwsCallContext): unknown {
  if (!(error instanceof Error)) return error;
  const name = error.name;
  const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
  if (name === 'CredentialsProviderError') {
    return new UserError(
      'not_configured',
      `No AWS credentials were found, so \`${context.action}\` could not be called (set AWS_PROFILE or AWS_ACCESS_KEY_ID, use an instance or task role, or aws.mode: dry-run).`,
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return new UserError(
      'iam_denied',
      `AWS refused \`${context.action}\` on \`${context.resource}\`: the bot's IAM role needs that permission (see \`radio-ops iam-policy\`).`,
    );
  }
  if (THROTTLED.has(name)) {
    return new UserError(
      'unavailable',
      `AWS is throttling \`${context.action}\`${attempts ? ` (tried ${attempts} times)` : ''}. Nothing more was done; try again in a minute.`,
    );
  }
  if (NOT_FOUND.test(name)) {
    return new UserError('precondition', `Not found: \`${context.resource}\` (${name} from \`${context.action}\`).`);
  }
  return error;
}

/** Runs one AWS call, translating its errors with {@link describeAwsError}. */
export async function awsCall<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw describeAwsError(error, context);
  }
}
