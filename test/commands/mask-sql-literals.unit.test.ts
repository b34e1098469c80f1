import { describe, expect, it } from 'vitest';
import { maskSqlLiterals } from '../../src/commands/mask-sql-literals.js';

const CASES: [name: string, sql: string, masked: string][] = [
  ['string', "SELECT * FROM users WHERE email = 'a@example.com'", 'SELECT * FROM users WHERE email = ?'],
  ["'' escape inside a string", "SELECT 'it''s secret', 1", 'SELECT ?, ?'],
  ['empty string', "SELECT ''", 'SELECT ?'],
  ['backslash is literal in a standard string', "SELECT 'a\\', 'secret'", 'SELECT ?, ?'],
  ["E'' with a backslash-escaped quote", "SELECT E'it\\'s secret' AS x", 'SELECT ? AS x'],
  ["e'' lower case, \\\\ before the closing quote", "SELECT e'a\\\\', 'b'", 'SELECT ?, ?'],
  ["B'' X'' N'' U&''", "SELECT B'1010', X'1F', N'nat', U&'d\\0061t'", 'SELECT ?, ?, ?, ?'],
  ['dollar quotes', 'SELECT $$pass word$$, 2', 'SELECT ?, ?'],
  ['tagged dollar quotes hold $$ and quotes', "DO $fn$ BEGIN PERFORM 'x'; $$ inner $$ END $fn$;", 'DO ?;'],
  ['numbers', 'SELECT 42, 3.5, .5, 1e10, 1.5E-3, 0x1F FROM t', 'SELECT ?, ?, ?, ?, ?, ? FROM t'],
  ['negative number keeps its sign', 'WHERE x > -7', 'WHERE x > -?'],
  ['identifiers with digits stay', 'SELECT t1.col2, "col 3" FROM t1', 'SELECT t1.col2, "col 3" FROM t1'],
  ['quoted identifier with "" and a quote', 'SELECT "it""s \'x\'" FROM t', 'SELECT "it""s \'x\'" FROM t'],
  [
    'parameters stay',
    'UPDATE "execution_entity" SET "status" = $1 WHERE "id" = $12',
    'UPDATE "execution_entity" SET "status" = $1 WHERE "id" = $12',
  ],
  ['identifier containing $', 'SELECT a$1, b$c$ FROM t', 'SELECT a$1, b$c$ FROM t'],
  ['casts and intervals', "SELECT now() - interval '7 days', '1'::int", 'SELECT now() - interval ?, ?::int'],
  ['keywords stay', 'SELECT 1 LIMIT 500 OFFSET 10', 'SELECT ? LIMIT ? OFFSET ?'],
  [
    'line comment kept, quote in it ignored',
    "SELECT 1 -- don't\nFROM t WHERE a = 'b'",
    "SELECT ? -- don't\nFROM t WHERE a = ?",
  ],
  ['nested block comment kept', "/* a /* 'b' */ c */ SELECT 'd'", "/* a /* 'b' */ c */ SELECT ?"],
  ['newlines and backticks kept', "SELECT `x`,\n  'y\nz'", 'SELECT `x`,\n  ?'],
  ['unterminated string (text cut by Postgres) masked to the end', "SELECT 'password123 and more", 'SELECT ?'],
  ['unterminated dollar quote masked to the end', 'SELECT $q$secret', 'SELECT ?'],
  ['hidden query untouched', '<insufficient privilege>', '<insufficient privilege>'],
  [
    'non-ASCII identifiers and strings',
    "SELECT größe FROM café WHERE name = 'Zoë 😀'",
    'SELECT größe FROM café WHERE name = ?',
  ],
  ['function call with literals', "SELECT pg_sleep(30), 'secret-literal'", 'SELECT pg_sleep(?), ?'],
];

describe('maskSqlLiterals', () => {
  it.each(CASES)('%s', (_name, sql, masked) => {
    expect(maskSqlLiterals(sql)).toBe(masked);
  });
});
