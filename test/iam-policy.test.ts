// The IAM policy must grant exactly what the code calls: the actions are derived from the AWS SDK
// commands constructed under src/ (test/support/aws-sdk-calls.ts), never listed by hand here.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config/load-config.js';
import { RadioConfig } from '../src/config/radio-config.js';
import { buildIamPolicy } from '../src/integrations/aws/iam-policy.js';
import { MODULES } from '../src/integrations/modules.js';
import { sdkCallsIn, sdkCallsUnder } from './support/aws-sdk-calls.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'radio-ops.example.yml');

/** IAM service prefix of each SDK client package, as the integration modules declare them (`sdkPackages`). */
const PREFIX: Readonly<Record<string, string>> = Object.fromEntries(
  [...MODULES.values()].flatMap((module) => Object.entries(module.sdkPackages ?? {})),
);

/**
 * Operations whose IAM action is not `<prefix>:<Operation>`, or that need more than one (as radio-ops calls them).
 * Sources: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html
 */
const ACTION_OF: Readonly<Record<string, string | readonly string[]>> = {
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  // s3 restore deletes a delete marker by its VersionId; s3 cleanup deletes current objects
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:DeleteObjects': 's3:DeleteObject',
  // s3 restore copies one version (with its tags) over the key
  's3:CopyObject': ['s3:PutObject', 's3:GetObjectVersion', 's3:GetObjectVersionTagging', 's3:PutObjectTagging'],
  // dr restore-db passes Tags; the restore's follow-up passes the Enhanced Monitoring role
  'rds:RestoreDBInstanceFromDBSnapshot': ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:AddTagsToResource'],
  'rds:ModifyDBInstance': ['rds:ModifyDBInstance', 'iam:PassRole'],
  // cost checks reads the bucket's lifecycle and Intelligent-Tiering configurations
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:ListBucketIntelligentTieringConfigurations': 's3:GetIntelligentTieringConfiguration',
  // dr rebuild-host launches with TagSpecifications and the old host's instance profile
  'ec2:RunInstances': ['ec2:RunInstances', 'ec2:CreateTags', 'iam:PassRole'],
};

/** Actions AWS authorizes only with `Resource: "*"` (no resource types in the service authorization reference). */
const NO_RESOURCE_LEVEL = new Set([
  'application-autoscaling:DescribeScalableTargets',
  'cloudwatch:GetMetricData',
  'ecs:ListTaskDefinitions',
  'ecs:DescribeTaskDefinition',
  // Authorized on container instances, which Fargate tasks have none of: granted on "*" with the ecs:cluster condition.
  'ecs:ListTasks',
  'ce:GetCostAndUsage',
  'ce:GetCostForecast',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeImages',
  'ec2:DescribeAddresses',
  'ssm:DescribeInstanceInformation',
  'ssm:GetCommandInvocation',
]);

const { calls, problems } = sdkCallsUnder(join(ROOT, 'src'), ROOT);
const exampleConfig = loadConfig('shell', {
  RADIO_CONFIG: EXAMPLE,
  HOME: mkdtempSync(join(tmpdir(), 'radio-home-')),
}).radio;
const granted = (policy = buildIamPolicy(exampleConfig)) => policy.Statement.flatMap((statement) => statement.Action);

describe('the SDK call collector', () => {
  it('sees constructed commands and paginators, named or through a namespace, and skips types', () => {
    const { calls: found, problems: none } = sdkCallsIn(
      'x.ts',
      [
        "import { UpdateServiceCommand as Update, paginateListServices, type ECSClient } from '@aws-sdk/client-ecs';",
        "import * as s3 from '@aws-sdk/client-s3';",
        'declare const ecs: ECSClient; let kept: Update | undefined;',
        "ecs.send(new Update({ cluster: 'c', service: 's' })); paginateListServices({ client: ecs }, {});",
        "new s3.HeadObjectCommand({ Bucket: 'b', Key: 'k' });",
      ].join('\n'),
    );
    expect(found.map((call) => `${call.client} ${call.operation} ${call.at}`)).toEqual([
      'client-ecs UpdateService x.ts:4',
      'client-ecs ListServices x.ts:4',
      'client-s3 HeadObject x.ts:5',
    ]);
    expect(none).toEqual([]);
  });

  it('reports what it cannot follow instead of missing it', () => {
    const { problems: found } = sdkCallsIn(
      'y.ts',
      [
        "import { ECS, DescribeServicesCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';",
        "import { Upload } from '@aws-sdk/lib-storage';",
        'const Describe = DescribeServicesCommand; new ECS({}); waitUntilServicesStable({} as never, {} as never);',
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.stringMatching(/^y\.ts:2 imports @aws-sdk\/lib-storage/),
      expect.stringMatching(/^y\.ts:3 uses DescribeServicesCommand other than/),
      expect.stringMatching(/^y\.ts:3 builds ECS: use ECSClient/),
      expect.stringMatching(/^y\.ts:3 uses the waiter waitUntilServicesStable/),
    ]);
  });
});

describe('deploy/iam-policy.json and radio-ops iam-policy', () => {
  it('can follow every AWS SDK call under src/, and knows each client', () => {
    const unknown = calls
      .filter((call) => !(call.client in PREFIX))
      .map((call) => `${call.at}: declare @aws-sdk/${call.client} in its integration module's sdkPackages`);
    expect([...problems, ...unknown], [...problems, ...unknown].join('\n')).toEqual([]);
    expect(calls.length).toBeGreaterThan(10);
  });

  it('grants exactly the actions the code calls', () => {
    const neededBy = new Map<string, string[]>();
    for (const call of calls) {
      const operation = `${PREFIX[call.client]}:${call.operation}`;
      for (const action of [ACTION_OF[operation] ?? operation].flat()) {
        neededBy.set(action, [...(neededBy.get(action) ?? []), `${call.operation} (${call.at})`]);
      }
    }
    const grants = new Set(granted());
    const advice = [
      ...[...neededBy]
        .filter(([action]) => !grants.has(action))
        .map(
          ([action, users]) =>
            `grant '${action}' in its integration module's iamStatements (src/integrations/<name>/), scoped to its resources: needed by ${users.join(', ')}`,
        ),
      ...[...grants]
        .filter((action) => !neededBy.has(action))
        .map(
          (action) => `remove '${action}' from its integration module's iamStatements: no SDK call under src/ needs it`,
        ),
    ];
    expect(advice, advice.join('\n')).toEqual([]);
    // Two modules may grant one action on different resources (s3 presign on the bucket, hls on its prefix), and one
    // module on one resource under different conditions (dr rebuild-host's CreateTags on launch, and on the host).
    const grantsOn = buildIamPolicy(exampleConfig).Statement.flatMap((statement) =>
      statement.Action.flatMap((action) =>
        statement.Resource.map(
          (resource) => `${action} on ${resource} if ${JSON.stringify(statement.Condition ?? {})}`,
        ),
      ),
    );
    expect(grantsOn.length, 'each action is granted once on each resource and condition').toBe(new Set(grantsOn).size);
  });

  it('has no wildcard actions, and Resource "*" only where AWS allows nothing narrower', () => {
    for (const statement of buildIamPolicy(exampleConfig).Statement) {
      for (const action of statement.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      const broad = statement.Resource.includes('*');
      expect(broad && !statement.Action.every((action) => NO_RESOURCE_LEVEL.has(action)), statement.Sid).toBe(false);
      if (broad) expect(statement.Resource).toEqual(['*']);
    }
  });

  it('scopes resources to the configured names, region, partition and account', () => {
    const config = RadioConfig.parse({
      region: 'eu-west-1',
      ecs: { cluster: 'c1', services: { web: { service: 'web-svc', min: 1, max: 3 } } },
      cloudfront: { distributionId: 'EDIST', hlsPaths: ['/hls/{channel}/*'] },
      rds: { instance: 'db1' },
      s3: { bucket: 'bucket-1' },
    });
    const resources = Object.fromEntries(
      buildIamPolicy(config, { account: '123456789012' }).Statement.map((s) => [s.Sid, s.Resource]),
    );
    expect(resources).toMatchObject({
      EcsConfiguredServices: ['arn:aws:ecs:eu-west-1:123456789012:service/c1/web-svc'],
      EcsDescribeTasks: ['arn:aws:ecs:eu-west-1:123456789012:task/c1/*'],
      S3BucketCostConfigurationRead: ['arn:aws:s3:::bucket-1'],
      RdsReservationsRead: ['arn:aws:rds:eu-west-1:123456789012:ri:*'],
      LogsConfiguredGroupsRead: [
        'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/n8n-main',
        'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/n8n-main:*',
        'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/n8n-worker',
        'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/n8n-worker:*',
      ],
      CloudFrontDistribution: ['arn:aws:cloudfront::123456789012:distribution/EDIST'],
      RdsInstanceRead: ['arn:aws:rds:eu-west-1:123456789012:db:*'],
      S3BucketList: ['arn:aws:s3:::bucket-1'],
      S3Cleanup: ['arn:aws:s3:::bucket-1/temp/*'],
      S3ObjectsRead: ['arn:aws:s3:::bucket-1/*'],
      S3PrefixCreate: ['arn:aws:s3:::bucket-1/audio/*', 'arn:aws:s3:::bucket-1/hls/*'],
    });
    const china = buildIamPolicy(RadioConfig.parse({ region: 'cn-north-1' })).Statement[0]?.Resource[0];
    expect(china).toMatch(/^arn:aws-cn:ecs:cn-north-1:\*:service\//);
  });

  it('deploy/iam-policy.json is the policy for radio-ops.example.yml', () => {
    const committed: unknown = JSON.parse(readFileSync(join(ROOT, 'deploy/iam-policy.json'), 'utf8'));
    expect(
      committed,
      'regenerate: RADIO_CONFIG=radio-ops.example.yml radio-ops iam-policy > deploy/iam-policy.json',
    ).toEqual(buildIamPolicy(exampleConfig));
  });

  it('`radio-ops iam-policy [--account]` prints it for RADIO_CONFIG, and refuses a malformed account', async () => {
    const run = async (argv: string[]) => {
      let out = '';
      let err = '';
      const sink = (write: (text: string) => void) =>
        new Writable({
          write(chunk, _encoding, done) {
            write(String(chunk));
            done();
          },
        });
      const io = { stdin: process.stdin, stdout: sink((t) => (out += t)), stderr: sink((t) => (err += t)) };
      const code = await main(argv, { RADIO_CONFIG: EXAMPLE, HOME: tmpdir() }, io);
      return { code, out, err };
    };
    const plain = await run(['iam-policy']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toEqual(buildIamPolicy(exampleConfig));
    const scoped = await run(['iam-policy', '--account', '123456789012']);
    expect(JSON.parse(scoped.out)).toEqual(buildIamPolicy(exampleConfig, { account: '123456789012' }));
    const bad = await run(['iam-policy', '--account', '1234']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/12-digit AWS account id/);
  });
});
