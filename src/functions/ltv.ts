import { ltv } from '../core/metrics/ltv';
import { badCell, cellAt, describe, isFiniteNumber, type Range, SheetError, size, toRange, where } from './args';

const FN = 'LTV';
/** A blank cell among the numbers read (NaN, looked up once: see args.ts). */
const BLANK = NaN;
const isBlankNumber = (n: number) => n !== n;

interface ArgSpec {
  name: string;
  ok: (n: number) => boolean;
  expectation: string;
}

const SPECS: ArgSpec[] = [
  { name: 'value', ok: (n) => n >= 0, expectation: 'a number of 0 or more' },
  { name: 'margin', ok: (n) => n >= 0 && n <= 1, expectation: 'a fraction from 0 to 1 (write 80% or 0.8)' },
  {
    name: 'churn',
    ok: (n) => n > 0 && n <= 1,
    expectation: 'a probability greater than 0 and at most 1 (write 2% or 0.02)',
  },
  { name: 'discount_rate', ok: (n) => n >= 0, expectation: 'a rate of 0 or more' },
  { name: 'acquisition_cost', ok: (n) => n >= 0, expectation: 'a number of 0 or more' },
];

/** Reads every cell of an argument (NaN for a blank), validating each. */
function readArg(spec: ArgSpec, range: Range): Float64Array {
  const out = new Float64Array(size(range));
  let i = 0;
  for (let r = 0; r < range.rows; r++) {
    const row = range.data[r];
    for (let c = 0; c < range.cols; c++, i++) {
      const v = row[c];
      if (typeof v === 'number' && isFiniteNumber(v) && spec.ok(v)) out[i] = v;
      else if (v === '' || v === undefined || v === null) out[i] = BLANK;
      else throw badCell(FN, spec.name, range, i, spec.expectation);
    }
  }
  return out;
}

/**
 * The error for a lifetime value above the largest double. It is at most
 * value / churn (margin ≤ 1, (1 + d)/(d + churn) ≤ 1/churn), so those two
 * arguments are the ones to name.
 */
function tooLarge(ranges: Range[], i: number): SheetError {
  const cell = (k: number) => {
    const j = size(ranges[k]) === 1 ? 0 : i;
    return `${where(SPECS[k].name, ranges[k], j)} is ${describe(cellAt(ranges[k], j))}`;
  };
  return new SheetError(
    `${FN}: ${cell(0)} and ${cell(2)}: the lifetime value is above the largest number a cell can hold (about 1.8e308)`,
  );
}

/**
 * =LTV(value, margin, churn, [discount_rate], [acquisition_cost]), vectorised:
 * ranges of more than one cell set the shape, single values apply to every
 * cell. A blank value, margin or churn gives a blank result; a blank
 * discount_rate or acquisition_cost counts as 0.
 */
export function LTV(...args: unknown[]): number | string | (number | string)[][] {
  const ranges = SPECS.map((spec, k) => toRange(FN, spec.name, args[k]));
  let shape: { rows: number; cols: number; name: string } | null = null;
  ranges.forEach((r, k) => {
    if (size(r) === 1) return;
    if (size(r) === 0) throw new SheetError(`${FN}: ${SPECS[k].name} is an empty range`);
    if (!shape) shape = { rows: r.rows, cols: r.cols, name: SPECS[k].name };
    else if (shape.rows !== r.rows || shape.cols !== r.cols) {
      throw new SheetError(
        `${FN}: ${SPECS[k].name} (${r.rows} × ${r.cols}) must have the same shape as ${shape.name} (${shape.rows} × ${shape.cols})`,
      );
    }
  });
  // Validate every cell first, so that a bad value anywhere is reported.
  const values = SPECS.map((spec, k) => readArg(spec, ranges[k]));
  const s = shape as { rows: number; cols: number } | null;
  const rows = s ? s.rows : 1;
  const cols = s ? s.cols : 1;
  const at = (k: number, i: number) => (values[k].length === 1 ? values[k][0] : values[k][i]);
  const table: (number | string)[][] = new Array(rows);
  let i = 0;
  for (let r = 0; r < rows; r++) {
    const row: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++, i++) {
      const v = at(0, i);
      const m = at(1, i);
      const ch = at(2, i);
      if (isBlankNumber(v) || isBlankNumber(m) || isBlankNumber(ch)) {
        row[c] = '';
        continue;
      }
      const d = at(3, i);
      const acq = at(4, i);
      const result = ltv(v, m, ch, isBlankNumber(d) ? 0 : d, isBlankNumber(acq) ? 0 : acq);
      if (!isFiniteNumber(result)) throw tooLarge(ranges, i);
      row[c] = result;
    }
    table[r] = row;
  }
  return s ? table : table[0][0];
}
