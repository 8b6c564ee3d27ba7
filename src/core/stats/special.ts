/**
 * Special functions for p-values: the log beta function and the regularized
 * incomplete beta function.
 *
 * Hand-written on purpose: the library versions we measured bundle far too
 * much into the Apps Script file that every custom-function call loads
 * (@stdlib's betainc alone: 141 KB minified; jStat, not tree-shakable:
 * 52 KB). `gammaln` comes from simple-statistics (Lanczos, tree-shaken).
 */
import { gammaln } from 'simple-statistics';

/** ln B(a, b) for a, b > 0. */
export function betaln(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

const TINY = 1e-300;
const EPS = 1e-16;
const MAX_ITER = 10000;

/** Continued fraction for I_x(a, b) (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betacf(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1, a, b > 0.
 * Uses the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) to stay in the region
 * where the continued fraction converges fast.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) {
    throw new RangeError(`incompleteBeta: bad arguments x=${x}, a=${a}, b=${b}`);
  }
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront = a * Math.log(x) + b * Math.log1p(-x) - betaln(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(lnFront) * betacf(x, a, b)) / a;
  }
  return 1 - (Math.exp(lnFront) * betacf(1 - x, b, a)) / b;
}
