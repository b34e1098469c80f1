import {
  ChannelSlug,
  HlsPath,
  IcecastMount,
  withChannelDefaults,
  type ChannelConfig,
} from '../config/station-config.js';
import type { RadioChannelRow } from '../integrations/station-db/station-database.js';
import type { ChannelList, StationChannel } from './channel-list.js';

type Merged = Pick<ChannelList, 'channels' | 'notInRadioChannels' | 'problems'>;

/**
 * The channels of `radio_channels` rows merged with `station.channels`: the rows decide which channels
 * exist and their mount and HLS path; the YAML gives the Liquidsoap ids (`output`, `queue`) and whatever
 * a row lacks (defaults for a slug the YAML does not name). Pure.
 *
 * A YAML slug without a row is left out and named in `notInRadioChannels`: the runbook's table is the
 * station's list, and the YAML's default (`rap`, `jazz`) must not invent channels next to it. Slugs are
 * stored lower-case; a row whose slug is no slug, or repeats one, is left out and named in `problems`, as is a
 * mount or path that is not one (the YAML's value or the default is kept).
 */
export function mergeChannels(rows: readonly RadioChannelRow[], configured: readonly ChannelConfig[]): Merged {
  const bySlug = new Map<string, StationChannel>();
  const problems: string[] = [];
  for (const row of rows) {
    const where = `radio_channels row ${row.id ?? `with slug "${row.slug}"`}`;
    const slug = row.slug.trim().toLowerCase();
    if (!ChannelSlug.safeParse(slug).success) {
      problems.push(`${where}: slug "${row.slug}" is not a channel slug (a-z, 0-9 and -): left out.`);
      continue;
    }
    if (bySlug.has(slug)) {
      problems.push(`${where}: slug ${slug} appears again: the first row is used.`);
      continue;
    }
    const yaml = configured.find((channel) => channel.slug === slug);
    const base = yaml ?? withChannelDefaults({ slug });
    // A value that is there but unusable is said; an empty one simply takes the YAML's or the default.
    const kept = (column: string, given: string | undefined, what: string, fallback: string) => {
      if (given?.trim()) problems.push(`${where}: ${column} "${given}" of ${slug} is not ${what}: using ${fallback}.`);
      return fallback;
    };
    bySlug.set(slug, {
      ...base,
      ...(row.id !== undefined ? { id: row.id } : {}),
      ...(row.name?.trim() ? { name: row.name.trim() } : {}),
      mount: mountOf(row.icecastMount) ?? kept('icecast_mount', row.icecastMount, 'an Icecast mount', base.mount),
      hlsPath: hlsPathOf(row.hlsPath) ?? kept('hls_path', row.hlsPath, 'an HLS path', base.hlsPath),
      inStationChannels: yaml !== undefined,
    });
  }
  return {
    channels: [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
    notInRadioChannels: configured.map((channel) => channel.slug).filter((slug) => !bySlug.has(slug)),
    problems,
  };
}

/** `rap.mp3` and `/rap.mp3` as `/rap.mp3`; undefined when empty or not a mount. */
function mountOf(given: string | undefined): string | undefined {
  const text = given?.trim();
  if (!text) return undefined;
  const mount = text.startsWith('/') ? text : `/${text}`;
  return IcecastMount.safeParse(mount).success ? mount : undefined;
}

/** `/hls/rap`, `hls/rap/` as `hls/rap/` (a key prefix: no leading slash); undefined when empty, not a path, or with `.`/`..`. */
function hlsPathOf(given: string | undefined): string | undefined {
  const text = given?.trim().replace(/^\/+/, '');
  if (!text) return undefined;
  const path = text.endsWith('/') ? text : `${text}/`;
  const dotted = path.split('/').some((segment) => segment === '.' || segment === '..');
  return !dotted && HlsPath.safeParse(path).success ? path : undefined;
}
