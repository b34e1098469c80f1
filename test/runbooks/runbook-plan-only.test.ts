// Issue 17: a runbook in a process that can only plan its AWS steps (no AWS credentials, as the demo shell):
// each step plans as its command plans alone, a run's AWS steps run as dry runs (nothing called), and the
// answers say so and what happened, never "done" for a run that was only started.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/approvals/approval-card.js';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-runbook-plan-only');
afterAll(() => db.close());

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NO_CREDENTIALS = 'no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live).';
const s3Client = new S3Client({ region: 'us-east-1' });
const s3Mock = mockClient(s3Client);
beforeEach(() => s3Mock.reset());

/** The demo's modules: S3 there but AWS plan-only; no channel writer, no Liquidsoap, no CloudFront. */
const planOnly = () =>
  runbookSetup(db, {
    builtIn: BUILTIN_RUNBOOKS,
    integrations: {
      aws: { mode: 'dry-run', reason: NO_CREDENTIALS },
      s3: createS3Operations(s3Client, new CloudWatchClient({ region: 'us-east-1' }), RadioConfig.parse({})),
    },
  });

describe('runbook new-channel --dry-run where AWS can only be planned', () => {
  it("shows each step's plan as the step's command plans alone, the manual step's snippet, and the banner", async () => {
    const setup = planOnly();
    const outcome = await setup.send('runbook new-channel electro --name Electro --dry-run', 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    const shown = renderTerminal(outcome.reply);
    expect(shown).not.toContain('It can only be planned here');
    expect(shown).not.toContain('No call would be made: nothing to change.');
    expect(shown).toMatch(/S3 PutObject\n\s+\{\n\s+"Bucket": "[^"]+",\n\s+"Key": "audio\/electro\/"/);
    expect(shown).toContain('"Key": "hls/electro/"');
    expect(shown).toContain(`Dry run only: ${NO_CREDENTIALS}`);
    expect(shown).toContain('        <mount-name>/electro</mount-name>');
    expect(shown).toContain('        <stream-name>Electro</stream-name>');
    // Steps whose module is not set up still say what to configure.
    expect(shown).toContain('Step 3 is planned when it is reached: Adding channels is not set up');
    expect(shown).toContain('Step 4 is planned when it is reached: The station');
    expect(outcome.reply.summary).not.toMatch(/0 call/);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('runbook new-channel where AWS can only be planned', () => {
  it('runs its AWS steps as dry runs (nothing sent), stops where a module is not set up, and says so', async () => {
    const setup = planOnly();
    const outcome = await setup.send('runbook new-channel electro --name Electro', 'U0ALICE');
    if (outcome.status !== 'succeeded') throw new Error(`expected succeeded, got ${outcome.status}`);
    const run = outcome.result as RunRow;
    expect(renderTerminal(outcome.reply)).toContain(`Dry run only: ${NO_CREDENTIALS}`);
    await waitFor('the run to stop', async () => (await setup.store.get(run.id))?.status === 'stopped');
    const steps = await setup.store.steps(run.id);
    expect(steps.slice(0, 3).map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(steps[0]!.result).toMatch(/^Dry run of s3 prefix create: .*nothing was changed/);
    expect(steps[2]!.error).toMatch(/RADIO_DATABASE_WRITE_URL/);
    expect(steps.map((step) => step.error ?? '').join()).not.toContain('It can only be planned here');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    // Each dry-run step is audited as one, a child of the run.
    const rows = (await setup.chain(run.request_id)).filter((row) => row.command === 's3 prefix create');
    expect(rows.map((row) => [row.outcome, (row.args as { dryRun?: boolean }).dryRun])).toEqual([
      ['started', true],
      ['succeeded', true],
      ['started', true],
      ['succeeded', true],
    ]);
    const card = renderTerminal((await setup.send(`runbook status ${run.id}`, 'U0ALICE')).reply);
    expect(card).toContain(`Dry run only: ${NO_CREDENTIALS}`);
  });
});

describe('an approved runbook whose destructive step can only be planned', () => {
  it('runs that step as a dry run, and the approval says it started the run, not that it is done', async () => {
    const setup = runbookSetup(db, { wipeDryRunOnly: NO_CREDENTIALS });
    const asked = await setup.send('runbook wipe-all rap', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    // The card's title says part of it only plans, and why right under it: an approver must not read it as real.
    const pending = renderTerminal(approvalCard((await createApprovalStore(db).get(asked.approvalId))!, new Date()));
    expect(pending).toMatch(
      new RegExp(
        `^Approval needed \\(partly dry run only\\): runbook wipe-all\\n=+\\n\\n! Dry run only: ${escape(NO_CREDENTIALS)}`,
      ),
    );
    const approved = await setup.send(`approve ${asked.approvalId}`, 'U0BOB');
    expect(approved.status).toBe('succeeded');
    const run = (await setup.store.byRequest(asked.requestId))!;
    const said = renderTerminal(approved.reply);
    expect(said).not.toContain('approved and done');
    expect(said).toContain(`started run ${run.id}`);
    const record = (await createApprovalStore(db).get(asked.approvalId))!;
    const card = renderTerminal(approvalCard(record, new Date()));
    expect(card).not.toContain('Approved and done');
    expect(card).toContain(`Approved: started run ${run.id}`);
    await waitFor('the run to end', async () => (await setup.store.get(run.id))?.status === 'succeeded');
    expect(setup.wipe.state.executions).toEqual([]);
    expect(setup.state.touched).toEqual(['before-rap']);
    const wipeStep = (await setup.store.steps(run.id))[1]!;
    expect(wipeStep.result).toMatch(/^Dry run of wipe: .*nothing was changed/);
  });
});
