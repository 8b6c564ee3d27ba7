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
