// A composition root in miniature for one integration module: the context its factory receives, with
// the defaults of an empty YAML, and the cleanups it registered.
import { RadioConfig } from '../../src/config/radio-config.js';
import type { SqlDatabase } from '../../src/db/sql-client.js';
import type { IntegrationContext } from '../../src/integrations/integration-module.js';
import { silentLog } from './fakes.js';

/** A database that must not be queried by the test using it. */
export const unopenedDatabase: SqlDatabase = {
  query: () => Promise.reject(new Error('the database was not expected to be queried')),
  readOnly: () => Promise.reject(new Error('the database was not expected to be queried')),
  close: () => Promise.resolve(),
};

/** A station database that records the statements it is sent and answers that there is no radio_channels. */
export function countingDatabase() {
  const sent: string[] = [];
  const query = <Row extends object>(text: string): Promise<{ rows: Row[] }> => {
    sent.push(text);
    return Promise.resolve({ rows: [{ present: false, columns: [] } as unknown as Row] });
  };
  const db: SqlDatabase = { query, readOnly: (work) => work({ query }), close: () => Promise.resolve() };
  return { db, sent };
}

export function integrationContext(overrides: Partial<IntegrationContext> & { yaml?: Record<string, unknown> } = {}) {
  const cleanups: (() => void | Promise<void>)[] = [];
  const { yaml, ...rest } = overrides;
  const context: IntegrationContext = {
    radio: RadioConfig.parse(yaml ?? {}),
    settings: { aws: { mode: 'live' } },
    log: silentLog,
    stationDb: unopenedDatabase,
    onClose: (cleanup) => cleanups.push(cleanup),
    ...rest,
  };
  return { context, close: async () => void (await Promise.all(cleanups.map((cleanup) => cleanup()))) };
}

/** The scope `buildIamPolicy` hands modules, for account 123456789012 in `region`. */
export const iamScope = (region = 'eu-west-1') => ({
  region,
  partition: 'aws',
  account: '123456789012',
  arn: (service: string, resource: string, at = region) => `arn:aws:${service}:${at}:123456789012:${resource}`,
});
