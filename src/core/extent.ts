/**
 * The smallest and largest of many numbers without spreading them into
 * Math.min/Math.max arguments: V8 refuses a call of more than about 120,000
 * arguments ("Maximum call stack size exceeded"), and a row count can be
 * larger than that.
 */

/** [min, max] of the numbers, or null when there are none. */
export function extent(xs: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo === Infinity ? null : [lo, hi];
}

/** The largest of the numbers and `start`. */
export function maxOf(xs: Iterable<number>, start = -Infinity): number {
  let m = start;
  for (const x of xs) if (x > m) m = x;
  return m;
}
