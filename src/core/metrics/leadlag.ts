/**
 * Lead/lag correlation scan: does x (a KPI) move before y (the KGI)?
 * Lag k pairs x[t] with y[t + k]; positive k means x moves k periods first,
 * negative k that y moves first (the warning sign of reverse causation).
 * Used by =LEADLAG and by the KPI tree's verdicts, so both always agree.
 */
import { correlationPValue } from '../stats/correlation-p-value';
import { midranksOfSubset, sortSeries } from '../stats/midranks';
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
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === null) continue;
    const a = v < 0 ? -v : v;
    if (a > m) m = a;
  }
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
 * The series as doubles (NaN for a blank) times a power of two that brings
 * its largest magnitude into [1, 2): no digit changes, so every correlation
 * stays bit for bit, and changes of values near ±1.7e308 no longer overflow.
 * Typed arrays keep the per-lag loops on contiguous memory.
 */
function normalised(x: Series): Float64Array {
  const s = unitScale(magnitude(x));
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v === null ? NaN : v * s;
  }
  return out;
}

/** Changes x[t] − x[t−1] of a normalised series (NaN next to a blank). */
function changes(x: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - 1));
  for (let t = 1; t < x.length; t++) out[t - 1] = x[t] - x[t - 1];
  return out;
}

/** Largest magnitude of a normalised series (NaN ignored). */
function largest(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] < 0 ? -x[i] : x[i];
    if (a > m) m = a;
  }
  return m;
}

/**
 * Correlation at every lag from −maxLag to +maxLag (increasing). The two
 * series must have the same length. Correlations do not depend on units:
 * a series in other units (× c, c ≠ 0) gives the same r (its sign flipped
 * for c < 0) and p, over the whole range of doubles.
 *
 * Work: O(n) per lag, plus one sort of each series for spearman.
 */
export function leadLag(xIn: Series, yIn: Series, opts: LeadLagOptions): LagRow[] {
  const method = opts.method ?? 'pearson';
  const x = normalised(xIn);
  const y = normalised(yIn);
  // Constant-ness is judged against the levels' scale: differencing a straight
  // line leaves noise of that order, which must not pass for a correlation.
  const scaleX = largest(x);
  const scaleY = largest(y);
  const xs = opts.differenced ? changes(x) : x;
  const ys = opts.differenced ? changes(y) : y;
  const len = xs.length;
  const bufX = new Float64Array(len);
  const bufY = new Float64Array(len);
  const rankX = new Float64Array(len);
  const rankY = new Float64Array(len);
  // Spearman: sort each series once; at each lag the ranks of the pairs
  // present are read off that order in O(n) instead of sorting again.
  const spearman = method === 'spearman';
  const sortedX = spearman ? sortSeries(xs) : null;
  const sortedY = spearman ? sortSeries(ys) : null;
  const slotX = new Int32Array(len); // pair index of x[t] at this lag, or −1
  const slotY = new Int32Array(len); // pair index of y[s] at this lag, or −1
  const rows: LagRow[] = [];
  for (let k = -opts.maxLag; k <= opts.maxLag; k++) {
    let n = 0;
    if (spearman) {
      slotX.fill(-1);
      slotY.fill(-1);
    }
    const end = k > 0 ? len - k : len;
    for (let t = k < 0 ? -k : 0; t < end; t++) {
      const a = xs[t];
      const b = ys[t + k];
      if (a !== a || b !== b) continue; // a blank on either side
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
      if (spearman) {
        // Constant on the original values (ties everywhere) means no rank correlation.
        if (!isConstant(bufX, n, scaleX) && !isConstant(bufY, n, scaleY)) {
          midranksOfSubset(sortedX!, slotX, rankX);
          midranksOfSubset(sortedY!, slotY, rankY);
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
