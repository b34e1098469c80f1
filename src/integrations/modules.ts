// The integration registry: one line per module, in the order their IAM statements appear in the policy.
import { alarmsModule } from './alarms/alarms-module.js';
import { cdnModule } from './cdn/cdn-module.js';
import { channelWriterModule } from './channel-writer/channel-writer-module.js';
import { costModule } from './cost/cost-module.js';
import { elasticacheModule } from './elasticache/elasticache-module.js';
import { logsModule } from './logs/logs-module.js';
import { channelsModule } from './channels/channels-module.js';
import { ecsModule } from './ecs/ecs-module.js';
import { hlsModule } from './hls/hls-module.js';
import { hostModule } from './host/host-module.js';
import { icecastModule } from './icecast/icecast-module.js';
import type { IntegrationModule } from './integration-module.js';
import { liquidsoapModule } from './liquidsoap/liquidsoap-module.js';
import { rdsModule } from './rds/rds-module.js';
import { redisModule } from './redis/redis-module.js';
import { s3Module } from './s3/s3-module.js';
import { stationDbModule } from './station-db/station-db-module.js';
import { terminatorModule } from './terminator/terminator-module.js';

const MODULE_LIST = [
  ecsModule,
  cdnModule,
  alarmsModule,
  rdsModule,
  s3Module,
  redisModule,
  stationDbModule,
  terminatorModule,
  channelWriterModule,
  icecastModule,
  liquidsoapModule,
  channelsModule,
  hlsModule,
  logsModule,
  elasticacheModule,
  costModule,
  hostModule,
] as const;

type ClientOf<M> = M extends IntegrationModule<string, infer Client> ? Client : never;

/** What each module hands commands that need it, by id: `{ ecs: EcsOperations, … }`. */
export type IntegrationClients = { [M in (typeof MODULE_LIST)[number] as M['id']]: ClientOf<M> };

/** A module id, as commands list them in `needs`. */
export type ModuleId = keyof IntegrationClients;

/** Every integration module by id (insertion order: the IAM policy's statement order). */
export const MODULES: ReadonlyMap<ModuleId, IntegrationModule<ModuleId, unknown>> = new Map(
  MODULE_LIST.map((module) => [module.id, module]),
);
