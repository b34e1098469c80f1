import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import type { AlarmOperations } from './alarm-operations.js';

async function loadAlarms(region: string): Promise<AlarmOperations> {
  const [{ CloudWatchClient }, { createAlarmOperations }] = await Promise.all([
    import('@aws-sdk/client-cloudwatch'),
    import('./alarm-operations.js'),
  ]);
  return createAlarmOperations(new CloudWatchClient(awsClientOptions(region)));
}

/**
 * CloudWatch metric and composite alarms in the configured region (`alarms`, and the server's alarm
 * reconcile). API: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
 */
export const alarmsModule = defineIntegration({
  id: 'alarms',
  notConfigured: 'CloudWatch alarm access is not set up in this process.',
  create: ({ radio }): AlarmOperations =>
    deferred(
      once(() => loadAlarms(radio.region)),
      ['listAlarms'],
    ),
  iamStatements: (_radio, { arn }) => [
    // alarms
    {
      Sid: 'CloudWatchAlarmsRead',
      Effect: 'Allow',
      Action: ['cloudwatch:DescribeAlarms'],
      Resource: [arn('cloudwatch', 'alarm:*')],
    },
  ],
  sdkPackages: { 'client-cloudwatch': 'cloudwatch' },
});
