import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { abortableClient } from '../aws/abortable-client.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { AlarmOperations } from './alarm-operations.js';

async function loadAlarms(region: string) {
  const [{ CloudWatchClient }, { createAlarmOperations }] = await Promise.all([
    import('@aws-sdk/client-cloudwatch'),
    import('./alarm-operations.js'),
  ]);
  const cloudwatch = new CloudWatchClient(awsClientOptions(region));
  /** The operations, every call carrying `signal` when given. */
  return (signal: AbortSignal | undefined): AlarmOperations =>
    createAlarmOperations(abortableClient(cloudwatch, signal));
}

/**
 * CloudWatch metric and composite alarms in the configured region (`alarms`, and the server's alarm
 * reconcile). API: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
 */
export const alarmsModule = defineIntegration({
  id: 'alarms',
  notConfigured: 'CloudWatch alarm access is not set up in this process.',
  create({ radio }): AlarmOperations {
    const operations = once(() => loadAlarms(radio.region));
    // One run's view: the same client, every call carrying the run's signal (aborted at its deadline).
    const view = (signal?: AbortSignal): AlarmOperations =>
      deferred(
        once(async () => (await operations())(signal)),
        ['listAlarms'],
      );
    return withRunView(view(), view);
  },
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
