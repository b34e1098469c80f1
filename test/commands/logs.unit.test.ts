import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { awsError, shown } from '../support/aws-command-harness.js';
import { runbookHarness } from '../support/runbook-harness.js';

const inputs = (h: ReturnType<typeof runbookHarness>) =>
  h.mocks.logs.commandCalls(FilterLogEventsCommand).map((call) => call.args[0].input);
const at = (minute: number) => Date.UTC(2026, 11, 2, 14, minute);

describe('logs', () => {
  it('reads a configured group by its last part over the last 15 minutes, oldest first', async () => {
    const h = runbookHarness();
    h.mocks.logs.on(FilterLogEventsCommand).resolves({
      events: [
        { timestamp: at(1), logStreamName: 'ecs/n8n/abc', message: 'Editor is now accessible' },
        { timestamp: at(2), logStreamName: 'ecs/n8n/abc', message: 'Workflow "nightly" failed' },
      ],
    });
    const before = Date.now();
    const outcome = await h.run('logs n8n-main');
    const [input] = inputs(h);
    expect(input).toEqual({
      logGroupName: '/ecs/n8n-main',
      startTime: expect.any(Number),
      endTime: expect.any(Number),
      limit: 1000,
    });
    expect(input!.endTime! - input!.startTime!).toBe(15 * 60_000);
    expect(input!.endTime).toBeGreaterThanOrEqual(before);
    expect(outcome.reply.summary).toBe('/ecs/n8n-main: 2 events in the last 15m');
    expect(shown(outcome.reply)).toMatch(
      /2026-12-02 14:01:00 UTC ecs\/n8n\/abc Editor is now accessible\n\s*2026-12-02 14:02:00 UTC ecs\/n8n\/abc Workflow "nightly" failed/,
    );
  });

  it('follows nextToken (empty pages too) and keeps the newest --limit events; --filter is one quoted term', async () => {
    const h = runbookHarness();
    h.mocks.logs
      .on(FilterLogEventsCommand, { nextToken: undefined })
      .resolves({ events: [1, 2, 3].map((m) => ({ timestamp: at(m), message: `line ${m}` })), nextToken: 't2' })
      .on(FilterLogEventsCommand, { nextToken: 't2' })
      .resolves({ events: [], nextToken: 't3' })
      .on(FilterLogEventsCommand, { nextToken: 't3' })
      .resolves({ events: [4, 5].map((m) => ({ timestamp: at(m), message: `line ${m}` })) });
    const outcome = await h.run('logs /ecs/n8n-worker --since 2h --filter "ERROR 500" --limit 2');
    expect(inputs(h).map((input) => [input.logGroupName, input.filterPattern, input.nextToken])).toEqual([
      ['/ecs/n8n-worker', '"ERROR 500"', undefined],
      ['/ecs/n8n-worker', '"ERROR 500"', 't2'],
      ['/ecs/n8n-worker', '"ERROR 500"', 't3'],
    ]);
    expect(inputs(h)[0]!.endTime! - inputs(h)[0]!.startTime!).toBe(2 * 3_600_000);
    const text = shown(outcome.reply);
    expect(text).toMatch(/line 4\n.*line 5/);
    expect(text).not.toContain('line 3');
    expect(text).toContain('the newest 2 of 5 events');
  });

  it("puts more than 40 events in the answer's thread, keeping the notes in the answer", async () => {
    const h = runbookHarness();
    const minutes = Array.from({ length: 60 }, (_, i) => i);
    h.mocks.logs
      .on(FilterLogEventsCommand)
      .resolves({ events: minutes.map((m) => ({ timestamp: at(m), logStreamName: 's', message: `event ${m}` })) });
    const outcome = await h.run('logs n8n-main --since 2h --limit 50');
    expect(outcome.reply.thread).toEqual({
      noun: 'log events',
      lines: minutes.slice(10).map((m) => `2026-12-02 14:${String(m).padStart(2, '0')}:00 UTC s event ${m}`),
    });
    expect(outcome.reply.parts.filter((part) => part.kind === 'code')).toEqual([]);
    expect(shown(outcome.reply)).toContain('the newest 50 of 60 events');
  });

  it('stops after 10 pages and says the window was not read to its end', async () => {
    const h = runbookHarness();
    h.mocks.logs
      .on(FilterLogEventsCommand)
      .resolves({ events: [{ timestamp: at(1), message: 'x' }], nextToken: 'more' });
    const outcome = await h.run('logs n8n-worker');
    expect(inputs(h)).toHaveLength(10);
    expect(shown(outcome.reply)).toMatch(/more than 10 pages/);
  });

  it('refuses a group that is not configured, a quote in --filter and a --follow past 5m, before calling AWS', async () => {
    const h = runbookHarness();
    const other = await h.run('logs /aws/lambda/billing');
    expect(other).toMatchObject({ code: 'usage' });
    expect(other.reply.summary).toMatch(/not one of the log groups in logs.groups: \/ecs\/n8n-main, \/ecs\/n8n-worker/);
    expect(await h.run('logs n8n-main --filter \'say "hi"\'')).toMatchObject({ code: 'usage' });
    // --follow is bounded: its run's deadline grows with it (src/pipeline/command-deadline.ts).
    expect(await h.run('logs n8n-main --follow 6m')).toMatchObject({ code: 'usage' });
    expect(await h.run('logs n8n-main --follow 1s')).toMatchObject({ code: 'usage' });
    expect(inputs(h)).toEqual([]);
  });

  it('answers AccessDenied and a missing group in words; --dry-run shows the input', async () => {
    const h = runbookHarness();
    h.mocks.logs
      .on(FilterLogEventsCommand)
      .rejectsOnce(awsError('AccessDeniedException'))
      .rejectsOnce(awsError('ResourceNotFoundException', 'The specified log group does not exist.'));
    const denied = await h.run('logs n8n-main');
    expect(denied).toMatchObject({ code: 'iam_denied' });
    expect(denied.reply.summary).toMatch(/refused `logs:FilterLogEvents` on `\/ecs\/n8n-main`/);
    expect((await h.run('logs n8n-main')).reply.summary).toMatch(/Not found: `\/ecs\/n8n-main`/);
    const dry = await runbookHarness({ aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } }).run(
      'logs n8n-main --filter timeout',
    );
    expect(shown(dry.reply)).toMatch(/FilterLogEvents[\s\S]*"filterPattern": "\\"timeout\\""/);
  });
});
