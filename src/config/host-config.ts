import { z } from 'zod';
import { parseDuration } from './duration.js';

/**
 * An EC2 tag key radio-ops may filter on and put in an IAM condition key (`ec2:ResourceTag/<key>`): the
 * characters EC2 allows in tag keys, not the reserved `aws:` prefix.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
 */
const TagKey = z
  .string()
  .regex(/^[A-Za-z0-9 +\-=._:/@]{1,128}$/, 'an EC2 tag key (letters, digits, spaces and + - = . _ : / @)')
  .refine((key) => !key.toLowerCase().startsWith('aws:'), 'a tag key not starting with aws: (reserved by AWS)');
const TagValue = z.string().regex(/^[A-Za-z0-9 +\-=._:/@]{1,256}$/, 'an EC2 tag value');

/** A systemd unit name as `systemctl`/`journalctl -u` take it; it goes into a shell line, so nothing else. */
export const UnitName = z.string().regex(/^[a-z0-9][a-z0-9@._-]{0,63}$/, 'a systemd unit name like liquidsoap');

/** An EC2 instance type (`t3.large`, `c6i.xlarge`, `m7g.2xlarge`). */
export const InstanceType = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an instance type like t3.large');

const Duration = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, 'a duration like 90s, 30m, 2h or 7d')
  .transform((text) => parseDuration(text) as number);

/**
 * `host:`: the EC2 instance that runs Liquidsoap and Icecast, reached through AWS Systems Manager (never SSH).
 * It is found by `tag` on every command (never by a fixed id), so a rebuilt host is found without a change here.
 */
export const HostConfig = z
  .strictObject({
    /** The tag that marks the host: exactly one pending/running/stopping/stopped instance must carry it. */
    tag: z.strictObject({ key: TagKey, value: TagValue }).default({ key: 'radio-ops:role', value: 'liquidsoap' }),
    /** The Elastic IP's allocation id (`eipalloc-…`) that `dr rebuild-host` moves to the new instance. */
    elasticIp: z
      .string()
      .regex(/^eipalloc-[0-9a-f]{8,17}$/, 'an Elastic IP allocation id like eipalloc-0123456789abcdef0')
      .optional(),
    /** The systemd units `host restart` and `host logs` may name; nothing else reaches a shell. */
    units: z.array(UnitName).min(1).default(['liquidsoap', 'icecast2']),
    /** What `host resize` may set; anything else is refused. */
    allowedInstanceTypes: z.array(InstanceType).min(1).default(['t3.small', 't3.medium', 't3.large', 'c6i.large']),
    /** The backup AMIs `dr rebuild-host` picks the newest of: owned by this account, name matching this pattern. */
    backupAmi: z
      .strictObject({ name: z.string().regex(/^[A-Za-z0-9()[\]./\-_'@ *?]{1,128}$/, 'an AMI name pattern') })
      .default({ name: 'radio-liquidsoap-backup-*' }),
    /** How long after a `host restart <unit>` another restart of that unit is refused. */
    restartCooldown: Duration.default(10 * 60_000),
  })
  .prefault({});
export type HostConfig = z.infer<typeof HostConfig>;
