// One pipeline, two front doors: the same line typed in the shell and sent from Slack produces the
// same result data, and both renderers draw the same table cells from it.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { StationDatabase } from '../../src/integrations/station-db/station-database.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';
import { replyTable } from '../support/station-harness.js';

// Only what these lines read; any other method rejects (the interface grows with new commands).
const answers: Partial<StationDatabase> = {
  connections: async () => ({
    byState: [
      { state: 'active', count: 3 },
      { state: 'idle', count: 9 },
    ],
    total: 12,
    maxConnections: 100,
  }),
  size: async () => ({
    database: 'radio',
    bytes: '52428800',
    pretty: '50 MB',
    largestTables: [
      { table: 'public.plays', bytes: '41943040', pretty: '40 MB' },
      { table: 'public."Tracks"', bytes: '8192', pretty: '8192 bytes' },
    ],
  }),
};
const station = new Proxy(answers, {
  get: (target, property) =>
    target[property as keyof StationDatabase] ?? untouchedStationDb[property as keyof StationDatabase],
}) as StationDatabase;

const config = RadioConfig.parse({
  slack: { teamId: 'T0EXAMPLE', channels: ['C0EXAMPLE01'] },
  roles: { viewer: ['U0ALICE'] },
});

describe('shell and Slack share one pipeline', () => {
  for (const line of ['db size', 'db connections']) {
    it(`gives the same result for "${line}" and both renderers show the same cells`, async () => {
      const audit = memoryAuditLog();
      const dispatch = createDispatcher({
        registry: buildRegistry(),
        config,
        directory: groups({}),
        log: silentLog,
        integrations: { stationDb: station, audit },
      });
      const fromShell = await dispatch({ source: 'shell', userId: 'U0ALICE', userName: 'alice', text: line });
      const fromSlack = await dispatch({
        source: 'slack',
        userId: 'U0ALICE',
        teamId: 'T0EXAMPLE',
        channelId: 'C0EXAMPLE01',
        text: `/radio ${line}`,
      });

      expect(fromShell.status).toBe('succeeded');
      expect(fromSlack.status).toBe('succeeded');
      if (fromShell.status !== 'succeeded' || fromSlack.status !== 'succeeded') return;
      expect(fromShell.result).toEqual(fromSlack.result);
      expect(fromShell.reply).toEqual(fromSlack.reply);
      expect(audit.events.map((e) => [e.source, e.command, e.outcome])).toEqual([
        ['shell', fromShell.command, 'started'],
        ['shell', fromShell.command, 'succeeded'],
        ['slack', fromSlack.command, 'started'],
        ['slack', fromSlack.command, 'succeeded'],
      ]);

      const terminal = renderTerminal(fromShell.reply);
      const blocks = JSON.stringify(renderBlockKit(fromSlack.reply).blocks);
      const { columns, rows } = replyTable(fromShell.reply);
      for (const cell of [...columns, ...rows.flat()]) {
        expect(terminal).toContain(cell);
        expect(blocks).toContain(JSON.stringify(cell).slice(1, -1));
      }
    });
  }
});
