import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_PLAYBOOKS } from '../alarms/default-playbooks.js';
import { Playbook } from '../alarms/playbook.js';
import { Runbook } from '../runbooks/runbook.js';
import { snsUrlProblem } from '../sns/sns-url.js';
import { parseDuration } from './duration.js';
import { ElastiCacheConfig, LogsConfig } from './logs-and-cache-config.js';
import { HostConfig } from './host-config.js';
import { StationConfig } from './station-config.js';

/** A Slack user (`U…`/`W…`) or user-group (`S…`) id, or `*` for everyone in `slack.teamId`. */
const RoleMember = z.string().regex(/^(\*|[UWS][A-Z0-9]{2,})$/, 'a Slack user id (U…/W…), group id (S…) or "*"');

const Duration = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, 'a duration like 90s, 30m, 2h or 7d')
  .transform((text) => parseDuration(text) as number);

/** `arn:<partition>:sns:<region>:<account>:<topic>`. Source: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html */
const SnsTopicArn = z
  .string()
  .regex(/^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'an SNS topic ARN');

/** `SigningCertURL` → PEM. A URL that fails the SNS URL check would never be looked up, so it is refused here. */
const PinnedCertificates = z
  .record(z.string(), z.string().refine(isCertificate, 'a PEM certificate (-----BEGIN CERTIFICATE----- …)'))
  .superRefine((pinned, context) => {
    for (const url of Object.keys(pinned)) {
      const problem = snsUrlProblem(url, 'certificate');
      if (problem)
        context.addIssue({
          code: 'custom',
          path: [url],
          message: `this URL ${problem}; SNS certificate URLs look like https://sns.<region>.amazonaws.com/….pem`,
        });
    }
  });

function isCertificate(pem: string): boolean {
  try {
    return Boolean(new X509Certificate(pem).publicKey);
  } catch {
    return false;
  }
}

/** A key of `ecs.services`: what people type after `scale`; lower case, because typed names are matched lowered. */
const EcsServiceKeyInYaml = z
  .string()
  .min(1)
  .refine(
    (key) => key === key.toLowerCase() && !/\s/.test(key),
    'a service name in lower case without spaces, like n8n',
  );

const EcsService = z.strictObject({
  service: z.string().min(1),
  min: z.number().int().min(0),
  max: z.number().int().min(0),
});

/**
 * The YAML file named by `RADIO_CONFIG` (strict: an unknown key, such as a typo like `quourm`, is an error). Infrastructure names default to the station's; roles and
 * channels have none, so without a file nobody may run anything from Slack (fail closed).
 */
export const RadioConfig = z
  .strictObject({
    region: z.string().default('us-east-1'),
    slack: z
      .strictObject({
        teamId: z
          .string()
          .regex(/^[TE][A-Z0-9]+$/, 'a Slack team id like T0EXAMPLE (T or E, then capitals and digits)')
          .optional(),
        channels: z
          .array(z.string().regex(/^[CGD][A-Z0-9]+$/, 'a Slack channel id like C0EXAMPLE01, not a #name'))
          .default([]),
      })
      .default({ channels: [] }),
    roles: z
      .strictObject({
        viewer: z.array(RoleMember).default([]),
        operator: z.array(RoleMember).default([]),
        approver: z.array(RoleMember).default([]),
      })
      .default({ viewer: [], operator: [], approver: [] }),
    approvals: z
      .strictObject({
        ttl: Duration.default(30 * 60_000),
        quorum: z.number().int().min(1).default(1),
        /** Whether an approval typed in `radio-ops shell` counts (with a YAML file); one person at a keyboard must not pass the two-person rule. */
        allowShell: z.boolean().default(false),
      })
      .default({ ttl: 30 * 60_000, quorum: 1, allowShell: false }),
    /**
     * How long a command may take before the person is told it is still running (`stillRunning`) and
     * before it is given up on with an answer in words (`command`). Long operations are followed separately.
     */
    deadlines: z
      .strictObject({
        command: Duration.default(30_000),
        stillRunning: Duration.default(2_000),
      })
      .default({ command: 30_000, stillRunning: 2_000 }),
    /**
     * Commands running at once (`commands`); beyond it a request is answered "busy" at once. `reserved`
     * more are kept for approved runs and follow-ups, so an approval is never lost to a busy moment.
     */
    concurrency: z
      .strictObject({ commands: z.number().int().min(1).default(16), reserved: z.number().int().min(1).default(4) })
      .default({ commands: 16, reserved: 4 }),
    station: StationConfig,
    ecs: z.strictObject({ cluster: z.string().min(1), services: z.record(EcsServiceKeyInYaml, EcsService) }).default({
      cluster: 'radio-n8n-cluster',
      services: {
        n8n: { service: 'n8n-worker', min: 1, max: 10 },
        'n8n-main': { service: 'n8n-main', min: 1, max: 1 },
      },
    }),
    rds: z
      .strictObject({
        instance: z.string().min(1).default('radio-db'),
        /** What `db resize` may set; anything else is refused. */
        allowedClasses: z
          .array(z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'an instance class like db.r6g.large'))
          .min(1)
          .default(['db.t4g.medium', 'db.t4g.large', 'db.r6g.large', 'db.r6g.xlarge']),
      })
      .prefault({}),
    cloudfront: z
      .strictObject({ distributionId: z.string().min(1), hlsPaths: z.array(z.string().startsWith('/')).min(1) })
      .default({ distributionId: 'E1234567890ABC', hlsPaths: ['/hls/{channel}/*'] }),
    s3: z
      .strictObject({
        bucket: z.string().min(3).default('radio-audio-bucket'),
        /** Key prefixes `s3 cleanup` may delete under (and narrower ones); the audio library is never a default. */
        cleanupPrefixes: z
          .array(z.string().regex(/^[^/].*\/$/, 'a key prefix ending in "/", like temp/'))
          .default(['temp/']),
        /** Top-level prefixes `s3 prefix create` may create "folders" under (`audio/<slug>/`, `hls/<slug>/`). */
        prefixRoots: z
          .array(z.string().regex(/^[A-Za-z0-9._-]+\/$/, 'a top-level key prefix ending in "/", like audio/'))
          .default(['audio/', 'hls/']),
      })
      .prefault({}),
    /** The EC2 host of Liquidsoap and Icecast (`host status`, `host restart`, `host logs`), found by its tag. */
    host: HostConfig,
    aws: z
      .strictObject({
        /** `live` calls AWS; `dry-run` only plans. Absent: live when credentials are found (always for the server). */
        mode: z.enum(['live', 'dry-run']).optional(),
      })
      .default({}),
    redis: z
      .strictObject({ rateLimitKey: z.string().includes('{user_id}').includes('{channel_id}') })
      .default({ rateLimitKey: 'rate_limit:user:{user_id}:{channel_id}' }),
    /** Issue 16's runbook commands: the log groups `logs` reads, the cache `cache status`/`cache resize` act on. */
    logs: LogsConfig,
    elasticache: ElastiCacheConfig,
    /** The SNS HTTPS subscription at `POST /sns`: only these topics are accepted; nothing is by default. */
    sns: z
      .strictObject({ topics: z.array(SnsTopicArn).default([]), pinnedCertificates: PinnedCertificates.default({}) })
      .prefault({}),
    /** CloudWatch alarm cards: where they go, which noise is dropped, and the playbooks' buttons. */
    alarms: z
      .strictObject({
        channel: z
          .string()
          .regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id (C… or G…)')
          .optional(),
        suppressInitialOk: z.boolean().default(true),
        /** At most one update per card per this long; the latest state wins. */
        coalesce: Duration.default(5000),
        /** How often cards are checked against DescribeAlarms (when CloudWatch access is set up). */
        reconcileEvery: Duration.default(15 * 60_000),
        playbooks: z.array(Playbook).default(DEFAULT_PLAYBOOKS),
      })
      .prefault({}),
    /** The station's own runbooks (src/runbooks/runbook.ts), checked at start like playbooks; they replace built-ins of the same name. */
    runbooks: z.array(Runbook).default([]),
  })
  .superRefine((config, context) => {
    if (config.sns.topics.length > 0 && !config.alarms.channel) {
      context.addIssue({
        code: 'custom',
        path: ['alarms', 'channel'],
        message: 'is required when sns.topics is set: alarm cards need a channel',
      });
    }
    const channels = config.slack.channels;
    if (config.alarms.channel && channels.length > 0 && !channels.includes(config.alarms.channel)) {
      context.addIssue({
        code: 'custom',
        path: ['alarms', 'channel'],
        message: 'must be one of slack.channels, or its buttons would be refused',
      });
    }
  });
export type RadioConfig = z.infer<typeof RadioConfig>;
