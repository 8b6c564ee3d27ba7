/**
 * "Did you mean …?" for a sheet or column name that is not there: the
 * existing name closest to the one asked for, by Damerau–Levenshtein
 * distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours) on the names trimmed, case-folded and NFKC-normalised (so
 * "ｈｉｓｔｏｒｙ " finds "History"). Used wherever a bound sheet or column is
 * missing: the command line now, the sidebar and the run later.
 * Pure; linear in the number of candidates, each compared within a band.
 */

/** The form names are compared in. */
export function foldName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** Longer names are not compared (a hostile 5 MB header costs nothing). */
export const MAX_COMPARED = 200;

/**
 * Optimal-string-alignment distance of two strings, or `limit + 1` as soon
 * as it is known to exceed `limit` (only a band of width 2·limit+1 is filled).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return Math.max(n, m);
  const band = Number.isFinite(limit) ? limit : Math.max(n, m);
  const big = limit + 1;
  let prev2 = new Array<number>(m + 1).fill(big);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : big;
  for (let i = 1; i <= n; i++) {
    cur.fill(big);
    if (i <= band) cur[0] = i;
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return big;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m], big);
}

/**
 * The candidate closest to `wanted`, or null when none is close: a
 * candidate is close when it is the same name but for case, spaces or
 * width, or when its distance is at most a third of the longer name
 * (at least 1, at most 3 edits). Ties go to the earlier candidate.
 */
export function closestName(wanted: string, candidates: readonly string[]): string | null {
  const w = foldName(wanted);
  if (w === '' || w.length > MAX_COMPARED) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = foldName(candidate);
    if (c === '' || c.length > MAX_COMPARED) continue;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(w.length, c.length) / 3)));
    const d = c === w ? 0 : editDistance(w, c, Math.min(limit, bestDistance - 1));
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}
