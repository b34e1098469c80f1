import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { abortableClient } from '../aws/abortable-client.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { RdsOperations } from './rds-operations.js';

async function loadRds(radio: RadioConfig) {
  const [{ RDSClient }, { createRdsOperations }] = await Promise.all([
    import('@aws-sdk/client-rds'),
    import('./rds-operations.js'),
  ]);
  const client = new RDSClient(awsClientOptions(radio.region));
  /** The operations, every call carrying `signal` when given (follow-ups outside a run pass none). */
  return (signal: AbortSignal | undefined) => createRdsOperations(abortableClient(client, signal), radio);
}

/**
 * The station's RDS instance `rds.instance` (`db status`, `db snapshots`, `db resize`, `dr restore-db`)
 * and the restore/resize follow-ups the operation poller watches.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/
 */
export const rdsModule = defineIntegration({
  id: 'rds',
  notConfigured: "The station's RDS access is not set up in this process.",
  create({ radio }): RdsOperations {
    const operations = once(() => loadRds(radio));
    // One run's view: the same client, every call carrying the run's signal (aborted at its deadline).
    const view = (signal?: AbortSignal): RdsOperations =>
      deferred(
        once(async () => (await operations())(signal)),
        ['describeInstance', 'listSnapshots', 'snapshot', 'findInstance', 'restore', 'modify'],
      );
    return withRunView(view(), view);
  },
  iamStatements: (radio, { arn, partition, account }) => [
    // db status; dr restore-db reads the source, checks the new name is free, and follows the new instance
    { Sid: 'RdsInstanceRead', Effect: 'Allow', Action: ['rds:DescribeDBInstances'], Resource: [arn('rds', 'db:*')] },
    // dr restore-db (a new instance of any name, with the source's subnet, parameter and option groups, and tags);
    // db resize of rds.instance and the restore's follow-up (monitoring, Performance Insights) on the new instance
    {
      Sid: 'RdsRestoreAndModify',
      Effect: 'Allow',
      Action: ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:AddTagsToResource', 'rds:ModifyDBInstance'],
      Resource: ['db:*', 'snapshot:*', 'subgrp:*', 'pg:*', 'og:*'].map((resource) => arn('rds', resource)),
    },
    // the restore's follow-up hands the source's Enhanced Monitoring role to RDS
    {
      Sid: 'PassRdsMonitoringRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [`arn:${partition}:iam::${account}:role/*`],
      Condition: { StringEquals: { 'iam:PassedToService': 'monitoring.rds.amazonaws.com' } },
    },
    // db snapshots: filtered by instance; automated snapshots are named rds:<instance>-<date>, manual ones freely
    {
      Sid: 'RdsSnapshotsRead',
      Effect: 'Allow',
      Action: ['rds:DescribeDBSnapshots'],
      Resource: [arn('rds', `db:${radio.rds.instance}`), arn('rds', 'snapshot:*')],
    },
  ],
  sdkPackages: { 'client-rds': 'rds' },
});
