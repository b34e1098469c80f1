import { DescribeCacheClustersCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { commandTargets } from '../../../src/alarms/command-targets.js';
import { cacheResizeCommand } from '../../../src/commands/cache-resize.js';
import { logsCommand } from '../../../src/commands/logs.js';
import { RadioConfig } from '../../../src/config/radio-config.js';
import { elasticacheModule } from '../../../src/integrations/elasticache/elasticache-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const mock = mockClient(ElastiCacheClient);
afterEach(() => mock.reset());

describe('the elasticache module', () => {
  it('builds its client on the first call, in the configured region', async () => {
    const cache = elasticacheModule.create(integrationContext({ yaml: { region: 'eu-west-1' } }).context);
    expect(mock.calls()).toHaveLength(0);
    mock.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [{ CacheClusterStatus: 'available' }] });
    await cache?.describe();
    expect(await (mock.calls()[0]?.thisValue as ElastiCacheClient).config.region()).toBe('eu-west-1');
  });

  it('grants on the configured cluster, or on the replication group and its members', () => {
    const statements = (elasticache: object) =>
      elasticacheModule
        .iamStatements?.(RadioConfig.parse({ region: 'eu-west-1', elasticache }), iamScope())
        .map((s) => [s.Sid, s.Action.join(' '), s.Resource.join(' ')]);
    expect(statements({})).toEqual([
      [
        'ElastiCacheClusterRead',
        'elasticache:DescribeCacheClusters',
        'arn:aws:elasticache:eu-west-1:123456789012:cluster:radio-cache',
      ],
      [
        'ElastiCacheClusterResize',
        'elasticache:ModifyCacheCluster',
        'arn:aws:elasticache:eu-west-1:123456789012:cluster:radio-cache',
      ],
      [
        'ElastiCacheReplicationGroup',
        'elasticache:DescribeReplicationGroups elasticache:ModifyReplicationGroup',
        'arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:radio-cache',
      ],
    ]);
    expect(statements({ replicationGroupId: 'rg1' })?.map((s) => s[2])).toEqual([
      'arn:aws:elasticache:eu-west-1:123456789012:cluster:rg1-*',
      'arn:aws:elasticache:eu-west-1:123456789012:cluster:radio-cache',
      'arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:rg1',
    ]);
  });

  it('without it, the cache commands answer its not-configured text; alarm targets name the cluster and log group', async () => {
    for (const line of ['cache status', 'cache resize cache.t4g.medium']) {
      expect(await commandRunner({}).run(line)).toMatchObject({
        code: 'not_configured',
        reply: { summary: elasticacheModule.notConfigured },
      });
    }
    const radio = RadioConfig.parse({});
    expect(commandTargets(cacheResizeCommand, {}, radio)).toEqual([
      { dimension: 'CacheClusterId', values: ['radio-cache'], setting: 'elasticache.cacheClusterId' },
    ]);
    expect(commandTargets(logsCommand, { group: 'n8n-main' }, radio)).toEqual([
      { dimension: 'LogGroupName', values: ['/ecs/n8n-main'], setting: 'logs.groups' },
    ]);
  });
});
