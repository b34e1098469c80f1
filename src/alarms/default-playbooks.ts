import type { Playbook } from './playbook.js';

/**
 * The playbooks used when the YAML names none: the seed's three alarms. Commands are plain command
 * lines; one that doesn't exist (yet) is refused by the pipeline like any typed line.
 */
export const DEFAULT_PLAYBOOKS: Playbook[] = [
  {
    match: { namespace: 'AWS/RDS', metric: 'CPUUtilization' },
    buttons: [
      { label: 'Slow queries', command: 'db slow-queries' },
      { label: 'Connections', command: 'db connections' },
      { label: 'Kill idle > 10m', command: 'db kill-idle --older 10m' },
    ],
  },
  {
    match: { namespace: 'AWS/ApplicationELB', metric: 'HealthyHostCount', alarmName: '*n8n*' },
    buttons: [
      { label: 'ECS status', command: 'ecs status' },
      { label: 'Redeploy n8n-main', command: 'redeploy n8n-main' },
      { label: 'Scale workers +2', command: 'scale n8n +2' },
    ],
  },
  {
    match: { namespace: 'AWS/S3', metric: 'BucketSizeBytes' },
    buttons: [
      { label: 'Size of temp/', command: 's3 size temp/' },
      { label: 'Clean up temp/ > 90 d', command: 's3 cleanup --older 90d --prefix temp/' },
    ],
  },
];

/**
 * The on-air watcher's cards (namespace `radio-ops/OnAir`, see `src/station/on-air-transition.ts`): added after
 * `alarms.playbooks`, whatever the YAML says, so a YAML playbook matching the namespace replaces them. Their
 * buttons act on the card's channel (`{Channel}`); one whose command this build lacks is left out at start.
 */
export const ON_AIR_PLAYBOOKS: Playbook[] = [
  {
    match: { namespace: 'radio-ops/OnAir', metric: 'OnAir' },
    buttons: [
      { label: 'Status', command: 'status' },
      { label: 'HLS {Channel}', command: 'hls {Channel}' },
      { label: 'Skip {Channel}', command: 'skip {Channel}' },
      { label: 'Kill source {Channel}', command: 'kill-source {Channel}' },
    ],
  },
  {
    match: { namespace: 'radio-ops/OnAir', metric: 'IcecastReachable' },
    buttons: [{ label: 'Status', command: 'status' }],
  },
];
