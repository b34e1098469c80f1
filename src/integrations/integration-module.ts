import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlDatabase } from '../db/sql-client.js';
import type { IamScope, IamStatement } from './aws/iam-statement.js';

/**
 * What the composition root hands every module's factory. Nothing here has done I/O: the databases
 * open on their first query, and a factory must not import its SDK or connect before first use.
 */
export interface IntegrationContext {
  /** The station's YAML (or the shell's demo copy of it). */
  radio: RadioConfig;
  /** Settings from the environment a module may need (`REDIS_URL` as `redisUrl`, AWS access, `ICECAST_ADMIN_PASSWORD`, `RADIO_DATABASE_WRITE_URL`). */
  settings: Pick<Config, 'redisUrl' | 'aws' | 'icecastAdminPassword' | 'radioDatabaseWriteUrl'>;
  log: Logger;
  /** The station database the `db` commands inspect (`RADIO_DATABASE_URL`, else the bot's own). */
  stationDb: SqlDatabase;
  /** Registers cleanup (disconnecting a client) run when the runtime closes. */
  onClose(close: () => void | Promise<void>): void;
}

/**
 * One integration: an AWS service, Redis, the station database. Adding one is a folder under
 * `src/integrations/<name>/` exporting one of these, a line in `src/integrations/modules.ts`, a test,
 * and its client package in package.json.
 *
 * `Client` is what commands that declare `needs: ['<id>']` receive, typed and never undefined.
 */
export interface IntegrationModule<Id extends string, Client> {
  id: Id;
  /** What `not_configured` says when a command needs this module and it is not set up in this process. */
  notConfigured: string;
  /**
   * Builds the client, or `undefined` when this process is not set up for it (then commands needing it
   * answer {@link notConfigured}). Cheap and free of I/O: the SDK is imported with `await import(…)` and
   * its client created once, on the first call that needs it.
   */
  create(context: IntegrationContext): Client | undefined;
  /** The IAM statements its calls need, for `radio-ops iam-policy` (statements shared by Sid must be equal). */
  iamStatements?(radio: RadioConfig, scope: IamScope): IamStatement[];
  /** Its AWS SDK client packages (`client-ecs`) and their IAM service prefix (`ecs`), for the IAM drift test. */
  sdkPackages?: Readonly<Record<string, string>>;
}

/** Identity with types: lets a module file infer `Id` and `Client`. */
export function defineIntegration<const Id extends string, Client>(
  module: IntegrationModule<Id, Client>,
): IntegrationModule<Id, Client> {
  return module;
}
