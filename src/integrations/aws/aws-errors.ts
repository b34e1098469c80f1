import { UserError } from '../../pipeline/user-error.js';

/** What a call was about, for messages people can act on. */
export interface AwsCallContext {
  /** The IAM action, e.g. `ecs:UpdateService`. */
  action: string;
  /** The resource, e.g. `radio-n8n-cluster/n8n-worker` or an ARN. */
  resource: string;
  /**
   * Whether the call can change anything, for what a dropped connection means (may it have happened?). Default:
   * not for AWS's read operations (`Describe…`, `List…`, `Get…`, `Filter…`), yes for any other.
   */
  changes?: boolean;
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

/** AWS services by IAM prefix, as people name them. */
const SERVICE_NAMES: Record<string, string> = {
  ec2: 'EC2',
  ssm: 'Systems Manager',
  cloudwatch: 'CloudWatch',
  logs: 'CloudWatch Logs',
  elasticache: 'ElastiCache',
  ce: 'Cost Explorer',
  ecs: 'ECS',
  'application-autoscaling': 'Application Auto Scaling',
  s3: 'S3',
  rds: 'RDS',
  cloudfront: 'CloudFront',
};

/** What a socket fault did, by Node's error code (https://nodejs.org/api/errors.html#common-system-errors). */
const SOCKET_FAULTS: Record<string, string> = {
  ECONNRESET: 'dropped the connection',
  EPIPE: 'dropped the connection',
  ECONNREFUSED: 'refused the connection',
  ETIMEDOUT: 'did not answer in time',
  EHOSTUNREACH: 'could not be reached',
  ENETUNREACH: 'could not be reached',
  ENOTFOUND: 'could not be found (DNS)',
  EAI_AGAIN: 'could not be found (DNS)',
};

/** Operations that only read (AWS names them so): a fault during one changed nothing. */
const READ_OPERATION = /^(Describe|List|Get|Filter)/;

/**
 * A socket fault (dropped, refused, unreachable, or the SDK's `requestTimeout`, a `TimeoutError`) after the SDK's
 * retries, in words naming the service: a read changed nothing; a write may or may not have happened.
 */
function socketFault(error: Error, context: AwsCallContext, attempts: number | undefined): UserError | undefined {
  const code = (error as { code?: unknown }).code;
  const what =
    (typeof code === 'string' ? SOCKET_FAULTS[code] : undefined) ??
    (error.name === 'TimeoutError' ? 'did not answer in time' : undefined);
  if (!what) return undefined;
  const [prefix = '', operation = ''] = context.action.split(':');
  const tried = attempts && attempts > 1 ? `, tried ${attempts} times` : '';
  const said = `${SERVICE_NAMES[prefix] ?? `AWS (${prefix})`} ${what} during \`${context.action}\` on \`${context.resource}\` (${typeof code === 'string' ? code : error.name}${tried})`;
  return !(context.changes ?? !READ_OPERATION.test(operation))
    ? new UserError('unavailable', `${said}. Nothing was changed; try again in a moment.`)
    : new UserError(
        'outcome_unknown',
        `${said}, so it may or may not have happened. Check the current state before trying again.`,
      );
}

/**
 * Turns an AWS SDK error into words: AccessDenied names the IAM action and resource, throttling
 * (already retried by the SDK's standard mode) says to wait, not-found names what was looked for, a socket
 * fault (reset, refused, the SDK's request timeout) names the service and says whether anything may have changed.
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
  return socketFault(error, context, attempts) ?? error;
}

/** Runs one AWS call, translating its errors with {@link describeAwsError}. */
export async function awsCall<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw describeAwsError(error, context);
  }
}
