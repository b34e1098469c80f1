import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';

/**
 * One row of the station's `radio_channels` table, as the runbook writes it (`id, name, slug,
 * icecast_mount, hls_path`). Values are text exactly as stored (an integer or uuid `id` included);
 * a column the table does not have, or a NULL, is `undefined`. Nothing is normalized here.
 */
export interface RadioChannelRow {
  slug: string;
  id?: string;
  name?: string;
  /** `icecast_mount`: `/rap.mp3` (the runbook's value, not checked). */
  icecastMount?: string;
  /** `hls_path`: `hls/rap/` (the runbook's value, not checked). */
  hlsPath?: string;
}

// The optional columns read when the table has them, as `<column>::text` under the row's field name.
const OPTIONAL_COLUMNS = { id: 'id', name: 'name', icecast_mount: 'icecastMount', hls_path: 'hlsPath' } as const;

// One statement: whether the table (or view) is on the search path, and its live columns.
const TABLE_SHAPE = `
SELECT to_regclass('radio_channels') IS NOT NULL AS present,
       array(SELECT attname::text FROM pg_attribute
              WHERE attrelid = to_regclass('radio_channels') AND attnum > 0 AND NOT attisdropped
              ORDER BY attnum) AS columns`;

const TableShape = z.object({ present: z.boolean(), columns: z.array(z.string()) });
const Text = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const Row = z.object({ slug: z.string(), id: Text, name: Text, icecastMount: Text, hlsPath: Text });

/**
 * The rows of `radio_channels` with a non-NULL `slug`, ordered by `lower(slug)`, or `undefined` when there
 * is no such table or view (`to_regclass`, on the search path). Only `slug` is required; the columns
 * the table lacks are simply not read, so an older table without `hls_path` still works.
 *
 * @throws Error `radio_channels has no slug column` when it has none; the driver's error when the
 *   query fails (no permission, `statement_timeout`).
 */
export async function readRadioChannels(client: SqlClient): Promise<RadioChannelRow[] | undefined> {
  const { rows } = await client.query(TABLE_SHAPE);
  const shape = TableShape.parse(rows[0]);
  if (!shape.present) return undefined;
  if (!shape.columns.includes('slug')) throw new Error('radio_channels has no slug column');
  // Only names from OPTIONAL_COLUMNS reach the SQL text, and only those the table has.
  const optional = Object.entries(OPTIONAL_COLUMNS)
    .filter(([column]) => shape.columns.includes(column))
    .map(([column, field]) => `, ${column}::text AS "${field}"`);
  const { rows: channels } = await client.query(
    `SELECT slug::text AS slug${optional.join('')} FROM radio_channels
      WHERE slug IS NOT NULL ORDER BY lower(slug::text), slug::text`,
  );
  return channels.map((row) => Row.parse(row));
}
