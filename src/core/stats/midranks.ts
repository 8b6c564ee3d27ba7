/**
 * Ranks (1-based) of the first n values, ties given the average of the ranks
 * they span (what Spearman's rho and scipy.stats.rankdata 'average' use).
 * Writes into `out` and returns it.
 */
export function midranks(v: ArrayLike<number>, n: number = v.length, out: Float64Array = new Float64Array(n)): Float64Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => v[a] - v[b]);
  let i = 0;
  while (i < n) {
    let j = i;
    const value = v[order[i]];
    while (j + 1 < n && v[order[j + 1]] === value) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Indices of the non-blank values of a series, sorted by value. */
export function sortedOrder(v: ReadonlyArray<number | null>): Uint32Array {
  let n = 0;
  for (const a of v) if (a !== null) n++;
  const order = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < v.length; i++) if (v[i] !== null) order[j++] = i;
  order.sort((a, b) => (v[a] as number) - (v[b] as number));
  return order;
}

/**
 * Midranks of a subset of a series, read off its full sorted order in one
 * pass: `slot[i]` is where value i goes in the output (−1: not in the
 * subset). Equal to midranks() of the subset's values, without sorting.
 */
export function midranksOfSubset(
  order: Uint32Array,
  v: ReadonlyArray<number | null>,
  slot: Int32Array,
  out: Float64Array,
): Float64Array {
  let rank = 0; // ranks given so far
  let i = 0;
  while (i < order.length) {
    // A run of equal values in the full order; count the members present.
    const value = v[order[i]];
    let j = i;
    let present = 0;
    while (j < order.length && v[order[j]] === value) {
      if (slot[order[j]] >= 0) present++;
      j++;
    }
    if (present > 0) {
      const mid = rank + (present + 1) / 2;
      for (let k = i; k < j; k++) if (slot[order[k]] >= 0) out[slot[order[k]]] = mid;
      rank += present;
    }
    i = j;
  }
  return out;
}
