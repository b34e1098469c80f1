import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ecsModule } from '../../../src/integrations/ecs/ecs-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { ecsService } from '../../support/ecs-fixtures.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const ecsMock = mockClient(ECSClient);
afterEach(() => ecsMock.reset());
const yaml = { region: 'eu-west-1', ecs: { cluster: 'c1', services: { web: { service: 'web-svc', min: 1, max: 3 } } } };

describe('the ecs module', () => {
  it('answers names and exact inputs from the YAML without building a client', () => {
    const ecs = ecsModule.create(integrationContext({ yaml }).context);
    expect(ecs?.target('web')).toEqual({ alias: 'web', cluster: 'c1', service: 'web-svc', min: 1, max: 3 });
    expect(ecs?.updateServiceInput('web', { desiredCount: 2 })).toEqual({
      cluster: 'c1',
      service: 'web-svc',
      desiredCount: 2,
    });
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('builds its ECS client on the first call, in the configured region, and only once', async () => {
    const ecs = ecsModule.create(integrationContext({ yaml }).context);
    ecsMock.on(DescribeServicesCommand).resolves({ services: [ecsService('web-svc', 2)] });
    ecsMock.on(UpdateServiceCommand).resolves({ service: ecsService('web-svc', 3) });
    await ecs?.describeServices(['web']);
    await ecs?.setDesiredCount('web', 3);
    const [describe, update] = ecsMock.calls();
    expect(describe?.args[0].input).toEqual({ cluster: 'c1', services: ['web-svc'] });
    expect(update?.args[0].input).toEqual({ cluster: 'c1', service: 'web-svc', desiredCount: 3 });
    expect(update?.thisValue).toBe(describe?.thisValue);
    expect(await (describe?.thisValue as ECSClient).config.region()).toBe('eu-west-1');
  });

  it('grants DescribeServices/UpdateService on the configured services only, tasks in the cluster only', () => {
    expect(ecsModule.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope())).toEqual([
      {
        Sid: 'EcsConfiguredServices',
        Effect: 'Allow',
        Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
        Resource: ['arn:aws:ecs:eu-west-1:123456789012:service/c1/web-svc'],
      },
      {
        Sid: 'EcsAutoScalingRead',
        Effect: 'Allow',
        Action: ['application-autoscaling:DescribeScalableTargets'],
        Resource: ['*'],
      },
      {
        Sid: 'EcsListTasksInCluster',
        Effect: 'Allow',
        Action: ['ecs:ListTasks'],
        Resource: ['*'],
        Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/c1' } },
      },
      {
        Sid: 'EcsDescribeTasks',
        Effect: 'Allow',
        Action: ['ecs:DescribeTasks'],
        Resource: ['arn:aws:ecs:eu-west-1:123456789012:task/c1/*'],
      },
      {
        Sid: 'EcsTaskDefinitionsRead',
        Effect: 'Allow',
        Action: ['ecs:ListTaskDefinitions', 'ecs:DescribeTaskDefinition'],
        Resource: ['*'],
      },
    ]);
  });

  it('without it, the commands that need it answer its not-configured text before planning', async () => {
    const runner = commandRunner({});
    for (const line of [
      'ecs status',
      'scale n8n 2',
      'redeploy n8n',
      'ecs tasks',
      'ecs events n8n',
      'ecs rollback n8n',
    ]) {
      expect(await runner.run(line)).toMatchObject({
        status: 'refused',
        code: 'not_configured',
        reply: { summary: ecsModule.notConfigured },
      });
    }
    expect(ecsMock.calls()).toHaveLength(0);
  });
});
