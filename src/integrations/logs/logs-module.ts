import { awsClientOptions } from '../aws/aws-client-options.js';
import { abortableClient } from '../aws/abortable-client.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { LogsOperations } from './logs-operations.js';

async function loadLogs(region: string) {
  const [{ CloudWatchLogsClient }, { createLogsOperations }] = await Promise.all([
    import('@aws-sdk/client-cloudwatch-logs'),
    import('./logs-operations.js'),
  ]);
  const client = new CloudWatchLogsClient(awsClientOptions(region));
  return (signal: AbortSignal | undefined) => createLogsOperations(abortableClient(client, signal));
}

/**
 * CloudWatch Logs groups allow-listed in `logs.groups` (`logs <group>`).
 * API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/
 */
export const logsModule = defineIntegration({
  id: 'logs',
  notConfigured: "The station's CloudWatch Logs access is not set up in this process.",
  create({ radio }): LogsOperations {
    const operations = once(() => loadLogs(radio.region));
    const view = (signal?: AbortSignal): LogsOperations =>
      deferred(
        once(async () => (await operations())(signal)),
        ['filter'],
      );
    return withRunView(view(), view);
  },
  iamStatements: (radio, { arn }) => [
    // logs <group>: the configured groups only. The group's ARN is written both ways AWS writes it
    // (DescribeLogGroups answers `log-group:<name>:*`; the service authorization reference, `log-group:<name>`).
    {
      Sid: 'LogsConfiguredGroupsRead',
      Effect: 'Allow',
      Action: ['logs:FilterLogEvents'],
      Resource: radio.logs.groups.flatMap((group) => [
        arn('logs', `log-group:${group}`),
        arn('logs', `log-group:${group}:*`),
      ]),
    },
  ],
  sdkPackages: { 'client-cloudwatch-logs': 'logs' },
});
