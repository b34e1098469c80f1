/**
 * Whether `error` is PostgreSQL's `unique_violation` (SQLSTATE 23505) on the index or constraint `name`,
 * as `pg` (and PGlite) report it: `code` and `constraint` on the error.
 * Source: https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
export function isUniqueViolation(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === name;
}
