/**
 * Ranks (1-based) of the first n values, ties given the average of the ranks
 * they span (what Spearman's rho and scipy.stats.rankdata 'average' use).
 * Writes into `out` and returns it.
 */
export function midranks(
  v: ArrayLike<number>,
  n: number = v.length,
  out: Float64Array = new Float64Array(n),
): Float64Array {
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

/** A series sorted once: the indices of its values in increasing order, and where each run of ties starts. */
export interface SortedSeries {
  /** Indices of the values (blanks, NaN, left out), sorted by value. */
  order: Uint32Array;
  /** 1 where order[i] holds a value different from order[i − 1]'s. */
  tieStart: Uint8Array;
}

/** Sorts the values of a series once; NaN (a blank) is left out. */
export function sortSeries(v: ArrayLike<number>): SortedSeries {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) n++;
  const order = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) order[j++] = i;
  order.sort((a, b) => v[a] - v[b]);
  const tieStart = new Uint8Array(n);
  for (let i = 0; i < n; i++) tieStart[i] = i === 0 || v[order[i]] !== v[order[i - 1]] ? 1 : 0;
  return { order, tieStart };
}

/**
 * Midranks of a subset of a series, read off its sorted order in one pass
 * without reading a value: `slot[i]` is where value i goes in the output
 * (−1: not in the subset). Equal to midranks() of the subset's values.
 */
export function midranksOfSubset({ order, tieStart }: SortedSeries, slot: Int32Array, out: Float64Array): Float64Array {
  const m = order.length;
  let rank = 0; // ranks given so far
  let i = 0;
  while (i < m) {
    // A run of equal values in the full order; count the members present.
    let j = i;
    let present = 0;
    do {
      if (slot[order[j]] >= 0) present++;
      j++;
    } while (j < m && tieStart[j] === 0);
    if (present > 0) {
      const mid = rank + (present + 1) / 2;
      for (let k = i; k < j; k++) {
        const s = slot[order[k]];
        if (s >= 0) out[s] = mid;
      }
      rank += present;
    }
    i = j;
  }
  return out;
}
