// Issue 11, fault 4 (AWS edge): an AWS endpoint that accepts the connection and never answers. A signed
// `/radio ecs status` through the real server, with AWS_ENDPOINT_URL_ECS at a local socket that never
// answers: the person hears "Still running…", then a timeout that names ECS, the audit row ends `failed`,
// and the SDK call is aborted at the deadline (the hung socket sees its connection closed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHungServer, type HungServer } from '../support/hung-server.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { tempDirs } from '../support/temp-dirs.js';

const newDir = tempDirs('radio-ops-aws-hang-');
let hung: HungServer;
let h: Harness;
beforeAll(async () => {
  hung = await startHungServer();
  // Read by the SDK when the ECS client is built (on the first command): fake credentials, the hung endpoint.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLEEXAMPLE00');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example-secret-access-key-0000000000000000');
  vi.stubEnv('AWS_ENDPOINT_URL_ECS', hung.url);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  const radioConfig = join(newDir(), 'radio.yml');
  writeFileSync(
    radioConfig,
    [
      'region: us-east-1',
      'slack: { teamId: T0EXAMPLE, channels: [C0EXAMPLE01] }',
      'roles: { viewer: [U0ALICE], operator: [U0ALICE], approver: [U0BOB] }',
      'deadlines: { command: 3s, stillRunning: 1s }',
    ].join('\n'),
  );
  h = await startHarness([], { radioConfig });
});
afterAll(async () => {
  await h.close();
  await hung.close();
  vi.unstubAllEnvs();
});

describe('fault 4: an AWS endpoint that accepts and never answers', () => {
  it('ecs status says still running, then names ECS at the deadline; audited failed; the call is aborted', async () => {
    const marker = `aws-hang-${Date.now()}`;
    const { ack, responseUrl } = await h.slash(`ecs status --reason ${marker}`, { user_id: 'U0ALICE' });
    expect(ack.status).toBe(200);
    const path = new URL(responseUrl).pathname;
    const still = await h.slack.next((request) => request.path === path);
    const final = await h.slack.next((request) => request.path === path && request !== still);
    const words = (body: Record<string, unknown>) => String(body.text).replaceAll('\u2060', '');
    expect(words(still.body)).toBe('Still running…');
    expect(words(final.body)).toMatch(
      /`ecs status` got no answer within 3 s \(waiting on ECS\)\. Nothing was changed; try again in a moment\./,
    );
    const rows = await h.auditRows(marker);
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'failed']);
    expect(rows[1]?.error).toMatch(/waiting on ECS/);
    // The SDK really reached the endpoint, and the deadline's abort closed that connection: the call did not go on.
    expect(hung.accepted).toBeGreaterThanOrEqual(1);
    // The answer is sent after the abort, so the close is already under way: a few seconds' wait is ample.
    await expect.poll(() => hung.closed, { timeout: 5_000 }).toBe(hung.accepted);
  });
});
