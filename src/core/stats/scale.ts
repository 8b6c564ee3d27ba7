/**
 * Powers of two, for computing across the whole range of doubles without
 * overflow or underflow: a number multiplied by a power of two changes only
 * its exponent, never its digits (as long as the result stays a normal
 * number), so scaling a series by one keeps every result bit for bit.
 */

/** 2^k, exact, for integer k from −1074 to 1023 (a subnormal below −1022). */
export function pow2(k: number): number {
  // Built in two exact halves: Math.pow's accuracy is not specified for
  // every exponent, but a product of two powers of two is exact.
  const h = k >> 1;
  return Math.pow(2, h) * Math.pow(2, k - h);
}

/**
 * The binary exponent e of a finite x ≠ 0: 2^e ≤ |x| < 2^(e+1)
 * (from −1074 for the smallest subnormal to 1023).
 */
export function exponentOf(x: number): number {
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  // log2 can be off by one next to a power of two: correct it exactly.
  if (e > -1074 && a < pow2(e)) e--;
  else if (e < 1023 && a >= pow2(e + 1)) e++;
  return e;
}

/** x × 2^k for any integer k, in steps that never overflow or underflow on the way. */
export function ldexp(x: number, k: number): number {
  while (k > 1000) {
    x *= pow2(1000);
    k -= 1000;
  }
  while (k < -1000) {
    x *= pow2(-1000);
    k += 1000;
  }
  return x * pow2(k);
}

/**
 * A power of two s such that max |v| × s lies in [1, 2): multiplying a series
 * by it puts the series in a safe range (sums of squares of n values stay
 * below 4n) without changing a digit. Capped at 2^1023 for subnormal maxima
 * (then max × s ≥ 2^-51, still far from underflow). 1 for a series of zeros.
 */
export function unitScale(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  return pow2(Math.min(1023, -exponentOf(maxAbs)));
}
