import type { SqlClient } from '../../db/sql-client.js';
import { UserError } from '../../pipeline/user-error.js';

/** The row `channel add` inserts: `radio_channels`' own column names. `id` is left to the table's default. */
export interface NewChannelRow {
  name: string;
  slug: string;
  icecast_mount: string;
  hls_path: string;
}

/** One parameterised statement, exactly as sent: what a dry run shows. */
export interface InsertStatement {
  text: string;
  values: string[];
}

/**
 * Inserts into the station's `radio_channels` on `RADIO_DATABASE_WRITE_URL`, a role meant to have only INSERT on
 * that table: no `RETURNING` (that would need SELECT) and no read first.
 * Errors in words (UserError): `precondition` for a unique violation (23505: the slug, or another unique column,
 * is already there), a missing value (23502) or a column the table lacks (42703); `unavailable` for permission
 * denied (42501). Anything else (connection lost, timeout) is the driver's error, named after the database.
 * Codes: https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
export interface ChannelWriter {
  /** The statement {@link insertChannel} sends. Pure. */
  insertStatement(row: NewChannelRow): InsertStatement;
  insertChannel(row: NewChannelRow): Promise<void>;
}

const LABEL = 'The station database for writes (RADIO_DATABASE_WRITE_URL)';

export function insertChannelStatement(row: NewChannelRow): InsertStatement {
  return {
    text: 'INSERT INTO radio_channels (name, slug, icecast_mount, hls_path) VALUES ($1, $2, $3, $4)',
    values: [row.name, row.slug, row.icecast_mount, row.hls_path],
  };
}

/** What Postgres said, in words a person can act on; `undefined` for errors that are not the statement's. */
function inWords(error: unknown, row: NewChannelRow): UserError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint, column, message } = error as Record<string, unknown>;
  const said = typeof message === 'string' ? message : String(code);
  switch (code) {
    case '23505':
      return new UserError(
        'precondition',
        `radio_channels already has a row with that value (unique constraint \`${String(constraint)}\`; \`${row.slug}\`, \`${row.icecast_mount}\` or \`${row.hls_path}\`): nothing changed.`,
      );
    case '23502':
      return new UserError(
        'precondition',
        `radio_channels needs a value for \`${String(column)}\`, which \`channel add\` does not set (give it a default): nothing changed.`,
      );
    case '42703':
    case '42P01':
      return new UserError(
        'precondition',
        `radio_channels does not have the runbook's shape (${said}): nothing changed.`,
      );
    case '42501':
      return new UserError(
        'unavailable',
        `${LABEL} refused INSERT on radio_channels (${said}): grant its role INSERT on the table (and USAGE on a serial id's sequence). Nothing changed.`,
      );
    default:
      return undefined;
  }
}

/** The writer on `db` (a connection as the INSERT-only role). */
export function createChannelWriter(db: SqlClient): ChannelWriter {
  return {
    insertStatement: insertChannelStatement,
    async insertChannel(row) {
      const { text, values } = insertChannelStatement(row);
      try {
        await db.query(text, values);
      } catch (error) {
        throw inWords(error, row) ?? error;
      }
    },
  };
}
