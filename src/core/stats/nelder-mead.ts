/**
 * Nelder–Mead minimisation (standard coefficients: reflection 1, expansion 2,
 * contraction 0.5, shrink 0.5). Stops when both the simplex's spread in x
 * (max |x_i − x_best| over coordinates) is below `xtol` and the spread of
 * f is below `ftol`, or after `maxIter` iterations.
 */
export interface NelderMeadOptions {
  xtol?: number;
  ftol?: number;
  maxIter?: number;
  step?: number;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(f: (x: number[]) => number, x0: number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const xtol = opts.xtol ?? 1e-10;
  const ftol = opts.ftol ?? 1e-12;
  const maxIter = opts.maxIter ?? 5000;
  const step = opts.step ?? 0.5;
  const dim = x0.length;
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < dim; i++) {
    const p = x0.slice();
    p[i] += step;
    simplex.push(p);
  }
  const values = simplex.map(f);
  const order = simplex.map((_, i) => i);
  let iter = 0;
  let converged = false;
  const point = (base: number[], dir: number[], t: number) => base.map((b, i) => b + t * (dir[i] - b));
  for (; iter < maxIter; iter++) {
    order.sort((a, b) => values[a] - values[b]);
    const best = order[0];
    const worst = order[dim];
    let xs = 0;
    for (const k of order) for (let i = 0; i < dim; i++) xs = Math.max(xs, Math.abs(simplex[k][i] - simplex[best][i]));
    const fs = Math.abs(values[worst] - values[best]);
    if (xs <= xtol && fs <= ftol * Math.max(1, Math.abs(values[best]))) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(dim).fill(0);
    for (let k = 0; k < dim; k++) for (let i = 0; i < dim; i++) centroid[i] += simplex[order[k]][i] / dim;
    const xr = point(centroid, simplex[worst], -1);
    const fr = f(xr);
    if (fr < values[best]) {
      const xe = point(centroid, simplex[worst], -2);
      const fe = f(xe);
      if (fe < fr) {
        simplex[worst] = xe;
        values[worst] = fe;
      } else {
        simplex[worst] = xr;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[order[dim - 1]]) {
      simplex[worst] = xr;
      values[worst] = fr;
      continue;
    }
    const outside = fr < values[worst];
    const xc = outside ? point(centroid, xr, 0.5) : point(centroid, simplex[worst], 0.5);
    const fc = f(xc);
    if (fc < (outside ? fr : values[worst])) {
      simplex[worst] = xc;
      values[worst] = fc;
      continue;
    }
    for (let k = 1; k <= dim; k++) {
      const idx = order[k];
      simplex[idx] = point(simplex[best], simplex[idx], 0.5);
      values[idx] = f(simplex[idx]);
    }
  }
  let bi = 0;
  for (let k = 1; k <= dim; k++) if (values[k] < values[bi]) bi = k;
  return { x: simplex[bi], fx: values[bi], iterations: iter, converged };
}
