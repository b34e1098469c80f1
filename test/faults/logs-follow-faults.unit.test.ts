// `logs --follow` when CloudWatch Logs hangs or drops mid-follow: the first read answers, then the next poll
// meets a real socket that never answers, resets or closes. The follow must end with an answer in words naming
// CloudWatch Logs, after showing what it had, audited `failed`. The client is built with the production
// options, a short `requestTimeout` (300 ms instead of 10 s) and the follow on a manual clock: no real waiting
// but the socket's. (What Slack's live message says then: test/slack/live-reply-stopped.test.ts.)
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogsCommand } from '../../src/commands/logs.js';
import type { FollowTiming } from '../../src/commands/logs-follow.js';
import { awsClientOptions } from '../../src/integrations/aws/aws-client-options.js';
import { createLogsOperations } from '../../src/integrations/logs/logs-operations.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { shown } from '../support/aws-command-harness.js';
import { SOCKET_FAULTS, type SocketFault } from '../support/fault-server.js';
import { runbookHarness } from '../support/runbook-harness.js';

const T0 = Date.UTC(2026, 11, 2, 14, 30);
const FIRST_READ = {
  events: [{ eventId: 'e1', timestamp: T0 - 1_000, logStreamName: 'ecs/n8n/abc', message: 'first' }],
};

/** CloudWatch Logs that answers its first FilterLogEvents, then meets every later one with `fault`. */
async function logsThenFault(fault: SocketFault) {
  const waiting = new Set<ServerResponse>();
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    request.resume();
    if (requests === 1) {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(FIRST_READ));
    } else if (fault === 'hang') waiting.add(response);
    else if (fault === 'reset') request.socket.resetAndDestroy();
    else request.socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, close, requests: () => requests };
}

/** A clock that moves only when the follow sleeps. */
function manualTiming(): FollowTiming {
  let now = T0;
  return { now: () => now, pollMs: 5_000, sleep: async (ms) => void (now += ms) };
}

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => closeServer?.());

describe('logs --follow when CloudWatch Logs hangs or drops mid-follow', () => {
  it.each(SOCKET_FAULTS)('%s: the follow ends with words naming CloudWatch Logs, audited failed', async (fault) => {
    const server = await logsThenFault(fault);
    closeServer = server.close;
    const options = awsClientOptions('us-east-1');
    const client = new CloudWatchLogsClient({
      ...options,
      endpoint: server.url,
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' },
      requestHandler: { ...options.requestHandler, requestTimeout: 300 },
    });
    const h = runbookHarness({
      commands: [createLogsCommand(manualTiming())],
      integrations: { logs: createLogsOperations(client) },
    });
    const updates: Reply[] = [];
    const outcome = await h.run('logs n8n-main --follow 15s', 'U0ALICE', { onProgress: (r) => updates.push(r) });
    client.destroy();

    expect(updates.map((reply) => shown(reply))).toEqual([expect.stringContaining('ecs/n8n/abc first')]);
    expect(outcome.status).toBe('failed');
    const what = fault === 'hang' ? 'did not answer in time' : 'dropped the connection';
    expect(shown(outcome.reply)).toMatch(
      new RegExp(`CloudWatch Logs ${what} during .?logs:FilterLogEvents.? on .?/ecs/n8n-main.? .*Nothing was changed`),
    );
    expect(shown(outcome.reply)).not.toMatch(/undefined|Something went wrong|Reference|\n\s+at /);
    expect(h.audit.events.map((event) => event.outcome)).toEqual(['started', 'failed']);
    // The first read, then the poll and the SDK's two retries of it.
    expect(server.requests()).toBe(4);
  });
});
