/**
 * Reading a cell in SQL exactly as the TypeScript core reads it
 * (src/core/table.ts numberFromCell, monthKey; the CSV reader's rule that a
 * number spelt as JavaScript spells it is that number, src/local/load-workbook.ts
 * CsvCells), by the column's type in the engine:
 * - `text` (every CSV column: the raw text of the file; a STRING column):
 *   the contract's rules: TRUE/FALSE → 1/0, "80%" → 0.8, "８０％", "1,234";
 *   numeric text rounded to 15 significant digits as Number(n.toPrecision(15)),
 *   except a number spelt as JavaScript spells it (kept exact);
 * - `number`: itself when finite; `boolean`: 1/0; dates: no number.
 * A month: yyyy-mm text or a date (its year and month), as a month index
 * (year × 12 + month − 1); TIMESTAMPs are read in the spreadsheet's time zone.
 */
import type { SourceColumnType } from '../ports/warehouse';
import type { Dialect } from './dialects';

/** JavaScript's String.prototype.trim whitespace (WhiteSpace and LineTerminator), as an RE2 class. */
const WS =
  '[\\t\\n\\x{0B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

/** The text with JavaScript's trim(). */
export function jsTrim(d: Dialect, e: string): string {
  return d.replaceAll(e, `^${WS}+|${WS}+$`, '');
}

const MAX = '1.7976931348623157e308';

/** A finite double or NULL (NaN and ±Infinity are no number, as Number.isFinite says). */
function finite(e: string): string {
  return `CASE WHEN ${e} BETWEEN -${MAX} AND ${MAX} THEN ${e} END`;
}

/**
 * Number(x.toPrecision(15)) for a finite x. %.14e rounds the exact binary
 * value to 15 digits, as toPrecision does, except at an exact tie, where it
 * rounds to even and toPrecision up (away from zero). A tie needs the exact
 * value to end in 5 at its 16th digit: among doubles that text writes, whole
 * numbers from 10^15 to 2^53 (whose 16th digit is their last); those are
 * corrected here. A fraction that is an exact tie (2^-22 written out in full)
 * is listed in DIFFERENCES of the engines' notes (docs/bigquery.md).
 */
function round15(d: Dialect, x: string): string {
  const whole = `${x} = TRUNC(${x}) AND ABS(${x}) >= 1e15 AND ABS(${x}) < 9007199254740992`;
  const tie = `MOD(CAST(ABS(${x}) AS ${d.type('INT64')}), 10) = 5`;
  return `CASE WHEN ${whole} AND ${tie} THEN SIGN(${x}) * (ABS(${x}) + 5) ELSE CAST(${d.sci15(x)} AS ${d.type('FLOAT64')}) END`;
}

/** JavaScript's String(x) of a finite double, where SQL spells it the same way: whole numbers, and plain decimals. */
function jsString(d: Dialect, x: string): string {
  return `CASE WHEN ${x} = TRUNC(${x}) AND ABS(${x}) < 9.2e18 THEN CAST(CAST(${x} AS ${d.type('INT64')}) AS ${d.type('STRING')}) ELSE CAST(${x} AS ${d.type('STRING')}) END`;
}

const NUMBER_TEXT = '^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$|^[+-]?\\.[0-9]+$';
const FULL = '０１２３４５６７８９．，－＋％';
const HALF = '0123456789.,-+%';

/**
 * numberFromCell of a text cell (see the file's comment), in four steps of
 * select items, each over the one before, so that no piece is written out
 * twice (inlined, the rounding's pieces multiply a query's length by ten).
 * `a` names the step's columns (a_r, a_t, …); the last step's column is `a`.
 */
export function numberFromTextSteps(d: Dialect, a: string, raw: string): string[][] {
  const F = d.type('FLOAT64');
  // parseNumberText: full-width to ASCII, trimmed, a % suffix scales by 0.01.
  const step1 = [
    `${raw} AS ${a}_r`,
    `${jsTrim(d, raw)} AS ${a}_t`,
    `${jsTrim(d, `TRANSLATE(${raw}, '${FULL}', '${HALF}')`)} AS ${a}_s`,
  ];
  const pct = d.matches(`${a}_s`, '%$');
  const step2 = [
    `${pct} AS ${a}_p`,
    `CASE WHEN ${pct} THEN ${jsTrim(d, `SUBSTR(${a}_s, 1, LENGTH(${a}_s) - 1)`)} ELSE ${a}_s END AS ${a}_b`,
    `${d.safeCast(`${a}_r`, 'FLOAT64')} AS ${a}_j`,
  ];
  const n = d.safeCast(`REPLACE(${a}_b, ',', '')`, 'FLOAT64');
  const step3 = [
    `${finite(`CASE WHEN ${a}_p THEN ${n} * 0.01 ELSE ${n} END`)} AS ${a}_x`,
    `${d.matches(`${a}_b`, NUMBER_TEXT)} AS ${a}_ok`,
    // The CSV reader's own rule first: a number spelt as JavaScript spells it is that number, unrounded.
    `${d.matches(`${a}_r`, '^-?[0-9]')} AND ${finite(`${a}_j`)} IS NOT NULL AND ${jsString(d, `${a}_j`)} = ${a}_r AS ${a}_js`,
  ];
  const step4 = [
    `CASE
      WHEN ${a}_r IS NULL THEN NULL
      WHEN UPPER(${a}_t) = 'TRUE' THEN CAST(1 AS ${F})
      WHEN UPPER(${a}_t) = 'FALSE' THEN CAST(0 AS ${F})
      WHEN ${a}_js THEN ${a}_j
      WHEN ${a}_ok AND ${a}_x IS NOT NULL THEN ${round15(d, `${a}_x`)}
    END AS ${a}`,
  ];
  return [step1, step2, step3, step4];
}

/** The cell as a number (NULL: no number), by the column's type. */
export function numberCell(d: Dialect, col: string, type: SourceColumnType): string {
  const F = d.type('FLOAT64');
  switch (type) {
    case 'number':
      return finite(`CAST(${col} AS ${F})`);
    case 'boolean':
      return `CASE WHEN ${col} THEN CAST(1 AS ${F}) WHEN NOT ${col} THEN CAST(0 AS ${F}) END`;
    default:
      // Text is read in steps (numberFromTextSteps); dates hold no number.
      return `CAST(NULL AS ${F})`;
  }
}

/**
 * The cell as text, as the core's `text()` reads an id, a name or a plan:
 * NULL for a blank or empty text, otherwise String(value) (untrimmed); dates
 * as ISO text in the spreadsheet's time zone (`zone`: a parameter).
 */
export function textCell(d: Dialect, col: string, type: SourceColumnType, zone: string): string {
  const S = d.type('STRING');
  switch (type) {
    case 'text':
      // A text of only spaces is a blank, as the CSV reader reads it (load-workbook.ts typeCsvCell).
      return `CASE WHEN ${jsTrim(d, col)} <> '' THEN ${col} END`;
    case 'number':
      return `CASE WHEN ${finite(`CAST(${col} AS ${d.type('FLOAT64')})`)} IS NOT NULL THEN ${jsString(d, `CAST(${col} AS ${d.type('FLOAT64')})`)} END`;
    case 'boolean':
      return `CASE WHEN ${col} THEN 'true' WHEN NOT ${col} THEN 'false' END`;
    case 'date':
      return d.dateText(col);
    case 'timestamp': {
      const t = d.dateTimeText(d.inZone(col, zone));
      return `REPLACE(${t}, 'T00:00:00', '')`;
    }
    default:
      return `CAST(NULL AS ${S})`;
  }
}

const MONTH_Y = `^${WS}*([0-9]{4})[-/][0-9]{1,2}(?:[-/][0-9]{1,2}(?:[T ][0-9:.]+Z?)?)?${WS}*$`;
const MONTH_M = `^${WS}*[0-9]{4}[-/]([0-9]{1,2})(?:[-/][0-9]{1,2}(?:[T ][0-9:.]+Z?)?)?${WS}*$`;

/** The cell's month as year × 12 + month − 1 (NULL when it is no month), as core/table.ts monthKey reads it. */
export function monthCell(d: Dialect, col: string, type: SourceColumnType, zone: string): string {
  const I = d.type('INT64');
  switch (type) {
    case 'text': {
      const y = `CAST(${d.extract(col, MONTH_Y)} AS ${I})`;
      const m = `CAST(${d.extract(col, MONTH_M)} AS ${I})`;
      return `CASE WHEN ${m} BETWEEN 1 AND 12 THEN ${y} * 12 + ${m} - 1 END`;
    }
    case 'date':
      return `(EXTRACT(YEAR FROM ${col}) * 12 + EXTRACT(MONTH FROM ${col}) - 1)`;
    case 'timestamp': {
      const t = d.inZone(col, zone);
      return `(EXTRACT(YEAR FROM ${t}) * 12 + EXTRACT(MONTH FROM ${t}) - 1)`;
    }
    default:
      return `CAST(NULL AS ${I})`;
  }
}
