import { ltv } from '../core/metrics/ltv';
import { assertFinite, numberCell, Range, SheetError, toRange } from './args';

const FN = 'LTV';

interface ArgSpec {
  name: string;
  ok: (n: number) => boolean;
  expectation: string;
  /** Blank makes the row's result blank (true) or counts as 0 (false). */
  blankRow: boolean;
}

const SPECS: ArgSpec[] = [
  { name: 'value', ok: (n) => n >= 0, expectation: 'a number of 0 or more', blankRow: true },
  { name: 'margin', ok: (n) => n >= 0 && n <= 1, expectation: 'a fraction from 0 to 1 (write 80% or 0.8)', blankRow: true },
  { name: 'churn', ok: (n) => n > 0 && n <= 1, expectation: 'a probability greater than 0 and at most 1 (write 2% or 0.02)', blankRow: true },
  { name: 'discount_rate', ok: (n) => n >= 0, expectation: 'a rate of 0 or more', blankRow: false },
  { name: 'acquisition_cost', ok: (n) => n >= 0, expectation: 'a number of 0 or more', blankRow: false },
];

/** =LTV(value, margin, churn, [discount_rate], [acquisition_cost]), vectorised over ranges. */
export function LTV(...args: unknown[]): number | string | (number | string)[][] {
  const ranges = SPECS.map((spec, k) => toRange(FN, spec.name, args[k]));
  // Ranges of more than one cell set the shape; single values apply to every row.
  let shape: { rows: number; cols: number; name: string } | null = null;
  ranges.forEach((r, k) => {
    if (r.cells.length === 1) return;
    if (r.cells.length === 0) throw new SheetError(`${FN}: ${SPECS[k].name} is an empty range`);
    if (!shape) shape = { rows: r.rows, cols: r.cols, name: SPECS[k].name };
    else if (shape.rows !== r.rows || shape.cols !== r.cols) {
      throw new SheetError(
        `${FN}: ${SPECS[k].name} (${r.rows} × ${r.cols}) must have the same shape as ${shape.name} (${shape.rows} × ${shape.cols})`,
      );
    }
  });
  const rows = shape ? (shape as { rows: number }).rows : 1;
  const cols = shape ? (shape as { cols: number }).cols : 1;
  const count = rows * cols;
  // Validate every cell first, so that a bad value anywhere is reported.
  const values: (number | null)[][] = ranges.map((r: Range, k) => {
    const spec = SPECS[k];
    const read = r.cells.map((_, i) => numberCell(FN, spec.name, r, i, spec.ok, spec.expectation));
    return read;
  });
  const cell = (k: number, i: number) => (values[k].length === 1 ? values[k][0] : values[k][i]);
  const out: (number | string)[] = [];
  for (let i = 0; i < count; i++) {
    const v = cell(0, i);
    const m = cell(1, i);
    const c = cell(2, i);
    if (v === null || m === null || c === null) {
      out.push('');
      continue;
    }
    out.push(ltv(v, m, c, cell(3, i) ?? 0, cell(4, i) ?? 0));
  }
  assertFinite(FN, out);
  if (!shape) return out[0];
  const table: (number | string)[][] = [];
  for (let r = 0; r < rows; r++) table.push(out.slice(r * cols, (r + 1) * cols));
  return table;
}
