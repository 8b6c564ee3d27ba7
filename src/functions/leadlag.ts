import { type CorrelationMethod, leadLag, pairsAtLag, differences } from '../core/metrics/leadlag';
import {
  assertFinite,
  badCell,
  isFiniteNumber,
  describe,
  isBlank,
  type Range,
  scalarArg,
  SheetError,
  size,
  vectorArg,
} from './args';

const FN = 'LEADLAG';
export const LEADLAG_HEADER = ['lag', 'r', 'pairs', 'p_value'];

/**
 * Ceilings that keep every call well inside Sheets' 30-second limit for a
 * custom function, measured by `npm run bench` (leadlag_ceiling_worst_ms:
 * the slowest of Pearson, Spearman and Spearman on changes at shapes on both
 * ceilings). The work of a call is one pass over the periods per lag:
 * periods × (2 × max_lag + 1). The default max_lag (at most 12) stays within
 * both for every series the first ceiling allows.
 */
export const LEADLAG_MAX_CELLS = 200_000;
export const LEADLAG_MAX_WORK = 5_000_000;

/** The range of a series argument, refused before any cell is read when it is longer than the ceiling. */
function seriesRange(name: string, arg: unknown): Range {
  const r = vectorArg(FN, name, arg);
  if (size(r) > LEADLAG_MAX_CELLS) {
    throw new SheetError(
      `${FN}: ${name} has ${size(r).toLocaleString('en-US')} cells, more than the ${LEADLAG_MAX_CELLS.toLocaleString('en-US')} one call can correlate within Sheets' 30-second limit`,
    );
  }
  return r;
}

function series(name: string, r: Range): (number | null)[] {
  const out: (number | null)[] = new Array(size(r));
  let i = 0;
  for (let row = 0; row < r.rows; row++) {
    const cells = r.data[row];
    for (let col = 0; col < r.cols; col++, i++) {
      const v = cells[col];
      if (typeof v === 'number' && isFiniteNumber(v)) out[i] = v;
      else if (isBlank(v)) out[i] = null;
      else throw badCell(FN, name, r, i, 'a number');
    }
  }
  return out;
}

/** =LEADLAG(leading, lagging, [max_lag], [method], [differenced]) as Sheets calls it. */
export function LEADLAG(
  leading: unknown,
  lagging: unknown,
  maxLag?: unknown,
  method?: unknown,
  differenced?: unknown,
): (number | string)[][] {
  const rx = seriesRange('leading', leading);
  const ry = seriesRange('lagging', lagging);
  const x = series('leading', rx);
  const y = series('lagging', ry);
  if (x.length !== y.length) {
    throw new SheetError(
      `${FN}: leading has ${x.length} cells but lagging has ${y.length}; the series must have the same length`,
    );
  }
  const n = x.length;

  const ml = scalarArg(FN, 'max_lag', maxLag);
  const lagGiven = !isBlank(ml);
  if (lagGiven && (typeof ml !== 'number' || !Number.isInteger(ml) || ml < 0)) {
    throw new SheetError(`${FN}: max_lag is ${describe(ml)}, not a whole number of 0 or more`);
  }
  const lagLimit = lagGiven ? (ml as number) : Math.max(0, Math.min(12, n - 3));

  const m = scalarArg(FN, 'method', method);
  let how: CorrelationMethod = 'pearson';
  if (!isBlank(m)) {
    const text = typeof m === 'string' ? m.trim().toLowerCase() : null;
    if (text !== 'pearson' && text !== 'spearman') {
      throw new SheetError(`${FN}: method is ${describe(m)}, not "pearson" or "spearman"`);
    }
    how = text;
  }

  const dv = scalarArg(FN, 'differenced', differenced);
  if (!isBlank(dv) && typeof dv !== 'boolean') {
    throw new SheetError(`${FN}: differenced is ${describe(dv)}, not TRUE or FALSE`);
  }
  const diff = dv === true;

  const pairs0 = diff ? pairsAtLag(differences(x), differences(y), 0) : pairsAtLag(x, y, 0);
  if (pairs0 < 4) {
    throw new SheetError(
      diff
        ? `${FN}: leading and lagging have only ${pairs0} pairs of changes at lag 0 (both series present in two consecutive periods); at least 4 are needed`
        : `${FN}: leading and lagging have only ${pairs0} pairs at lag 0 (both series present in the same period); at least 4 are needed`,
    );
  }
  if (lagGiven) checkMaxLag(lagLimit, n, diff);

  const rows = leadLag(x, y, { maxLag: lagLimit, method: how, differenced: diff });
  const out: (number | string)[][] = [LEADLAG_HEADER.slice()];
  for (const r of rows) out.push([r.lag, r.r ?? '', r.pairs, r.pValue ?? '']);
  assertFinite(FN, out);
  return out;
}

/**
 * A max_lag the data can use (a lag needs 3 pairs: n periods give lags up to
 * n − 3, their n − 1 changes up to n − 4) and whose work fits the ceiling.
 * When both bind, the message gives the smaller bound.
 */
function checkMaxLag(maxLag: number, n: number, diff: boolean): void {
  const usable = diff ? n - 4 : n - 3;
  const affordable = Math.floor((LEADLAG_MAX_WORK / n - 1) / 2);
  if (maxLag > usable && usable <= affordable) {
    throw new SheetError(
      diff
        ? `${FN}: max_lag is ${maxLag}, more than the ${usable} lags that ${n} periods (${n - 1} changes) can show, as a lag needs 3 pairs; use ${usable} or less`
        : `${FN}: max_lag is ${maxLag}, more than the ${usable} lags that ${n} periods can show, as a lag needs 3 pairs; use ${usable} or less`,
    );
  }
  if (maxLag > affordable) {
    const lags = 2 * maxLag + 1;
    throw new SheetError(
      `${FN}: max_lag is ${maxLag}: ${lags.toLocaleString('en-US')} lags over ${n.toLocaleString('en-US')} periods is more than one call can compute within Sheets' 30-second limit (at most ${LEADLAG_MAX_WORK.toLocaleString('en-US')} periods × lags); use ${affordable} or less`,
    );
  }
}
