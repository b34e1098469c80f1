import type { RadioConfig } from '../../config/radio-config.js';

/** One `Allow` statement of an identity-based IAM policy. */
export interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  /** `service:Operation`, never a wildcard. */
  Action: string[];
  /** ARNs; `*` only where the action supports no resource-level permissions. */
  Resource: string[];
  /** Narrows the grant, e.g. `iam:PassRole` to one service. */
  Condition?: Record<string, Record<string, string>>;
}

/** An IAM policy document. Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html */
export interface IamPolicy {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

/** The AWS account id (12 digits) to put in ARNs; `*` (the default) matches any account. */
export interface IamPolicyOptions {
  account?: string;
}

/** The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The least-privilege policy the bot's role needs for `config`: exactly the actions radio-ops calls
 * (test/iam-policy.test.ts collects every SDK command under src/ and fails when this list and the code
 * disagree), scoped to the configured cluster and services, distribution, DB instance and bucket.
 * `Resource: "*"` appears only for actions that AWS does not authorize per resource
 * (`application-autoscaling:DescribeScalableTargets`, `cloudwatch:GetMetricData`).
 * Resource types per action: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function buildIamPolicy(config: RadioConfig, options: IamPolicyOptions = {}): IamPolicy {
  const account = options.account ?? '*';
  const { region } = config;
  const partition = partitionOf(region);
  const arn = (service: string, resource: string, at = region) => `arn:${partition}:${service}:${at}:${account}:${resource}`;
  const ecsServices = Object.values(config.ecs.services).map(({ service }) => arn('ecs', `service/${config.ecs.cluster}/${service}`));
  const bucket = `arn:${partition}:s3:::${config.s3.bucket}`;
  const statements: IamStatement[] = [
    // scale, redeploy, ecs status
    { Sid: 'EcsConfiguredServices', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: [...new Set(ecsServices)] },
    // scale: is Application Auto Scaling managing the service? (no resource-level permissions)
    { Sid: 'EcsAutoScalingRead', Effect: 'Allow', Action: ['application-autoscaling:DescribeScalableTargets'], Resource: ['*'] },
    // invalidate, cdn status, cdn invalidation (CloudFront ARNs have no region)
    {
      Sid: 'CloudFrontDistribution', Effect: 'Allow',
      Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetDistribution', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
      Resource: [arn('cloudfront', `distribution/${config.cloudfront.distributionId}`, '')],
    },
    // cdn hit-rate, s3 size (no resource-level permissions)
    { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
    // alarms
    { Sid: 'CloudWatchAlarmsRead', Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms'], Resource: [arn('cloudwatch', 'alarm:*')] },
    // db status; dr restore-db reads the source, checks the new name is free, and follows the new instance
    { Sid: 'RdsInstanceRead', Effect: 'Allow', Action: ['rds:DescribeDBInstances'], Resource: [arn('rds', 'db:*')] },
    // dr restore-db (a new instance of any name, with the source's subnet, parameter and option groups, and tags);
    // db resize of rds.instance and the restore's follow-up (monitoring, Performance Insights) on the new instance
    {
      Sid: 'RdsRestoreAndModify', Effect: 'Allow',
      Action: ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:AddTagsToResource', 'rds:ModifyDBInstance'],
      Resource: ['db:*', 'snapshot:*', 'subgrp:*', 'pg:*', 'og:*'].map((resource) => arn('rds', resource)),
    },
    // the restore's follow-up hands the source's Enhanced Monitoring role to RDS
    {
      Sid: 'PassRdsMonitoringRole', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [`arn:${partition}:iam::${account}:role/*`],
      Condition: { StringEquals: { 'iam:PassedToService': 'monitoring.rds.amazonaws.com' } },
    },
    // db snapshots: filtered by instance; automated snapshots are named rds:<instance>-<date>, manual ones freely
    { Sid: 'RdsSnapshotsRead', Effect: 'Allow', Action: ['rds:DescribeDBSnapshots'], Resource: [arn('rds', `db:${config.rds.instance}`), arn('rds', 'snapshot:*')] },
    // s3 channels, s3 size <prefix> and s3 cleanup (ListObjectsV2), s3 versions and s3 restore (ListObjectVersions),
    // s3 cleanup (GetBucketVersioning)
    { Sid: 'S3BucketList', Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketVersioning'], Resource: [bucket] },
    // s3 presign (HeadObject, and the presigned GetObject is signed with the bot's credentials)
    { Sid: 'S3ObjectsRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucket}/*`] },
    // s3 restore: remove a delete marker (DeleteObject with VersionId), or copy a version with its tags over the key
    {
      Sid: 'S3ObjectRestore', Effect: 'Allow',
      Action: ['s3:DeleteObjectVersion', 's3:GetObjectVersion', 's3:GetObjectVersionTagging', 's3:PutObject', 's3:PutObjectTagging'],
      Resource: [`${bucket}/*`],
    },
    // s3 cleanup (DeleteObjects): only under s3.cleanupPrefixes
    { Sid: 'S3Cleanup', Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: config.s3.cleanupPrefixes.map((prefix) => `${bucket}/${prefix}*`) },
  ];
  return { Version: '2012-10-17', Statement: statements };
}
