import pg from 'pg';

/** `pg` type parsers, except int8 (OID 20) stays a string: `pg_stat_activity.query_id` and sizes do not fit a JS number. */
export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'),
};
