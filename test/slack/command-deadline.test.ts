// Issue 11, fault 4 (at the pipeline): a command whose dependency never answers gets "Still running…" and
// then an answer in words at its deadline, through response_url; its audit row ends `failed` (a read) or
// `unknown` (a write, which may have happened), and the run's signal is aborted so abandoned work stops.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type Risk } from '../../src/pipeline/command.js';
import { text } from '../../src/pipeline/reply.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { tempDirs } from '../support/temp-dirs.js';

const aborted: string[] = [];
/** A command whose run waits on something that never answers, until its signal is aborted. */
const hanging = (name: string, risk: Risk) =>
  defineCommand({
    name,
    usage: name,
    summary: 'never answers',
    examples: [],
    positional: [],
    flags: {},
    args: z.object({}),
    risk: () => risk,
    run: ({ signal }) =>
      new Promise<string>((_resolve, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            aborted.push(name);
            reject(new Error('aborted'));
          },
          { once: true },
        );
      }),
    present: (result: string) => ({ summary: result, visibility: 'ephemeral', parts: [text(result)] }),
  });

/** A write whose plan (reading the current state) never gets an answer. */
const hangingPlan = defineCommand({
  name: 'hang-plan',
  usage: 'hang-plan',
  summary: 'its plan never answers',
  examples: [],
  positional: [],
  flags: {},
  args: z.object({}),
  risk: () => 'write',
  plan: ({ signal }) =>
    new Promise((_resolve, reject) => {
      signal?.addEventListener(
        'abort',
        () => {
          aborted.push('hang-plan');
          reject(new Error('aborted'));
        },
        { once: true },
      );
    }),
  run: async () => 'ran',
  present: (result: string) => ({ summary: result, visibility: 'ephemeral', parts: [text(result)] }),
});

const newDir = tempDirs('radio-ops-deadline-');
let h: Harness;
beforeAll(async () => {
  const radioConfig = join(newDir(), 'radio.yml');
  writeFileSync(
    radioConfig,
    [
      'slack: { teamId: T0EXAMPLE, channels: [C0EXAMPLE01] }',
      'roles: { viewer: [U0ALICE], operator: [U0ALICE], approver: [U0BOB] }',
      'deadlines: { command: 2s, stillRunning: 1s }',
    ].join('\n'),
  );
  h = await startHarness([hanging('hang-read', 'read'), hanging('hang-write', 'write'), hangingPlan], { radioConfig });
});
afterAll(() => h.close());

async function answers(line: string) {
  const { ack, responseUrl } = await h.slash(line, { user_id: 'U0ALICE' });
  expect(ack.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  const first = await h.slack.next((request) => request.path === path);
  const second = await h.slack.next((request) => request.path === path && request !== first);
  // The renderer keeps Slack from formatting marks with invisible word joiners; read the words.
  const words = (body: Record<string, unknown>) => ({ ...body, text: String(body.text).replaceAll('\u2060', '') });
  return [words(first.body), words(second.body)];
}

describe('a command whose dependency never answers', () => {
  it('says it is still running, then that nothing was changed; audited failed, signal aborted', async () => {
    const marker = `deadline-read-${Date.now()}`;
    const [still, final] = await answers(`hang-read --reason ${marker}`);
    expect(still).toMatchObject({ response_type: 'ephemeral', text: 'Still running…' });
    expect(String(final?.text)).toMatch(/`hang-read` got no answer within 2 s\. Nothing was changed/);
    expect((await h.auditRows(marker)).map((row) => row.outcome)).toEqual(['started', 'failed']);
    expect(aborted).toContain('hang-read');
  });

  it('tells the person a write may have happened and to check first; audited unknown', async () => {
    const marker = `deadline-write-${Date.now()}`;
    const [, final] = await answers(`hang-write --reason ${marker}`);
    expect(String(final?.text)).toMatch(
      /`hang-write` did not finish within 2 s, so it may or may not have happened\. Check the current state/,
    );
    const rows = await h.auditRows(marker);
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'unknown']);
    expect(rows[1]?.error).toMatch(/may or may not have happened/);
  });

  it('puts the plan under the deadline too: a write whose current state never arrives is answered, nothing done', async () => {
    const marker = `deadline-plan-${Date.now()}`;
    const [still, final] = await answers(`hang-plan --reason ${marker}`);
    expect(still).toMatchObject({ response_type: 'ephemeral', text: 'Still running…' });
    expect(String(final?.text)).toMatch(/`hang-plan` got no answer within 2 s\. Nothing was changed/);
    expect((await h.auditRows(marker)).map((row) => row.outcome)).toEqual(['failed']);
    expect(aborted).toContain('hang-plan');
  });
});
