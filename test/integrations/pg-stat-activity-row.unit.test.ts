import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBackendActivity } from '../../src/integrations/station-db/pg-stat-activity-row.js';

// `COPY (SELECT * FROM pg_stat_activity) TO STDOUT WITH (FORMAT text, HEADER)`: tab-separated,
// `\N` is NULL, and backslash escapes stand for newlines, tabs and backslashes.
// Source: https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9.2
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '\\': '\\' };

function unescapeCopyText(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape.startsWith('x')) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return ESCAPES[escape] ?? escape;
  });
}

function readCopyText(path: URL): Record<string, string | null>[] {
  const [header = '', ...lines] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const columns = header.split('\t');
  return lines.map((line) =>
    Object.fromEntries(line.split('\t').map((field, index) => [columns[index], unescapeCopyText(field)])),
  );
}

const rows = readCopyText(new URL('../fixtures/postgres/pg_stat_activity-sample.tsv', import.meta.url));
const byPid = (pid: number) => {
  const row = rows.find((candidate) => candidate.pid === String(pid));
  if (!row) throw new Error(`no pid ${pid} in the fixture`);
  return toBackendActivity(row);
};

describe('pg_stat_activity rows', () => {
  it('maps every row of the sample, background processes and hidden rows included', () => {
    expect(rows).toHaveLength(13);
    expect(rows.map((row) => toBackendActivity(row).pid)).toEqual([
      412, 414, 28113, 28342, 27654, 29001, 27655, 28120, 29217, 623, 405, 404, 411,
    ]);
  });

  it('keeps query_id as the exact signed 64-bit string', () => {
    expect(byPid(28113).queryId).toBe('-3274891232349814412');
    expect(byPid(27654).queryId).toBe('5180203931526602191');
    expect(byPid(29001).queryId).toBeUndefined();
  });

  it('keeps multi-line query text and tabs as Postgres has them', () => {
    const report = byPid(28113);
    expect(report.query?.split('\n')).toHaveLength(23);
    expect(report.query).toMatch(/^\/\* radio-api: weekly_airplay_report \*\/\nSELECT s\.id AS song_id,\n/);
    expect(byPid(29001).query).toBe('select * from listners\twhere ended_at is null limit 5;');
  });

  it('maps a full client backend row', () => {
    expect(byPid(28113)).toEqual({
      pid: 28113,
      database: 'radio',
      user: 'radio_api',
      application: 'radio-api',
      client: '10.20.3.41',
      durationMs: undefined,
      state: 'active',
      waitEvent: 'IO: DataFileRead',
      queryId: '-3274891232349814412',
      query: expect.stringContaining('LIMIT 500;'),
      backendType: 'client backend',
    });
    expect(byPid(28342)).toMatchObject({ backendType: 'parallel worker', client: undefined });
    expect(byPid(27654)).toMatchObject({
      state: 'idle in transaction',
      application: undefined,
      waitEvent: 'Client: ClientRead',
    });
  });

  it('survives an <insufficient privilege> row with nearly every column NULL', () => {
    expect(byPid(623)).toEqual({
      pid: 623,
      database: 'rdsadmin',
      user: 'rdsadmin',
      application: undefined,
      client: undefined,
      durationMs: undefined,
      state: undefined,
      waitEvent: undefined,
      queryId: undefined,
      query: '<insufficient privilege>',
      backendType: undefined,
    });
  });

  it('maps background processes without user, client or query', () => {
    expect(byPid(405)).toMatchObject({
      user: undefined,
      query: undefined,
      state: undefined,
      backendType: 'background writer',
      waitEvent: 'Activity: BgWriterMain',
    });
  });

  it('reads duration_ms and a Unix-socket client, and refuses a query_id that is not an integer', () => {
    const base = { pid: 1, client_port: -1, client_addr: null, duration_ms: 1234.6 };
    expect(toBackendActivity(base)).toMatchObject({ client: 'local', durationMs: 1235 });
    expect(toBackendActivity({ ...base, duration_ms: -3 }).durationMs).toBe(0);
    expect(() => toBackendActivity({ ...base, query_id: '1.5' })).toThrow(/64-bit/);
  });
});
