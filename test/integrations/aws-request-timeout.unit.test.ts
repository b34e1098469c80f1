// Issue 11, fault 4 (AWS edge): outside a command's deadline (a plan, a follow-up) the SDK's own timeouts
// are the bound. With the installed @smithy/node-http-handler, `requestTimeout` only logs a warning unless
// `throwOnRequestTimeout` is set; the options every client is built with set it, so a call to an endpoint
// that accepts and never answers fails with a TimeoutError. (requestTimeout shortened here to keep the test fast.)
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientOptions } from '../../src/integrations/aws/aws-client-options.js';
import { describeFailure } from '../../src/pipeline/describe-failure.js';
import { startHungServer, type HungServer } from '../support/hung-server.js';

let hung: HungServer;
beforeAll(async () => {
  hung = await startHungServer();
});
afterAll(() => hung.close());

describe('fault 4: AWS client options against an endpoint that never answers', () => {
  it('set connectionTimeout, requestTimeout and throwOnRequestTimeout', () => {
    expect(awsClientOptions('eu-west-1').requestHandler).toEqual({
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      throwOnRequestTimeout: true,
    });
  });

  it('make a hung call fail with a TimeoutError, described in words, and close the socket', async () => {
    const options = awsClientOptions('us-east-1');
    const client = new ECSClient({
      ...options,
      maxAttempts: 1,
      endpoint: hung.url,
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' },
      requestHandler: { ...options.requestHandler, requestTimeout: 300 },
    });
    const error: unknown = await client.send(new DescribeServicesCommand({ services: ['web'] })).catch((e) => e);
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(describeFailure(error)).toMatch(/did not answer/);
    expect(hung.accepted).toBe(1);
    await expect.poll(() => hung.closed, { timeout: 5_000 }).toBe(1);
  });
});
