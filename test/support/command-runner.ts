// The real dispatcher and registry over fakes of our own interfaces plus the integrations a test
// hands in (clients mocked with aws-sdk-client-mock, or on the real local Redis).
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { plainText, type Reply } from '../../src/pipeline/reply.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from './fakes.js';

export const OPERATOR = 'U0OPERATOR';
export const VIEWER = 'U0VIEWER';

/** Dispatches shell lines as `OPERATOR` (or `VIEWER`), with AWS live unless `integrations.aws` says otherwise. */
export function commandRunner(integrations: Partial<Integrations>, radio: Record<string, unknown> = {}) {
  const audit = memoryAuditLog();
  const config = RadioConfig.parse({ roles: { viewer: [VIEWER, OPERATOR], operator: [OPERATOR] }, ...radio });
  const dispatch = createDispatcher({
    registry: buildRegistry(),
    config,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit, aws: { mode: 'live' }, ...integrations },
  });
  return { audit, config, run: (text: string, userId = OPERATOR) => dispatch({ source: 'shell', userId, text }) };
}

/** Everything a reply shows, as one string, for `toContain` checks. */
export function replyText(reply: Reply): string {
  return reply.parts
    .map((part) => {
      switch (part.kind) {
        case 'fields':
          return part.fields.map(([label, value]) => `${label}: ${value}`).join('\n');
        case 'table':
          return [part.columns.join(' | '), ...part.rows.map((row) => row.join(' | '))].join('\n');
        case 'heading':
        case 'code':
          return part.text;
        case 'text':
        case 'note':
          return plainText(part.text);
        default:
          return JSON.stringify(part);
      }
    })
    .join('\n');
}

/** The label -> value map of a reply's first `fields` part. */
export function replyFields(reply: Reply): Record<string, string> {
  const part = reply.parts.find((candidate) => candidate.kind === 'fields');
  if (part?.kind !== 'fields') throw new Error(`no fields in reply "${reply.summary}"`);
  return Object.fromEntries(part.fields);
}
