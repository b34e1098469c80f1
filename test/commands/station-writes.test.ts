// The station's write commands against the real test station (Icecast 2.4.4, Liquidsoap 2.1.3): `skip`, `meta`,
// `push`, and `output start|stop` on a Liquidsoap without them. Cooldowns on this worker's real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/station/cooldowns.js';
import { mountOf } from '../../src/station/channel-on-air.js';
import { commandRunner, replyFields, replyText } from '../support/command-runner.js';
import { startTestStation, type TestStation } from '../support/test-station.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-station-writes-test');
let station: TestStation;
let runner: ReturnType<typeof commandRunner>;
beforeAll(async () => {
  station = await startTestStation();
  await db.query(`DELETE FROM cooldowns WHERE key LIKE 'skip:%'`);
  runner = commandRunner({ ...station.integrations, cooldowns: createCooldowns(db) }, station.yaml);
}, 120_000);
afterAll(async () => {
  await station?.stop();
  await db.close();
}, 30_000);

/** The title Icecast shows for `mount` now. */
const titleOf = async (mount: string) => mountOf(await station.integrations.icecast.stats(), { mount })?.title;

describe('skip', () => {
  it('plans the exact line and the cooldown, changing nothing', async () => {
    const before = await titleOf('/rap.mp3');
    const planned = await runner.run('skip rap --dry-run');
    expect(planned.status).toBe('succeeded');
    const text = replyText(planned.reply);
    expect(text).toContain('rap.skip');
    expect(text).toContain('30s');
    expect(await titleOf('/rap.mp3')).toBe(before);
  }, 30_000);

  it('skips the track, says what plays now, and refuses a second skip within the cooldown', async () => {
    const before = await titleOf('/rap.mp3');
    const skipped = await runner.run('skip rap');
    if (skipped.status !== 'succeeded') throw new Error(replyText(skipped.reply));
    const after = await titleOf('/rap.mp3');
    expect(after).not.toBe(before);
    expect(skipped.reply.summary).toBe(`Skipped rap: now playing ${after}`);

    const again = await runner.run('skip rap');
    expect(again).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(replyText(again.reply)).toMatch(/may run again at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(await titleOf('/rap.mp3')).toBe(after); // refused: nothing was sent
    expect(runner.audit.events.at(-1)).toMatchObject({ command: 'skip', outcome: 'invalid' });
  }, 30_000);

  it('keeps cooldowns per channel: jazz may skip while rap cools down', async () => {
    const skipped = await runner.run('skip jazz');
    expect(skipped.status).toBe('succeeded');
    expect(replyFields(skipped.reply)).toHaveProperty('Line sent', 'jazz.skip');
    expect(skipped.reply.summary).toMatch(/^Skipped jazz: now playing radio-ops test - jazz tone \d+$/);
  }, 30_000);

  it('refuses without the cooldowns (no bot database) rather than skip without one', async () => {
    const before = await titleOf('/jazz.ogg');
    const refused = await commandRunner(station.integrations, station.yaml).run('skip jazz');
    expect(refused).toMatchObject({ status: 'refused', code: 'not_configured' });
    expect(replyText(refused.reply)).toContain("needs the bot's database for its cooldown");
    expect(await titleOf('/jazz.ogg')).toBe(before);
  }, 30_000);
});
