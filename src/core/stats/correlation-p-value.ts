import { incompleteBeta } from './special';

/**
 * Two-sided p-value of a correlation r ≠ 0 over n pairs, from the t
 * distribution with n − 2 degrees of freedom: t = r·sqrt((n−2)/(1−r²)).
 * This is what scipy.stats.pearsonr and spearmanr report.
 *
 * P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2), written in terms of r so that
 * no t² overflows: df/(df+t²) = 1 − r².
 *
 * @param r correlation, −1 ≤ r ≤ 1
 * @param n number of pairs, ≥ 3
 */
export function correlationPValue(r: number, n: number): number {
  if (!(n >= 3)) throw new RangeError(`correlationPValue: need at least 3 pairs, got ${n}`);
  const rr = Math.min(1, Math.abs(r));
  if (rr === 1) return 0;
  const df = n - 2;
  const p = incompleteBeta(1 - rr * rr, df / 2, 0.5);
  return Math.min(1, Math.max(0, p));
}
