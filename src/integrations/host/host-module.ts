import { systemClock } from '../../alarms/clock.js';
import type { RadioConfig } from '../../config/radio-config.js';
import { abortableClient } from '../aws/abortable-client.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import { hostIamStatements } from './host-iam.js';
import { findHostInput } from './host-inputs.js';
import type { HostOperations } from './host-operations.js';

/** Imports the SDKs and builds the three clients; the factory runs it on first use. */
async function loadHost(radio: RadioConfig) {
  const [{ EC2Client }, { SSMClient }, { CloudWatchClient }, { createHostOperations }] = await Promise.all([
    import('@aws-sdk/client-ec2'),
    import('@aws-sdk/client-ssm'),
    import('@aws-sdk/client-cloudwatch'),
    import('./host-operations.js'),
  ]);
  const options = awsClientOptions(radio.region);
  const clients = {
    ec2: new EC2Client(options),
    ssm: new SSMClient(options),
    cloudwatch: new CloudWatchClient(options),
  };
  /** The operations, every call (and every wait between Run Command looks) carrying `signal` when given. */
  return (signal: AbortSignal | undefined): HostOperations =>
    createHostOperations(
      {
        ec2: abortableClient(clients.ec2, signal),
        ssm: abortableClient(clients.ssm, signal),
        cloudwatch: abortableClient(clients.cloudwatch, signal),
      },
      radio,
      { clock: systemClock, signal },
    );
}

/**
 * The EC2 host of Liquidsoap and Icecast (`host status`, `host logs`, `host restart`, `host resize` and its
 * `host-resize` watcher, `dr rebuild-host` and its `host-rebuild` watcher), found by `host.tag`, reached
 * through Systems Manager Run Command (never SSH). APIs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/,
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/
 */
export const hostModule = defineIntegration({
  id: 'host',
  notConfigured: "The station host's AWS access (EC2 and Systems Manager) is not set up in this process.",
  create({ radio }): HostOperations {
    const operations = once(() => loadHost(radio));
    const view = (signal?: AbortSignal): HostOperations => ({
      host: radio.host,
      region: radio.region,
      findHostInput: () => findHostInput(radio.host),
      ...deferred(
        once(async () => (await operations())(signal)),
        [
          'findHost',
          'statusChecks',
          'cpu',
          'ssmAgent',
          'runShell',
          'describeInstance',
          'createSnapshots',
          'stop',
          'modifyType',
          'start',
          'newestBackupImage',
          'image',
          'launchedWith',
          'launch',
          'elasticIpHolder',
          'associateAddress',
          'tagInstance',
        ],
      ),
    });
    return withRunView(view(), view);
  },
  iamStatements: hostIamStatements,
  sdkPackages: { 'client-ec2': 'ec2', 'client-ssm': 'ssm' },
});
