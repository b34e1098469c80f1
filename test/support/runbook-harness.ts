// Issue 16's commands wired as in production on SDK clients mocked per instance with aws-sdk-client-mock
// (CloudWatch Logs, ElastiCache, Cost Explorer, S3, CloudWatch, RDS): tests set AWS's answers and read back
// the exact inputs. A Redis client (`redis`) may be handed in for `cache status`.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { AwsAccess } from '../../src/integrations/aws/aws-access.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import { createCostCheckOperations } from '../../src/integrations/cost/cost-checks-operations.js';
import { createCostOperations } from '../../src/integrations/cost/cost-operations.js';
import { createRdsOperations } from '../../src/integrations/rds/rds-operations.js';
import { createElastiCacheOperations } from '../../src/integrations/elasticache/elasticache-operations.js';
import { createLogsOperations } from '../../src/integrations/logs/logs-operations.js';
import type { Logger } from 'pino';
import type { AnyCommand } from '../../src/pipeline/command.js';
import { createDispatcher, type DispatchRequest } from '../../src/pipeline/dispatcher.js';
import { Registry } from '../../src/pipeline/registry.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from './fakes.js';

export interface RunbookHarnessOptions {
  /** Default: live. */
  aws?: AwsAccess;
  /** YAML sections to use instead of the defaults. */
  radio?: Record<string, unknown>;
  /** More integrations (a Redis client), or replacements. */
  integrations?: Partial<Integrations>;
  /** Commands replacing the registry's ones of the same name (`logs` on a manual clock). */
  commands?: AnyCommand[];
  /** The dispatcher's log (default silent). */
  log?: Logger;
}

export function runbookHarness(options: RunbookHarnessOptions = {}) {
  const config = RadioConfig.parse({
    roles: { viewer: ['*'], operator: ['U0ALICE'], approver: ['U0BOB'] },
    ...options.radio,
  });
  const clients = {
    logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
    elasticache: new ElastiCacheClient({ region: 'us-east-1' }),
    ce: new CostExplorerClient({ region: 'us-east-1' }),
    s3: new S3Client({ region: 'us-east-1' }),
    rds: new RDSClient({ region: 'us-east-1' }),
  };
  const mocks = {
    logs: mockClient(clients.logs),
    cloudwatch: mockClient(clients.cloudwatch),
    elasticache: mockClient(clients.elasticache),
    ce: mockClient(clients.ce),
    s3: mockClient(clients.s3),
    rds: mockClient(clients.rds),
  };
  const audit = memoryAuditLog();
  const dispatch = createDispatcher({
    registry: registryWith(options.commands ?? []),
    config,
    directory: groups({}),
    log: options.log ?? silentLog,
    integrations: {
      stationDb: untouchedStationDb,
      audit,
      aws: options.aws ?? { mode: 'live' },
      logs: createLogsOperations(clients.logs),
      elasticache: createElastiCacheOperations(clients.elasticache, config.elasticache),
      cost: {
        ...createCostOperations(clients.ce),
        ...createCostCheckOperations(clients, config.s3.bucket),
      },
      rds: createRdsOperations(clients.rds, config),
      ...options.integrations,
    },
  });
  /** Runs a command line as `userId` (default U0ALICE, an operator) from the shell; `request` adds onProgress, interrupt. */
  const run = (text: string, userId = 'U0ALICE', request: Partial<DispatchRequest> = {}) =>
    dispatch({ source: 'shell', userId, text, ...request });
  return { config, mocks, audit, run };
}

function registryWith(replacements: AnyCommand[]): Registry {
  if (replacements.length === 0) return buildRegistry();
  const replaced = new Set(replacements.map((command) => command.name));
  return new Registry([...buildRegistry().commands.filter((command) => !replaced.has(command.name)), ...replacements]);
}
