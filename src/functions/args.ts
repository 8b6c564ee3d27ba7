/**
 * Reading custom-function arguments the way Sheets passes them: a range is a
 * 2-D array of rows, a single cell a bare value, a blank cell "", an omitted
 * argument undefined. Numbers are numbers, dates Date objects, TRUE/FALSE
 * booleans. Text is never read as a number.
 *
 * Pure TypeScript: no Apps Script global is touched here.
 */

/** An error shown in the cell: its message starts with the function's name. */
export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Error';
  }
}

export type Cell = unknown;

/**
 * A range argument as Sheets passes it, with its shape. The rows are kept as
 * given (no copy): hot loops read `data[r][c]` directly.
 */
export interface Range {
  data: Cell[][];
  rows: number;
  cols: number;
  /** false for a single cell passed as a bare value. */
  isRange: boolean;
}

const objectToString = Object.prototype.toString;

/** Dates from another realm (the vm context, Sheets' own) fail instanceof. */
export function isDate(v: unknown): v is Date {
  return objectToString.call(v) === '[object Date]';
}

export function isBlank(v: unknown): boolean {
  return v === '' || v === undefined || v === null;
}

/**
 * Built-ins used in per-cell loops, looked up once: under a vm context (our
 * tests and benchmark) every global lookup goes through an interceptor.
 */
const isArray = Array.isArray;
export const isFiniteNumber = Number.isFinite as (v: unknown) => v is number;

/** Reads an argument as a range; a bare value is a 1 × 1 range. */
export function toRange(fn: string, name: string, arg: unknown): Range {
  if (!isArray(arg)) return { data: [[arg]], rows: 1, cols: 1, isRange: false };
  if (arg.length === 0) return { data: [], rows: 0, cols: 0, isRange: true };
  // A 1-D array is not how Sheets passes a range, but read it as one row.
  if (!Array.isArray(arg[0])) return { data: [arg], rows: 1, cols: arg.length, isRange: true };
  const cols = (arg[0] as unknown[]).length;
  for (let i = 1; i < arg.length; i++) {
    const row = arg[i];
    if (!isArray(row) || row.length !== cols) {
      throw new SheetError(`${fn}: ${name} is not a rectangular range (row ${i + 1} has a different width)`);
    }
  }
  return { data: arg as Cell[][], rows: arg.length, cols, isRange: true };
}

/** Number of cells of a range. */
export function size(range: Range): number {
  return range.rows * range.cols;
}

/** The cell at flat index i (row by row, left to right). */
export function cellAt(range: Range, i: number): Cell {
  return range.data[Math.floor(i / range.cols)][i % range.cols];
}

/** "row 7", "column 7" or "row 7, column 2" for the cell at flat index i. */
export function position(range: Range, i: number): string {
  if (!range.isRange) return '';
  if (range.cols === 1) return `row ${i + 1}`;
  if (range.rows === 1) return `column ${i + 1}`;
  return `row ${Math.floor(i / range.cols) + 1}, column ${(i % range.cols) + 1}`;
}

/** "scores row 7" or just "scores" for a single cell. */
export function where(name: string, range: Range, i: number): string {
  const pos = position(range, i);
  return pos ? `${name} ${pos}` : name;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** yyyy-mm-dd of a date, by its local calendar fields (the script's time zone). */
export function dateText(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** How a cell's value is shown inside an error message. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return v === '' ? 'blank' : JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return `the date ${dateText(v)}`;
  if (typeof v === 'number') return String(v);
  if (v === undefined || v === null) return 'blank';
  return typeof v;
}

/** A finite number, or null when the cell is anything else. Never parses text. */
export function asNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Reads a cell that must be a number satisfying `ok`; blank gives null.
 * Anything else is an error: `FN: name row 3 is "x", not <expectation>`.
 */
export function numberCell(
  fn: string,
  name: string,
  range: Range,
  i: number,
  ok: (n: number) => boolean,
  expectation: string,
): number | null {
  const v = cellAt(range, i);
  if (isBlank(v)) return null;
  const n = asNumber(v);
  if (n === null || !ok(n)) throw badCell(fn, name, range, i, expectation);
  return n;
}

/** A single-valued optional argument (a bare cell, or a 1 × 1 range). */
export function scalarArg(fn: string, name: string, arg: unknown): unknown {
  if (!Array.isArray(arg)) return arg;
  const r = toRange(fn, name, arg);
  if (size(r) !== 1) throw new SheetError(`${fn}: ${name} must be a single cell, not a range of ${r.rows} × ${r.cols}`);
  return r.data[0][0];
}

/** A range that must be a single column or a single row (or one cell). */
export function vectorArg(fn: string, name: string, arg: unknown): Range {
  const r = toRange(fn, name, arg);
  if (r.rows > 1 && r.cols > 1) {
    throw new SheetError(
      `${fn}: ${name} must be a single column or row, not a range of ${r.rows} rows × ${r.cols} columns`,
    );
  }
  return r;
}

/** The error for a cell that is not what an argument needs. */
export function badCell(fn: string, name: string, range: Range, i: number, expectation: string): SheetError {
  return new SheetError(`${fn}: ${where(name, range, i)} is ${describe(cellAt(range, i))}, not ${expectation}`);
}

/** Throws when a result holds NaN or ±Infinity: never return a silently wrong number. */
export function assertFinite(fn: string, value: unknown): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new SheetError(`${fn}: the result is not a finite number; please check the inputs`);
  }
  if (Array.isArray(value)) for (const v of value) assertFinite(fn, v);
}

/** A required argument: omitted (undefined) is an error naming it. */
export function requiredArg(fn: string, name: string, arg: unknown): unknown {
  if (arg === undefined) throw new SheetError(`${fn}: ${name} is missing; this argument is required`);
  return arg;
}

/** Ranges read together cell by cell must have one shape. */
export function requireSameShape(fn: string, name: string, range: Range, refName: string, ref: Range): void {
  if (range.rows !== ref.rows || range.cols !== ref.cols) {
    throw new SheetError(
      `${fn}: ${name} (${range.rows} × ${range.cols}) must have the same shape as ${refName} (${ref.rows} × ${ref.cols})`,
    );
  }
}
