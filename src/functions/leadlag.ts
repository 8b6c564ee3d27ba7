import { CorrelationMethod, leadLag, pairsAtLag, differences } from '../core/metrics/leadlag';
import { assertFinite, badCell, isFiniteNumber, cellAt, describe, isBlank, scalarArg, SheetError, size, vectorArg } from './args';

const FN = 'LEADLAG';
export const LEADLAG_HEADER = ['lag', 'r', 'pairs', 'p_value'];
/** A sanity bound on the spill: 2 × 100,000 + 1 rows at most. */
const MAX_LAG_LIMIT = 100000;

function series(name: string, arg: unknown): (number | null)[] {
  const r = vectorArg(FN, name, arg);
  const out: (number | null)[] = new Array(size(r));
  for (let i = 0; i < out.length; i++) {
    const v = cellAt(r, i);
    if (typeof v === 'number' && isFiniteNumber(v)) out[i] = v;
    else if (isBlank(v)) out[i] = null;
    else throw badCell(FN, name, r, i, 'a number');
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
  const x = series('leading', leading);
  const y = series('lagging', lagging);
  if (x.length !== y.length) {
    throw new SheetError(`${FN}: leading has ${x.length} cells but lagging has ${y.length}; the series must have the same length`);
  }
  const n = x.length;

  const ml = scalarArg(FN, 'max_lag', maxLag);
  let lagLimit: number;
  if (isBlank(ml)) {
    lagLimit = Math.max(0, Math.min(12, n - 3));
  } else if (typeof ml !== 'number' || !Number.isInteger(ml) || ml < 0) {
    throw new SheetError(`${FN}: max_lag is ${describe(ml)}, not a whole number of 0 or more`);
  } else if (ml > MAX_LAG_LIMIT) {
    throw new SheetError(`${FN}: max_lag is ${ml}, more than ${MAX_LAG_LIMIT}`);
  } else {
    lagLimit = ml;
  }

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
        ? `${FN}: only ${pairs0} pairs of changes at lag 0 (both series present in two consecutive periods); at least 4 are needed`
        : `${FN}: only ${pairs0} pairs at lag 0 (both series present in the same period); at least 4 are needed`,
    );
  }

  const rows = leadLag(x, y, { maxLag: lagLimit, method: how, differenced: diff });
  const out: (number | string)[][] = [LEADLAG_HEADER.slice()];
  for (const r of rows) out.push([r.lag, r.r ?? '', r.pairs, r.pValue ?? '']);
  assertFinite(FN, out);
  return out;
}
