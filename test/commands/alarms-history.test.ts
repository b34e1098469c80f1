import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlarmHistory } from '../../src/alarms/alarm-history.js';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { alarmCardsFixture, alarmMessage, wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase();
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
  await wipeAlarmTables(db);
});
afterAll(async () => {
  await slack.close();
  await db.close();
});

describe('alarms history', () => {
  it('resolves before `alarms` and lists transitions latest first, whatever order they arrived in', async () => {
    const f = alarmCardsFixture(db, slack);
    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'OK', '2025-03-14T22:05:41.093Z'));
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', '2025-03-14T21:15:37.412Z'));
    const registry = buildRegistry();
    expect(registry.resolve(['alarms', 'history', 'x'])?.command.name).toBe('alarms history');
    expect(registry.resolve(['alarms', '--state', 'ALARM'])?.command.name).toBe('alarms');
    const dispatch = createDispatcher({
      registry,
      log: silentLog,
      directory: groups({}),
      config: RadioConfig.parse({ roles: { viewer: ['U0ALICE'] } }),
      integrations: { stationDb: untouchedStationDb, audit: memoryAuditLog(), alarmHistory: createAlarmHistory(db) },
    });
    const outcome = await dispatch({ source: 'shell', userId: 'U0ALICE', text: 'alarms history radio-db-cpu-high' });
    expect(outcome.status).toBe('succeeded');
    const lines = renderTerminal(outcome.reply).split('\n');
    const rows = lines.filter((line) => line.includes('2025-03-14'));
    expect(rows[0]).toMatch(/2025-03-14 22:05:41 +ALARM → OK/);
    expect(rows[1]).toMatch(/2025-03-14 21:15:37 +OK → ALARM/);
    const none = await dispatch({ source: 'shell', userId: 'U0ALICE', text: 'alarms history no-such-alarm' });
    expect(renderTerminal(none.reply)).toContain('No transitions recorded for alarm no-such-alarm');
  });
});
