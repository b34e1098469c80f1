import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAwsAccess } from '../../src/integrations/aws/aws-access.js';
import { describeAwsError } from '../../src/integrations/aws/aws-errors.js';
import { UserError } from '../../src/pipeline/user-error.js';

const emptyHome = () => mkdtempSync(join(tmpdir(), 'radio-home-'));

describe('resolveAwsAccess', () => {
  it('follows aws.mode when the YAML sets it', () => {
    expect(resolveAwsAccess('dry-run', 'server', { AWS_ACCESS_KEY_ID: 'x' })).toMatchObject({ mode: 'dry-run' });
    expect(resolveAwsAccess('live', 'shell', { HOME: emptyHome() })).toEqual({ mode: 'live' });
  });

  it('plans only in the shell when no credential source exists, without any network call', () => {
    expect(resolveAwsAccess(undefined, 'shell', { HOME: emptyHome() })).toMatchObject({
      mode: 'dry-run',
      reason: expect.stringMatching(/no AWS credentials/),
    });
  });

  it('goes live with credentials in the environment or in ~/.aws', () => {
    expect(resolveAwsAccess(undefined, 'shell', { HOME: emptyHome(), AWS_PROFILE: 'radio' })).toEqual({ mode: 'live' });
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\n');
    expect(resolveAwsAccess(undefined, 'shell', { HOME: home })).toEqual({ mode: 'live' });
  });

  it('assumes the default chain for the server (instance roles, task roles)', () => {
    expect(resolveAwsAccess(undefined, 'server', { HOME: emptyHome() })).toEqual({ mode: 'live' });
  });
});

describe('describeAwsError', () => {
  const context = { action: 'ecs:UpdateService', resource: 'radio-n8n-cluster/n8n-worker' };
  const awsError = (name: string, attempts?: number) =>
    Object.assign(new Error('boom'), { name, $metadata: { attempts } });

  it('names the IAM action and resource on AccessDenied', () => {
    const described = describeAwsError(awsError('AccessDeniedException'), context);
    expect(described).toBeInstanceOf(UserError);
    expect((described as UserError).message).toMatch(/ecs:UpdateService.*radio-n8n-cluster\/n8n-worker/);
  });

  it('explains throttling after the retries', () => {
    expect((describeAwsError(awsError('ThrottlingException', 3), context) as UserError).message).toMatch(
      /throttling.*tried 3 times/,
    );
  });

  it('names what was not found', () => {
    expect((describeAwsError(awsError('ServiceNotFoundException'), context) as UserError).message).toMatch(
      /Not found: `radio-n8n-cluster\/n8n-worker`/,
    );
  });

  it('leaves other errors alone', () => {
    const other = awsError('InternalFailure');
    expect(describeAwsError(other, context)).toBe(other);
  });
});
