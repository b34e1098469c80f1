// Issue 13: text a person typed in Slack, sent as Slack sends it (signed, form-encoded) to the real server.
// Fault 19d: what it repeats back (unknown command, did-you-mean, usage errors) carries no raw control
// characters, and shows them visibly (`\u001b`), since `radio-ops send`, Slack's notifications and logs
// read that text too. Fault 20: a line with a NUL is audited (the NUL as `\u0000`), run or refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = '\u001b[2J\u0007\u0008\u007f\u009b6n\u0085';
const VISIBLE = '\\u001b[2J\\u0007\\u0008\\u007f\\u009b6n\\u0085';

/** Every string in a Slack message body (its `text` and all block texts), at any depth. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('control characters typed in Slack', () => {
  it.each([
    ['an unknown command, with its did-you-mean', `sacle${HOSTILE} n8n 4`],
    ['a usage error naming the extra word', `db size ${HOSTILE}`],
    ['a usage error naming the bad value', `db kill-idle --older 5m${HOSTILE}`],
  ])('fault 19: %s is answered with them escaped, never raw', async (_what, line) => {
    const { ack, reply } = await h.slash(line);
    expect(ack.status).toBe(200);
    const shown = strings(await reply());
    expect(shown.filter((text) => RAW_CONTROL.test(text))).toEqual([]);
    expect(shown.join('\n')).toContain(VISIBLE);
  });
});

describe('a NUL character typed in Slack', () => {
  it.each([
    ['run', 'U0ALICE', ['started', 'succeeded']],
    ['refused', 'U0MALLORY', ['denied']],
  ])('fault 20: a command %s is audited with the NUL shown as \\u0000', async (_what, user, outcomes) => {
    const marker = `probe-${randomUUID()}`;
    const { ack, reply } = await h.slash(`db size --reason "${marker}\u0000;"`, { user_id: user });
    expect(ack.status).toBe(200);
    await reply();
    const rows = await h.auditRows(`${marker}\\u0000;`);
    expect(rows.map((row) => [row.user_id, row.command, row.source, row.outcome])).toEqual(
      outcomes.map((outcome) => [user, 'db size', 'slack', outcome]),
    );
  });
});
