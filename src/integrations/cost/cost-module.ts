import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { abortableClient } from '../aws/abortable-client.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { CostCheckOperations } from './cost-checks-operations.js';
import type { CostOperations } from './cost-operations.js';

export type CostModuleOperations = CostOperations & CostCheckOperations;

async function loadCost(radio: RadioConfig) {
  const [ce, s3, cloudwatch, rds, operations, checks] = await Promise.all([
    import('@aws-sdk/client-cost-explorer'),
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-cloudwatch'),
    import('@aws-sdk/client-rds'),
    import('./cost-operations.js'),
    import('./cost-checks-operations.js'),
  ]);
  // Cost Explorer is one global endpoint in us-east-1; S3's storage metrics are in the bucket's region.
  const clients = {
    ce: new ce.CostExplorerClient(awsClientOptions('us-east-1')),
    s3: new s3.S3Client(awsClientOptions(radio.region)),
    cloudwatch: new cloudwatch.CloudWatchClient(awsClientOptions(radio.region)),
    rds: new rds.RDSClient(awsClientOptions(radio.region)),
  };
  // One cache for the process, not per run: an hour of answers survives between commands.
  const cache = operations.answerCache();
  return (signal: AbortSignal | undefined): CostModuleOperations => ({
    ...operations.createCostOperations(abortableClient(clients.ce, signal), cache),
    ...checks.createCostCheckOperations(
      {
        s3: abortableClient(clients.s3, signal),
        cloudwatch: abortableClient(clients.cloudwatch, signal),
        rds: abortableClient(clients.rds, signal),
      },
      radio.s3.bucket,
    ),
  });
}

/**
 * The monthly cost (Cost Explorer, us-east-1; answers kept an hour in this process) and the runbook's
 * optimization checks on `s3.bucket` and RDS reservations (`cost`, `cost checks`).
 * API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Operations_AWS_Cost_Explorer_Service.html
 */
export const costModule = defineIntegration({
  id: 'cost',
  notConfigured: "The station's Cost Explorer access is not set up in this process.",
  create({ radio }): CostModuleOperations {
    const operations = once(() => loadCost(radio));
    const view = (signal?: AbortSignal): CostModuleOperations =>
      deferred(
        once(async () => (await operations())(signal)),
        ['monthly', 'forecast', 'lifecycle', 'intelligentTiering', 'storageByClass', 'reservedDbInstances'],
      );
    return withRunView(view(), view);
  },
  iamStatements: (radio, { arn, partition }) => [
    // cost: Cost Explorer authorizes these on no resource
    {
      Sid: 'CostExplorerRead',
      Effect: 'Allow',
      Action: ['ce:GetCostAndUsage', 'ce:GetCostForecast'],
      Resource: ['*'],
    },
    // cost checks: the bucket's lifecycle and Intelligent-Tiering configurations
    {
      Sid: 'S3BucketCostConfigurationRead',
      Effect: 'Allow',
      Action: ['s3:GetLifecycleConfiguration', 's3:GetIntelligentTieringConfiguration'],
      Resource: [`arn:${partition}:s3:::${radio.s3.bucket}`],
    },
    // cost checks: BucketSizeBytes per storage type (the statement s3 size and cdn hit-rate share)
    { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
    // cost checks: RDS reservations of the account
    {
      Sid: 'RdsReservationsRead',
      Effect: 'Allow',
      Action: ['rds:DescribeReservedDBInstances'],
      Resource: [arn('rds', 'ri:*')],
    },
  ],
  sdkPackages: {
    'client-cost-explorer': 'ce',
    'client-s3': 's3',
    'client-cloudwatch': 'cloudwatch',
    'client-rds': 'rds',
  },
});
