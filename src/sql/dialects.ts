/**
 * The two renderings of the compiled tree: BigQuery Standard SQL (GoogleSQL)
 * and DuckDB. The compiler (compile.ts) writes one query through a Dialect;
 * every place where the renderings differ is a method here, and DIFFERENCES
 * below lists each one with the reason, in the order of the methods. A
 * difference not in this file does not exist: the BigQuery double of the
 * tests (test/helpers/bigquery-double.ts) runs the BigQuery text on DuckDB by
 * rewriting exactly these, and nothing else.
 */
import type { SqlParamType } from '../ports/warehouse';
import type { DialectName } from './api';

export interface Dialect {
  name: DialectName;
  /** A quoted identifier (a column of the user's table, or one of ours). */
  ident(name: string): string;
  /** A quoted table path. */
  table(path: readonly string[]): string;
  /** A named parameter's placeholder. */
  param(name: string): string;
  /** A type's name in CAST. */
  type(t: SqlParamType): string;
  /** CAST that gives NULL instead of an error. */
  safeCast(expr: string, t: SqlParamType): string;
  /** A regular expression of ours (RE2 syntax in both engines) as a string literal. */
  regex(re: string): string;
  /** Whether the expression contains a match of the pattern (RE2, unanchored). */
  matches(expr: string, re: string): string;
  /** The pattern's first capture group, NULL without a match. */
  extract(expr: string, re: string): string;
  /** Every match replaced. */
  replaceAll(expr: string, re: string, by: string): string;
  /** The number in scientific notation with 15 significant digits (`%.14e`). */
  sci15(expr: string): string;
  /** A DATE as yyyy-mm-dd. */
  dateText(expr: string): string;
  /** A TIMESTAMP's wall-clock time in a time zone, as a value EXTRACT and dateTime read. */
  inZone(expr: string, zone: string): string;
  /** A wall-clock time (from inZone) as yyyy-mm-ddTHH:MM:SS. */
  dateTimeText(expr: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
}

/** A literal of our own text (never a value from a tree or a cell: those are parameters). */
function quoteOwn(s: string, escapeBackslash: boolean): string {
  if (/[\n\r]/.test(s)) throw new Error('our SQL literals are one line');
  const body = s.replace(/'/g, escapeBackslash ? "\\'" : "''");
  return `'${escapeBackslash ? body.replace(/\\(?!')/g, '\\\\') : body}'`;
}

const TYPES_BQ: Record<SqlParamType, string> = { STRING: 'STRING', FLOAT64: 'FLOAT64', INT64: 'INT64', BOOL: 'BOOL' };
const TYPES_DUCK: Record<SqlParamType, string> = {
  STRING: 'VARCHAR',
  FLOAT64: 'DOUBLE',
  INT64: 'BIGINT',
  BOOL: 'BOOLEAN',
};

export const BIGQUERY: Dialect = {
  name: 'bigquery',
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#quoted_identifiers
  ident: (n) => `\`${n.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  table: (path) => `\`${path.map((p) => p.replace(/\\/g, '\\\\').replace(/`/g, '\\`')).join('.')}\``,
  param: (n) => `@${n}`,
  type: (t) => TYPES_BQ[t],
  safeCast: (e, t) => `SAFE_CAST(${e} AS ${TYPES_BQ[t]})`,
  regex: (re) => `r${quoteOwn(re, false)}`,
  matches: (e, re) => `REGEXP_CONTAINS(${e}, r${quoteOwn(re, false)})`,
  extract: (e, re) => `REGEXP_EXTRACT(${e}, r${quoteOwn(re, false)})`,
  replaceAll: (e, re, by) => `REGEXP_REPLACE(${e}, r${quoteOwn(re, false)}, ${quoteOwn(by, true)})`,
  sci15: (e) => `FORMAT('%.14e', ${e})`,
  dateText: (e) => `FORMAT_DATE('%Y-%m-%d', ${e})`,
  inZone: (e, zone) => `DATETIME(${e}, ${zone})`,
  dateTimeText: (e) => `FORMAT_DATETIME('%Y-%m-%dT%H:%M:%S', ${e})`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
};

export const DUCKDB: Dialect = {
  name: 'duckdb',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  table: (path) => path.map((p) => `"${p.replace(/"/g, '""')}"`).join('.'),
  param: (n) => `$${n}`,
  type: (t) => TYPES_DUCK[t],
  safeCast: (e, t) => `TRY_CAST(${e} AS ${TYPES_DUCK[t]})`,
  regex: (re) => quoteOwn(re, false),
  matches: (e, re) => `regexp_matches(${e}, ${quoteOwn(re, false)})`,
  extract: (e, re) => `NULLIF(regexp_extract(${e}, ${quoteOwn(re, false)}, 1), '')`,
  replaceAll: (e, re, by) => `regexp_replace(${e}, ${quoteOwn(re, false)}, ${quoteOwn(by, false)}, 'g')`,
  sci15: (e) => `printf('%.14e', ${e})`,
  dateText: (e) => `strftime(${e}, '%Y-%m-%d')`,
  inZone: (e, zone) => `timezone(${zone}, CAST(${e} AS TIMESTAMPTZ))`,
  dateTimeText: (e) => `strftime(${e}, '%Y-%m-%dT%H:%M:%S')`,
  intDiv: (a, b) => `(${a}) // (${b})`,
};

export function dialect(name: DialectName): Dialect {
  return name === 'bigquery' ? BIGQUERY : DUCKDB;
}

/**
 * Every place where the BigQuery and the DuckDB renderings differ, with the
 * reason. `bigquery` and `duckdb` are the spellings; the BigQuery double of
 * the tests rewrites the first into the second, one rule per entry.
 */
export interface Difference {
  what: string;
  bigquery: string;
  duckdb: string;
  why: string;
}

export const DIFFERENCES: readonly Difference[] = [
  {
    what: 'quoted identifiers and table paths',
    bigquery: '`column`, `project.dataset.table`',
    duckdb: '"column", "view"',
    why: 'GoogleSQL quotes identifiers with backticks (a table path may be quoted whole); DuckDB follows standard SQL double quotes.',
  },
  {
    what: 'named query parameters',
    bigquery: '@name',
    duckdb: '$name',
    why: "BigQuery's queryParameters are named with @; DuckDB's prepared statements bind $name.",
  },
  {
    what: 'type names in CAST',
    bigquery: 'FLOAT64, INT64, STRING, BOOL',
    duckdb: 'DOUBLE, BIGINT, VARCHAR, BOOLEAN',
    why: 'Each engine names its types; the values are the same IEEE doubles and 64-bit integers.',
  },
  {
    what: 'a cast that gives NULL instead of failing',
    bigquery: 'SAFE_CAST(x AS T)',
    duckdb: 'TRY_CAST(x AS T)',
    why: 'The same behaviour under two names.',
  },
  {
    what: 'string literals of our regular expressions',
    bigquery: "r'…' (raw string)",
    duckdb: "'…'",
    why: 'GoogleSQL strings treat \\ as an escape unless raw; DuckDB strings have no escapes. Both engines read the pattern with RE2.',
  },
  {
    what: 'a regular expression that matches somewhere',
    bigquery: 'REGEXP_CONTAINS(s, r)',
    duckdb: 'regexp_matches(s, r)',
    why: 'The same unanchored RE2 search under two names.',
  },
  {
    what: "a regular expression's first group",
    bigquery: 'REGEXP_EXTRACT(s, r)',
    duckdb: "NULLIF(regexp_extract(s, r, 1), '')",
    why: 'BigQuery returns the first group, or NULL without a match; DuckDB takes the group number and returns an empty string without a match (our groups never match empty).',
  },
  {
    what: 'replacing every match',
    bigquery: "REGEXP_REPLACE(s, r, '')",
    duckdb: "regexp_replace(s, r, '', 'g')",
    why: "BigQuery replaces every match; DuckDB replaces the first unless given the 'g' option.",
  },
  {
    what: 'a number with 15 significant digits',
    bigquery: "FORMAT('%.14e', x)",
    duckdb: "printf('%.14e', x)",
    why: "JavaScript's toPrecision(15), which the contract's reading of numeric text uses, is emulated with %.14e; the two engines name the printf-like function differently. Both round the exact binary value; an exact tie at the 16th digit rounds to even there and up in JavaScript, which cells.ts corrects for whole numbers (the only ties text can write below 2^53).",
  },
  {
    what: 'a DATE as yyyy-mm-dd',
    bigquery: "FORMAT_DATE('%Y-%m-%d', d)",
    duckdb: "strftime(d, '%Y-%m-%d')",
    why: 'Different function names and argument order for the same format.',
  },
  {
    what: "a TIMESTAMP's wall-clock time in the spreadsheet's time zone",
    bigquery: 'DATETIME(ts, @tz)',
    duckdb: 'timezone($tz, CAST(ts AS TIMESTAMPTZ))',
    why: "The contract reads dates in the spreadsheet's time zone (a month boundary in Tokyo is not one in UTC). BigQuery TIMESTAMPs are absolute; DuckDB needs its ICU time zones and a TIMESTAMPTZ.",
  },
  {
    what: 'a wall-clock time as yyyy-mm-ddTHH:MM:SS',
    bigquery: "FORMAT_DATETIME('%Y-%m-%dT%H:%M:%S', t)",
    duckdb: "strftime(t, '%Y-%m-%dT%H:%M:%S')",
    why: 'Different function names and argument order for the same format.',
  },
  {
    what: 'integer division',
    bigquery: 'DIV(a, b)',
    duckdb: 'a // b',
    why: 'BigQuery divides INT64 with DIV (/ gives FLOAT64); DuckDB with //.',
  },
];
