/**
 * How a NUL (U+0000) is written in the audit trail (`audit_events`, `approval_requests`, `operations`):
 * the six characters `\u0000`, the notation the renderers show control characters in.
 */
export const NUL_SHOWN = '\\u0000';

/**
 * `text` as Postgres can store it: Postgres `text` refuses U+0000 ("invalid byte sequence for encoding
 * UTF8: 0x00") and `jsonb` refuses the `\u0000` escape, so a line with a NUL in it would make the row
 * fail and go unrecorded, which is exactly the line an attacker sends. Escaped rather than stripped: the
 * row keeps the evidence that a NUL was sent, and where. (Text that already spelled `\u0000` reads the same.)
 * Source: https://www.postgresql.org/docs/15/datatype-character.html ("The character with code zero … cannot be stored")
 */
export function pgText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', NUL_SHOWN) : value;
}

/**
 * Query parameters with {@link pgText} applied to every string, also inside arrays (`text[]`); other
 * values as they are. Every write to the audit trail's tables passes its parameters through this.
 */
export function pgParams(params: readonly unknown[]): unknown[] {
  return params.map((param) =>
    typeof param === 'string' ? pgText(param) : Array.isArray(param) ? pgParams(param) : param,
  );
}

/** `value` as `jsonb` text with {@link pgText} applied to every string and key; `null` for `undefined`. */
export function pgJson(value: unknown): string | null {
  const json = JSON.stringify(value, (_key, field: unknown) => {
    if (typeof field === 'string') return pgText(field);
    if (
      field &&
      typeof field === 'object' &&
      !Array.isArray(field) &&
      Object.keys(field).some((k) => k.includes('\u0000'))
    )
      return Object.fromEntries(Object.entries(field).map(([k, v]) => [pgText(k), v]));
    return field;
  }) as string | undefined;
  return json ?? null;
}
