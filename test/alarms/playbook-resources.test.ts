// Issue 13, fault 17a: a playbook button acts on the configured resource, so it is offered only on a card
// whose alarm is about that resource (or names none of its kind); otherwise the card says why it is missing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alarmCardsFixture, wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { alarmMessageFixture, snsFixture } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase();
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
  await db.close();
});
beforeEach(() => wipeAlarmTables(db));

/** The S3 fixture's alarm, about `bucket` (the fixture's is the configured `radio-audio-bucket`). */
const s3Alarm = (bucket: string) => alarmMessageFixture('s3-bucket-size').replaceAll('radio-audio-bucket', bucket);
/** The RDS CPU fixture's alarm, about DB instance `instance` (the fixture's is the configured `radio-db`). */
const rdsAlarm = (instance: string) =>
  (snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '').replaceAll('radio-db', instance);

async function cardOf(message: string) {
  const f = alarmCardsFixture(db, slack);
  expect((await f.deliver(message)).status).toBe(200);
  await f.cards.worker.drain();
  const [card] = f.cardCalls();
  const labels = (card?.blocks.find((block) => block.type === 'actions')?.elements ?? []).map(
    (button) => (button as { text?: { text: string } }).text?.text,
  );
  return { labels, text: JSON.stringify(card?.blocks) };
}

describe('playbook buttons on the alarm’s own resource', () => {
  it('fault 17: an S3 alarm about another bucket gets no buttons that act on the configured bucket, and says why', async () => {
    const card = await cardOf(s3Alarm('radio-logs-bucket'));
    expect(card.labels).toEqual([]);
    expect(card.text).toContain(
      // The label's ">" as Block Kit escapes it.
      'Not offered: “Size of temp/”, “Clean up temp/ &gt; 90 d”: they act on BucketName radio-audio-bucket (s3.bucket), and this alarm is about BucketName radio-logs-bucket.',
    );
    const { rows } = await db.query('SELECT command_line FROM alarm_buttons');
    expect(rows).toEqual([]);
  });

  it('fault 17: an S3 alarm about the configured bucket gets its buttons', async () => {
    const card = await cardOf(s3Alarm('radio-audio-bucket'));
    expect(card.labels).toEqual(['Size of temp/', 'Clean up temp/ > 90 d']);
    expect(card.text).not.toContain('Not offered');
  });

  it('fault 17: an RDS alarm about another DB instance gets no db buttons (they inspect rds.instance)', async () => {
    const card = await cardOf(rdsAlarm('radio-replica'));
    expect(card.labels).toEqual([]);
    expect(card.text).toContain(
      'they act on DBInstanceIdentifier radio-db (rds.instance), and this alarm is about DBInstanceIdentifier radio-replica.',
    );
  });
});
