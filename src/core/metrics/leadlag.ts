/**
 * Lead/lag correlation scan: does x (a KPI) move before y (the KGI)?
 * Lag k pairs x[t] with y[t + k]; positive k means x moves k periods first,
 * negative k that y moves first (the warning sign of reverse causation).
 * Used by =LEADLAG and by the KPI tree's verdicts, so both always agree.
 */
import { correlationPValue } from '../stats/correlation-p-value';
import { midranksOfSubset, sortedOrder } from '../stats/midranks';
import { isConstant, pearson } from '../stats/pearson';
import { unitScale } from '../stats/scale';

export type CorrelationMethod = 'pearson' | 'spearman';

/** A series: one value per period, oldest first; null is a blank. */
export type Series = ReadonlyArray<number | null>;

export interface LagRow {
  lag: number;
  /** null when fewer than 3 pairs or one side is constant. */
  r: number | null;
  pairs: number;
  pValue: number | null;
}

export interface LeadLagOptions {
  maxLag: number;
  method?: CorrelationMethod;
  differenced?: boolean;
}

/** Period-over-period changes x[t] − x[t−1] (length n − 1), blank next to a blank. */
export function differences(x: Series): (number | null)[] {
  const out: (number | null)[] = [];
  for (let t = 1; t < x.length; t++) {
    const a = x[t - 1];
    const b = x[t];
    out.push(a === null || b === null ? null : b - a);
  }
  return out;
}

/** Largest magnitude in a series (the scale against which "constant" is judged). */
function magnitude(x: Series): number {
  let m = 0;
  for (const v of x) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** Number of pairs with both sides present at lag k. */
export function pairsAtLag(x: Series, y: Series, k: number): number {
  let n = 0;
  const len = Math.min(x.length, y.length);
  for (let t = Math.max(0, -k); t < len && t + k < len; t++) if (x[t] !== null && y[t + k] !== null) n++;
  return n;
}

/**
 * The series times a power of two that brings its largest magnitude into
 * [1, 2): no digit changes, so every correlation stays bit for bit, and
 * changes of values near ±1.7e308 no longer overflow.
 */
function normalised(x: Series): Series {
  const s = unitScale(magnitude(x));
  return s === 1 ? x : x.map((v) => (v === null ? null : v * s));
}

/**
 * Correlation at every lag from −maxLag to +maxLag (increasing). The two
 * series must have the same length. Correlations do not depend on units:
 * a series in other units (× c, c ≠ 0) gives the same r (its sign flipped
 * for c < 0) and p, over the whole range of doubles.
 */
export function leadLag(xIn: Series, yIn: Series, opts: LeadLagOptions): LagRow[] {
  const method = opts.method ?? 'pearson';
  const x = normalised(xIn);
  const y = normalised(yIn);
  // Constant-ness is judged against the levels' scale: differencing a straight
  // line leaves noise of that order, which must not pass for a correlation.
  const scaleX = magnitude(x);
  const scaleY = magnitude(y);
  const xs = opts.differenced ? differences(x) : x;
  const ys = opts.differenced ? differences(y) : y;
  const len = xs.length;
  const bufX = new Float64Array(len);
  const bufY = new Float64Array(len);
  const rankX = new Float64Array(len);
  const rankY = new Float64Array(len);
  // Spearman: sort each series once; at each lag the ranks of the pairs
  // present are read off that order in O(n) instead of sorting again.
  const spearman = method === 'spearman';
  const orderX = spearman ? sortedOrder(xs) : null;
  const orderY = spearman ? sortedOrder(ys) : null;
  const slotX = new Int32Array(len); // pair index of x[t] at this lag, or −1
  const slotY = new Int32Array(len); // pair index of y[s] at this lag, or −1
  const rows: LagRow[] = [];
  for (let k = -opts.maxLag; k <= opts.maxLag; k++) {
    let n = 0;
    if (spearman) {
      slotX.fill(-1);
      slotY.fill(-1);
    }
    for (let t = Math.max(0, -k); t < len && t + k < len; t++) {
      const a = xs[t];
      const b = ys[t + k];
      if (a === null || b === null) continue;
      bufX[n] = a;
      bufY[n] = b;
      if (spearman) {
        slotX[t] = n;
        slotY[t + k] = n;
      }
      n++;
    }
    let r: number | null = null;
    if (n >= 3) {
      if (method === 'spearman') {
        // Constant on the original values (ties everywhere) means no rank correlation.
        if (!isConstant(bufX, n, scaleX) && !isConstant(bufY, n, scaleY)) {
          midranksOfSubset(orderX!, xs, slotX, rankX);
          midranksOfSubset(orderY!, ys, slotY, rankY);
          r = pearson(rankX, rankY, n, n, n);
        }
      } else {
        r = pearson(bufX, bufY, n, scaleX, scaleY);
      }
    }
    rows.push({ lag: k, r, pairs: n, pValue: r === null ? null : correlationPValue(r, n) });
  }
  return rows;
}
