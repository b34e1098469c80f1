// Fakes of our own interfaces (never of modules): an in-memory audit log and a fixed directory.
import { pino } from 'pino';
import type { AuditEvent, AuditLog } from '../../src/audit/audit-log.js';
import type { Directory } from '../../src/pipeline/authorize.js';
import type { StationDatabase } from '../../src/integrations/station-db/station-database.js';

export function memoryAuditLog(options: { failOn?: AuditEvent['outcome'] } = {}): AuditLog & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    async append(event) {
      if (event.outcome === options.failOn) throw new Error('audit database unavailable');
      events.push(event);
    },
    async query() {
      return [];
    },
  };
}

export const groups = (members: Record<string, string[]>): Directory => ({
  async groupMembers(groupId) {
    const found = members[groupId];
    if (!found) throw new Error(`no such group ${groupId}`);
    return found;
  },
});

/** A station database that must not be touched by the test using it. */
export const untouchedStationDb = new Proxy({} as StationDatabase, {
  get: (_target, property) => () => Promise.reject(new Error(`stationDb.${String(property)} was not expected`)),
});

export const silentLog = pino({ level: 'silent' });
