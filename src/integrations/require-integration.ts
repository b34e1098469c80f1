import { UserError } from '../pipeline/user-error.js';

/** What each optional integration is called in a "not configured" answer, and what sets it up. */
const SETUP = {
  rds: 'The station\'s RDS access is not set up in this process.',
  s3: 'The station\'s S3 access is not set up in this process.',
  alarms: 'CloudWatch alarm access is not set up in this process.',
  ecs: 'The station\'s ECS access is not set up in this process.',
  cdn: 'The station\'s CloudFront access is not set up in this process.',
  redis: 'The station\'s Redis is not configured (REDIS_URL).',
} as const;

/**
 * An optional integration, or a UserError `not_configured` saying which and what sets it up.
 * Commands call this instead of assuming the composition root built everything.
 */
export function requireIntegration<T>(value: T | undefined, name: keyof typeof SETUP): T {
  if (value === undefined) throw new UserError('not_configured', SETUP[name]);
  return value;
}
