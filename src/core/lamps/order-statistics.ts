/**
 * Order statistics without sorting: the backtest's cut-offs (nine per node
 * over up to a million account-months) and the alert budget's cut-off (one
 * per node over every account) are order statistics, found by selection.
 */

/** The k-th smallest of v[lo..hi] (0-based k), moved to v[k] with smaller values before it (Hoare's selection). */
export function select(v: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = v[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return v[k];
  }
  return v[k];
}
