// The host module's Systems Manager and CloudWatch clients behind a live EC2: EC2 (and, for `host status`, SSM)
// answered by a local stand-in speaking their wire formats, while the client under test points at a real socket
// that hangs, resets or closes. `host logs` waits on SSM's SendCommand, `host status` on CloudWatch's
// GetMetricData: each answers within the 2 s deadline in words naming the service, audited, never a crash.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_FAULTS, startFaultServer, type FaultServer } from '../support/fault-server.js';
import { preloadAwsSdks, runWithModule, stubFakeAwsCredentials } from '../support/module-command.js';

/** EC2's query-protocol answers (XML) and SSM's JSON one, enough for the host to be found and its agent read. */
const EC2_ANSWERS: Record<string, string> = {
  DescribeInstances: `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId>
    <reservationSet><item><reservationId>r-0host</reservationId><instancesSet><item>
      <instanceId>i-0host</instanceId><instanceType>t3.medium</instanceType>
      <instanceState><code>16</code><name>running</name></instanceState>
      <placement><availabilityZone>us-east-1a</availabilityZone></placement>
    </item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
  DescribeInstanceStatus: `<DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>r2</requestId><instanceStatusSet/></DescribeInstanceStatusResponse>`,
};

let aws: Server;
let awsUrl: string;
beforeAll(async () => {
  await preloadAwsSdks('ec2', 'ssm', 'cloudwatch');
  aws = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target.endsWith('.DescribeInstanceInformation')) {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ InstanceInformationList: [] }));
        return;
      }
      const action = /(?:^|&)Action=(\w+)/.exec(body)?.[1] ?? '';
      response.writeHead(EC2_ANSWERS[action] ? 200 : 400, { 'content-type': 'text/xml' });
      response.end(
        EC2_ANSWERS[action] ?? `<Response><Errors><Error><Code>Unexpected</Code></Error></Errors></Response>`,
      );
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
  awsUrl = `http://127.0.0.1:${(aws.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => aws.close(() => resolve())));

let server: FaultServer | undefined;
beforeEach(stubFakeAwsCredentials);
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** The command, the client at fault (its AWS_ENDPOINT_URL_<SERVICE>), the service and call its answer names. */
const COMMANDS = [
  [
    'host logs liquidsoap',
    'host logs',
    'SSM',
    /Systems Manager dropped the connection during ssm:SendCommand .*Nothing was changed/,
  ],
  [
    'host status',
    'host status',
    'CLOUDWATCH',
    /CloudWatch dropped the connection during cloudwatch:GetMetricData .*Nothing was changed/,
  ],
] as const;
const CASES = SOCKET_FAULTS.flatMap((fault) => COMMANDS.map((row) => [fault, ...row] as const));

describe('the host module: SSM and CloudWatch that hang, reset or close behind a live EC2', () => {
  it.each(CASES)('%s: %s answers in words naming the service', async (fault, line, name, endpoint, dropped) => {
    server = await startFaultServer(fault);
    vi.stubEnv('AWS_ENDPOINT_URL', awsUrl);
    vi.stubEnv(`AWS_ENDPOINT_URL_${endpoint}`, server.url);
    const { outcome, words, events } = await runWithModule('host', line);
    expect(outcome.status, words).toBe('failed');
    if (fault === 'hang')
      expect(words).toBe(
        `${name} got no answer within 2 s (waiting on EC2, Systems Manager or CloudWatch). Nothing was changed; try again in a moment.`,
      );
    else expect(words).toMatch(dropped);
    expect(words).not.toMatch(/undefined|Something went wrong|Reference|\n\s+at /);
    expect(words).not.toMatch(/may or may not have happened/); // both only read
    expect(events.map((event) => [event.command, event.outcome])).toEqual([
      [name, 'started'],
      [name, 'failed'],
    ]);
    expect(server.reached).toBeGreaterThanOrEqual(1);
    if (fault === 'hang') await expect.poll(() => server!.abandoned).toBe(server.reached);
  });
});
