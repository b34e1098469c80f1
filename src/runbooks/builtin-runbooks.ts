import type { RunbookInput } from './runbook.js';

const SLUG = {
  name: 'slug',
  example: 'electro',
  pattern: '^[a-z][a-z0-9-]{0,30}$',
  accepts: 'lower-case letters, digits and -, starting with a letter, at most 31 characters',
};

/** The scale steps, given ones only: each followed to its end (a resize is waited on until `available`). */
const scaleSteps: RunbookInput['steps'] = [
  { when: 'db', command: 'db resize {db}' },
  { when: 'db', wait: 'rds-available', timeout: '1h', every: '30s' },
  { when: 'cache', command: 'cache resize {cache}' },
  { when: 'workers', command: 'scale n8n {workers}' },
  { when: 'host', command: 'host resize {host}' },
];

/**
 * The scale arguments with examples for `help`: values the default allow-lists take (`rds.allowedClasses`,
 * `elasticache.allowedNodeTypes`, `host.allowedInstanceTypes`, the n8n service's min..max), larger for up.
 */
const scaleArguments = (example: {
  db: string;
  cache: string;
  workers: string;
  host: string;
}): RunbookInput['arguments'] => [
  { name: 'db', flag: true, required: false, example: example.db },
  { name: 'cache', flag: true, required: false, example: example.cache },
  {
    name: 'workers',
    flag: true,
    required: false,
    example: example.workers,
    pattern: '^[0-9]{1,2}$',
    accepts: 'a whole number from 0 to 99',
  },
  { name: 'host', flag: true, required: false, example: example.host },
];

/**
 * The runbook's three common tasks (issue 17), as data. A built-in whose step names a command the registry
 * lacks is left out by the start check, which logs why (every command they name is in the registry now).
 */
export const BUILTIN_RUNBOOKS: RunbookInput[] = [
  {
    name: 'new-channel',
    summary:
      'Provision a channel: S3 prefixes, the radio_channels row, the Liquidsoap channel, the Icecast mount, on air, HLS invalidated',
    arguments: [SLUG, { name: 'name', flag: true, example: 'Electro' }],
    steps: [
      { command: 's3 prefix create audio/{slug}/' },
      { command: 's3 prefix create hls/{slug}/' },
      { command: 'channel add {slug} --name {name}' },
      { command: 'liquidsoap create-channel {slug}', plannedWhenReached: true },
      {
        manual: [
          'Add the mount to icecast.xml and reload Icecast (`kill -HUP` of the icecast process):',
          '<mount type="normal">',
          '    <mount-name>/{slug}</mount-name>',
          '    <stream-name>{name}</stream-name>',
          '</mount>',
        ].join('\n'),
      },
      { wait: 'on-air {slug}', timeout: '15m', every: '10s' },
      { command: 'invalidate {slug}', plannedWhenReached: true },
    ],
  },
  {
    name: 'scale-up',
    summary: 'Scale for high traffic: the given parts only',
    arguments: scaleArguments({ db: 'db.r6g.xlarge', cache: 'cache.r7g.large', workers: '6', host: 'c6i.large' }),
    steps: scaleSteps,
  },
  {
    name: 'scale-down',
    summary: 'Scale back after high traffic: the given parts only',
    arguments: scaleArguments({ db: 'db.t4g.medium', cache: 'cache.t4g.small', workers: '1', host: 't3.medium' }),
    steps: scaleSteps,
  },
  {
    name: 'dr restore',
    summary:
      'Disaster recovery: restore RDS from a snapshot, recover an S3 object by version, rebuild the host, cut over',
    arguments: [
      { name: 'snapshot', flag: true, example: 'rds:radio-db-2025-03-14-04-00' },
      { name: 's3-key', flag: true, required: false, example: 'audio/rap/intro.mp3' },
      { name: 'version', flag: true, required: false, example: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' },
      { name: 'rebuild-host', flag: true, required: false, type: 'boolean' },
    ],
    steps: [
      // The name is fixed when asked: the approval, the run and a retried step restore to the one name.
      { command: 'dr restore-db {snapshot} --as radio-db-restored-{started}' },
      { when: ['s3-key', 'version'], command: 's3 restore {s3-key} --version {version}' },
      { when: 'rebuild-host', command: 'dr rebuild-host' },
      {
        manual:
          'Cut over: point the station at the restored instance (RADIO_DATABASE_URL and the apps), check `status`, then confirm.',
      },
    ],
  },
];
