// The ECS and CloudFront commands wired as in production, on SDK clients whose `send` is mocked
// per instance with aws-sdk-client-mock: tests set AWS's answers and read back the exact inputs sent.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { AwsAccess } from '../../src/integrations/aws/aws-access.js';
import { createCdnOperations } from '../../src/integrations/cdn/cdn-operations.js';
import { createEcsOperations } from '../../src/integrations/ecs/ecs-operations.js';
import type { StationDatabase } from '../../src/integrations/station-db/station-database.js';
import { createChannelDirectory, type ChannelDirectory } from '../../src/station/channel-directory.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { groups, memoryAuditLog, silentLog } from './fakes.js';

export interface AwsHarnessOptions {
  /** Default: live. */
  aws?: AwsAccess;
  /** What `radio_channels` holds; `undefined` (the default): the table does not exist. */
  channels?: string[];
  /** The channel list to use instead of one over `channels` (a directory on a real database). */
  channelDirectory?: ChannelDirectory;
  /** YAML sections to use instead of the defaults (cluster radio-n8n-cluster, n8n -> n8n-worker 1..10, E1234567890ABC). */
  radio?: Record<string, unknown>;
}

/** A station database whose only verb in use is `radioChannels`, with rows of these slugs. */
function channelsOnly(channels: string[] | undefined): StationDatabase {
  return new Proxy({} as StationDatabase, {
    get: (_target, property) =>
      property === 'radioChannels'
        ? () => Promise.resolve(channels?.map((slug) => ({ slug })))
        : () => Promise.reject(new Error(`stationDb.${String(property)} was not expected`)),
  });
}

export function awsCommandHarness(options: AwsHarnessOptions = {}) {
  const config = RadioConfig.parse({
    roles: { viewer: ['*'], operator: ['U0ALICE'], approver: ['U0BOB'] },
    ...options.radio,
  });
  const clients = {
    ecs: new ECSClient({ region: 'us-east-1' }),
    autoscaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }),
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
  };
  const mocks = {
    ecs: mockClient(clients.ecs),
    autoscaling: mockClient(clients.autoscaling),
    cloudfront: mockClient(clients.cloudfront),
    cloudwatch: mockClient(clients.cloudwatch),
  };
  const audit = memoryAuditLog();
  const dispatch = createDispatcher({
    registry: buildRegistry(),
    config,
    directory: groups({}),
    log: silentLog,
    integrations: {
      stationDb: channelsOnly(options.channels),
      channels:
        options.channelDirectory ??
        createChannelDirectory({
          stationDb: channelsOnly(options.channels),
          channels: config.station.channels,
          log: silentLog,
        }),
      audit,
      aws: options.aws ?? { mode: 'live' },
      ecs: createEcsOperations(clients.ecs, clients.autoscaling, config.ecs),
      cdn: createCdnOperations(clients.cloudfront, clients.cloudwatch, config.cloudfront),
    },
  });
  /** Runs a command line as `userId` (default U0ALICE, an operator) from the shell. */
  const run = (text: string, userId = 'U0ALICE') => dispatch({ source: 'shell', userId, text });
  return { config, mocks, audit, run };
}

/** A reply as the terminal shows it: what people read, in one string. */
export const shown = (reply: Reply): string => renderTerminal(reply);

/** An SDK service exception as the SDK throws it: a name, a message and `$metadata`. */
export function awsError(name: string, message = name, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts } });
}
