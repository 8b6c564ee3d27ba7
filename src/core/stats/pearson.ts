/**
 * Pearson correlation of the first `n` entries of x and y, or null when
 * either side is constant (no correlation is defined).
 *
 * Two passes (means, then centred sums) for accuracy. A side counts as
 * constant when its spread is below 1e-10 of `scale` (default: its largest
 * magnitude), so that floating-point noise left by differencing a straight
 * line is never reported as a correlation.
 */
export function pearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number = x.length,
  scaleX?: number,
  scaleY?: number,
): number | null {
  if (n < 2) return null;
  if (isConstant(x, n, scaleX) || isConstant(y, n, scaleY)) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** True when the first n values of v all lie within 1e-10 × scale of each other. */
export function isConstant(v: ArrayLike<number>, n: number = v.length, scale?: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = v[i];
    if (a < min) min = a;
    if (a > max) max = a;
  }
  if (max === min) return true;
  const s = scale ?? Math.max(Math.abs(min), Math.abs(max));
  return max - min <= 1e-10 * s;
}
