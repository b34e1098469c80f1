import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

const dispatch = createDispatcher({
  registry: buildRegistry(),
  config: RadioConfig.parse({ roles: { viewer: ['*'] } }),
  directory: groups({}),
  log: silentLog,
  integrations: { stationDb: untouchedStationDb, audit: memoryAuditLog() },
});
const help = (line: string) => dispatch({ source: 'shell', text: line, userId: 'U0LOCAL' });

describe('help', () => {
  it.each(['help db kill-idle', 'help "db kill-idle"', 'HELP DB KILL-IDLE'])(
    'shows one command for %s',
    async (line) => {
      const outcome = await help(line);
      expect(outcome.status).toBe('succeeded');
      expect(JSON.stringify(outcome.reply)).toContain('/radio db kill-idle [--older 10m]');
    },
  );

  it('lists a group', async () => {
    const outcome = await help('help db');
    expect(JSON.stringify(outcome.reply)).toMatch(/db slow-queries.*db terminate|db terminate.*db slow-queries/);
  });

  it('refuses an unknown topic as a usage error with suggestions', async () => {
    const outcome = await help('help db sise');
    expect(outcome).toMatchObject({ status: 'refused', code: 'unknown_command' });
    expect(JSON.stringify(outcome.reply)).toContain('db size');
  });
});
