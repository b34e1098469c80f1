/**
 * Replaces every literal in SQL text with `?`: string constants (`'…'` with `''` escapes, `E'…'`
 * with backslash escapes, `B'…'`, `X'…'`, `N'…'`, `U&'…'`), dollar-quoted strings (`$$…$$`,
 * `$tag$…$tag$`) and numeric constants (`42`, `3.5`, `.5`, `1e-3`, `0x1F`, `1_000`).
 *
 * Identifiers (`t1`, `"col2"`), parameters (`$1`), keywords, operators and comments are left as
 * they are. Query text from `pg_stat_activity` may be cut at `track_activity_query_size`: an
 * unterminated literal is masked to the end, so nothing after an opening quote leaks.
 * Lexical rules: https://www.postgresql.org/docs/15/sql-syntax-lexical.html
 */
export function maskSqlLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const end = literalEnd(sql, i);
    if (end !== undefined) {
      out += '?';
      i = end;
      continue;
    }
    const skip = nonLiteralEnd(sql, i);
    out += sql.slice(i, skip);
    i = skip;
  }
  return out;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /(?:0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const STRING_PREFIX = /(?:[eEbBxXnN]|[uU]&)'/y;

/** Runs a sticky regex at `i` only (no copying of the rest of the text). */
function matchAt(pattern: RegExp, sql: string, i: number): string | undefined {
  pattern.lastIndex = i;
  return pattern.exec(sql)?.[0];
}

/** Where the literal starting at `i` ends (exclusive), or `undefined` when none starts there. */
function literalEnd(sql: string, i: number): number | undefined {
  const prefix = matchAt(STRING_PREFIX, sql, i);
  if (prefix) return quotedEnd(sql, i + prefix.length - 1, /^[eE]/.test(prefix));
  const char = sql.charAt(i);
  if (char === "'") return quotedEnd(sql, i, false);
  if (char === '$') {
    const tag = matchAt(DOLLAR_TAG, sql, i);
    if (!tag) return undefined; // `$1` and a lone `$` are not literals
    const close = sql.indexOf(tag, i + tag.length);
    return close === -1 ? sql.length : close + tag.length;
  }
  if (/[0-9.]/.test(char)) {
    const match = matchAt(NUMBER, sql, i);
    return match ? i + match.length : undefined;
  }
  return undefined;
}

/** End of a `'…'` string whose opening quote is at `open`; `''` always escapes a quote, `\'` only in `E'…'`. */
function quotedEnd(sql: string, open: number, backslashEscapes: boolean): number {
  let j = open + 1;
  while (j < sql.length) {
    const char = sql.charAt(j);
    if (backslashEscapes && char === '\\') {
      j += 2;
    } else if (char === "'") {
      if (sql.charAt(j + 1) !== "'") return j + 1;
      j += 2;
    } else {
      j += 1;
    }
  }
  return sql.length;
}

/** End of the non-literal token at `i`: an identifier or keyword, a quoted identifier, a comment, a parameter, or one character. */
function nonLiteralEnd(sql: string, i: number): number {
  const char = sql.charAt(i);
  if (IDENT_START.test(char)) {
    let j = i + 1;
    while (j < sql.length && IDENT_PART.test(sql.charAt(j))) j += 1;
    return j;
  }
  if (char === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql.charAt(j) === '"') {
        if (sql.charAt(j + 1) !== '"') return j + 1;
        j += 1;
      }
      j += 1;
    }
    return sql.length;
  }
  if (char === '$') {
    let j = i + 1;
    while (j < sql.length && /[0-9]/.test(sql.charAt(j))) j += 1;
    return j;
  }
  if (sql.startsWith('--', i)) {
    const newline = sql.indexOf('\n', i);
    return newline === -1 ? sql.length : newline;
  }
  if (sql.startsWith('/*', i)) return blockCommentEnd(sql, i);
  return i + 1;
}

/** End of a `/* … *\/` comment starting at `i`; these nest in Postgres. */
function blockCommentEnd(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth += 1;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else {
      j += 1;
    }
  }
  return sql.length;
}
