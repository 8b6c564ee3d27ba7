/**
 * Pearson correlation of the first `n` entries of x and y, or null when
 * either side is constant (no correlation is defined).
 *
 * Two passes (means, then centred sums) for accuracy, on each side scaled by
 * a power of two that brings its largest magnitude into [1, 2): r does not
 * depend on units, and in this range no sum of squares overflows (values of
 * 1e154 and more) or underflows (values of 1e-154 and less), while no digit
 * of the data changes. A side counts as constant when its spread is below
 * 1e-10 of `scale` (default: its largest magnitude), so that floating-point
 * noise left by differencing a straight line is never reported as a
 * correlation.
 */
import { unitScale } from './scale';

export function pearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number = x.length,
  scaleX?: number,
  scaleY?: number,
): number | null {
  if (n < 2) return null;
  const rx = extent(x, n);
  const ry = extent(y, n);
  if (isConstantExtent(rx, scaleX) || isConstantExtent(ry, scaleY)) return null;
  const sx = unitScale(Math.max(-rx.min, rx.max));
  const sy = unitScale(Math.max(-ry.min, ry.max));
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] * sx;
    my += y[i] * sy;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] * sx - mx;
    const dy = y[i] * sy - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

interface Extent {
  min: number;
  max: number;
}

function extent(v: ArrayLike<number>, n: number): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = v[i];
    if (a < min) min = a;
    if (a > max) max = a;
  }
  return { min, max };
}

function isConstantExtent({ min, max }: Extent, scale?: number): boolean {
  if (max === min) return true;
  const s = scale ?? Math.max(Math.abs(min), Math.abs(max));
  // max − min overflows to Infinity only for a spread that is surely not constant.
  return max - min <= 1e-10 * s;
}

/** True when the first n values of v all lie within 1e-10 × scale of each other. */
export function isConstant(v: ArrayLike<number>, n: number = v.length, scale?: number): boolean {
  return isConstantExtent(extent(v, n), scale);
}
