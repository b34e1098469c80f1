import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { IcecastMount } from './icecast-operations.js';
import { parseLenientJson } from './lenient-json.js';

/** What every stats format comes down to: the server's `server_id` and its mounts, sorted by mount. */
export interface RawIcecastStats {
  serverId: string;
  mounts: IcecastMount[];
}

/** Thrown when a stats body is not what its endpoint serves (an HTML error page from a proxy, a truncated body). */
export class IcecastStatsFormatError extends Error {
  override name = 'IcecastStatsFormatError';
}

type Fields = Readonly<Record<string, string | undefined>>;

const count = (text: string | undefined) => {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : 0;
};

/** `2026-12-02T12:05:13+0000` (Icecast's `%z` has no colon), else the RFC 1123 `stream_start`. */
function streamStart(fields: Fields): Date | undefined {
  const iso = fields.stream_start_iso8601?.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  for (const text of [iso, fields.stream_start]) {
    const date = text ? new Date(text) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

function bitrate(fields: Fields): number | undefined {
  const kbps = Number(fields['ice-bitrate'] ?? fields.bitrate);
  if (Number.isFinite(kbps) && kbps > 0) return kbps;
  const bps = Number(fields.audio_bitrate);
  return Number.isFinite(bps) && bps > 0 ? bps / 1000 : undefined;
}

/** One mount from its stats (the same keys in every format: src/source.c and src/stats.c of Icecast). */
export function toMount(mount: string, fields: Fields): IcecastMount {
  const optional = { title: fields.title, artist: fields.artist, subtype: fields.subtype };
  return {
    mount,
    listeners: count(fields.listeners),
    listenerPeak: count(fields.listener_peak),
    streamStart: streamStart(fields),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    contentType: fields.server_type ?? fields['content-type'],
    bitrate: bitrate(fields),
  };
}

/** A mount's scalar stats as text: numbers and booleans (2.5's JSON) written back as Icecast's XML has them. */
function scalarFields(source: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
    else if (typeof value === 'boolean') fields[key] = value ? '1' : '0';
  }
  return fields;
}

/**
 * `body` read by `syntax` (`XML`, `JSON`) with `parse`, then checked against `schema`.
 * @throws IcecastStatsFormatError naming which of the two failed.
 */
function decode<T>(body: string, syntax: string, parse: (body: string) => unknown, schema: z.ZodType<T>): T {
  let document: unknown;
  try {
    document = parse(body);
  } catch (error) {
    throw new IcecastStatsFormatError(`not ${syntax} (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(document);
  if (!parsed.success) throw new IcecastStatsFormatError(`no icestats in the ${syntax}`);
  return parsed.data;
}

const byMount = (a: IcecastMount, b: IcecastMount) => (a.mount < b.mount ? -1 : a.mount > b.mount ? 1 : 0);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // titles stay text: `123` is not a number
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true, // libxml2 writes `é` as `&#xE9;`: decoded once, so `&amp;#8211;` stays `&#8211;`
  isArray: (_name, jpath) => jpath === 'icestats.source',
});
const AdminStatsXml = z.object({
  icestats: z.object({
    server_id: z.string().default(''),
    source: z.array(z.looseObject({ '@mount': z.string() })).default([]),
  }),
});

/** `/admin/stats` (raw XML, 2.4 and 2.5): `<icestats>` with a `<source mount="…">` per mount. */
export function parseAdminStatsXml(body: string): RawIcecastStats {
  const { server_id, source } = decode(body, 'XML', (text) => xml.parse(text), AdminStatsXml).icestats;
  return { serverId: server_id, mounts: source.map((s) => toMount(s['@mount'], scalarFields(s))).sort(byMount) };
}

const StatsJson = z.tuple([
  z.looseObject({ name: z.literal('icestats') }),
  z.looseObject({
    server_id: z.string().default(''),
    source: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  }),
]);

/**
 * `/admin/stats.json` (2.5, src/xml2json.c): `[{"name":"icestats",…}, {…, "source": {"/rap.mp3": {…}}}]`;
 * counts are numbers, titles strings, `source` absent with no mounts.
 */
export function parseAdminStatsJson(body: string): RawIcecastStats {
  const { server_id, source } = decode(body, 'JSON', JSON.parse, StatsJson)[1];
  const mounts = Object.entries(source).map(([mount, fields]) => toMount(mount, scalarFields(fields)));
  return { serverId: server_id, mounts: mounts.sort(byMount) };
}

const StatusSource = z.looseObject({ listenurl: z.string() });
const StatusJson = z.object({
  icestats: z.looseObject({
    server_id: z.string().default(''),
    // Absent with no mounts, an object with one, an array with two or more (xml2json.xslt's arrays).
    source: z
      .union([z.array(StatusSource), StatusSource])
      .optional()
      .transform((source) => (source === undefined ? [] : Array.isArray(source) ? source : [source])),
  }),
});

/**
 * The public `/status-json.xsl` (2.4's is not always JSON: see `parseLenientJson`). It has no mount names: the
 * mount is the path of each `listenurl` (`http://host:8000/rap.mp3`), as Icecast wrote it.
 */
export function parseStatusJson(body: string): RawIcecastStats {
  const { server_id, source } = decode(body, 'JSON', parseLenientJson, StatusJson).icestats;
  const mounts = source.map((s) => toMount(s.listenurl.replace(/^[a-z]+:\/\/[^/]*/i, ''), scalarFields(s)));
  return { serverId: server_id, mounts: mounts.sort(byMount) };
}

const IceResponse = z.object({
  iceresponse: z.looseObject({ message: z.string().default(''), return: z.string().default('0') }),
});

/** An admin action's answer, `<iceresponse><message>…</message><return>1</return></iceresponse>` (2.5 adds `<modules/>`). */
export function parseIceResponse(body: string): { message: string; success: boolean } | undefined {
  let answer: z.output<typeof IceResponse>['iceresponse'];
  try {
    answer = decode(body, 'XML', (text) => xml.parse(text), IceResponse).iceresponse;
  } catch {
    return undefined;
  }
  return { message: answer.message.trim(), success: answer.return.trim() === '1' };
}
