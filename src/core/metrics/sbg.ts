/**
 * Shifted-beta-geometric (sBG) retention model of Fader & Hardie, "How to
 * Project Customer Retention" (Journal of Interactive Marketing, 2007).
 *
 * Each customer has a constant churn probability θ per period, θ ~ Beta(α, β)
 * across customers. A customer still active at the start of period j + 1
 * (j = 0, 1, …) leaves in it with probability
 *   h_j = α / (α + β + j)
 * (P(T = 1) = h_0 = α/(α + β); S(t) = Π_{j<t} (1 − h_j), 1 − h_j = (β + j)/(α + β + j)).
 * So with N_j active at the start of period j + 1 (N_0 the cohort) the
 * log-likelihood of the counts, those still active at the end censored, is
 *   LL = Σ_{j<T} (N_j − N_{j+1}) ln h_j + N_{j+1} ln(1 − h_j),
 * the recursions of Fader & Hardie's P(T = t) and S(t) regrouped by period.
 *
 * Numerics:
 * - The fit uses shares of the cohort (N_j / N_0): the log-likelihood of the
 *   counts c·N is c times that of N, with the same maximiser, so the fit
 *   depends on the shares only and a cohort in other units (or × 1e-12, or
 *   × 1e300) fits the same. Tolerances are relative, never absolute.
 * - ln(1 − h_j) is log1p(−h_j), or ln((β + j)/(α + β + j)) when h_j > 1/2:
 *   never (β + j) − j, which rounded a β of 1e-16 away and let the
 *   optimiser climb a false likelihood.
 * - The optimiser works on (ln α, ln β) within [−700, 700] each (α, β from
 *   1e-304 to 1e304), and is polished by Newton's method with the analytic
 *   gradient and Hessian, so the answer is the maximiser to about 1e-10,
 *   not wherever a simplex stopped on the flat ridge.
 *
 * Boundaries (no maximum at finite α, β > 0):
 * - α + β → ∞ with α/(α + β) fixed: constant churn (a cohort losing the same
 *   share every period, or one whose churn rate rises). `constant`.
 * - α + β → 0 with α/(α + β) = π fixed: a share π leaves in period 1, the rest
 *   never. This is the supremum exactly when nobody leaves after period 1:
 *   then LL = N_0·(π-terms) + Σ_{j≥1} N_{j+1} ln(1 − πκ/(κ + j)), and each
 *   1 − πκ/(κ + j) rises to 1 as κ = α + β falls to 0. `first_period`.
 */
import { nelderMead } from '../stats/nelder-mead';

/**
 * Math functions used in per-period loops, looked up once: under a vm context
 * (our tests and benchmark) every global lookup goes through an interceptor.
 */
const { abs, exp, log, log1p, max, min } = Math;
const isFiniteNumber = Number.isFinite;

export type SbgFit =
  /** A maximum at finite α, β. logLik is per member of the cohort. */
  | { kind: 'sbg'; alpha: number; beta: number; logLik: number }
  /** α + β → ∞: the constant per-period churn `churn`. */
  | { kind: 'constant'; churn: number; logLik: number }
  /** α + β → 0: the share `lost` leaves in period 1, the rest never. */
  | { kind: 'first_period'; lost: number; logLik: number };

/** Problems that make a cohort unfittable; the caller words them for people. */
export type SbgProblem =
  | { kind: 'too_short'; periods: number }
  | { kind: 'empty_cohort' }
  | { kind: 'rises'; index: number }
  | { kind: 'nobody_left' };

export function sbgProblem(active: number[]): SbgProblem | null {
  if (active.length < 3) return { kind: 'too_short', periods: active.length };
  if (active[0] <= 0) return { kind: 'empty_cohort' };
  for (let i = 1; i < active.length; i++) if (active[i] > active[i - 1]) return { kind: 'rises', index: i };
  if (active[active.length - 1] === active[0]) return { kind: 'nobody_left' };
  return null;
}

/** A cohort as shares of its size, period by period (j = 0..T−1). */
interface Shares {
  /** Share lost in period j + 1: (N_j − N_{j+1}) / N_0. */
  lost: Float64Array;
  /** Share still active after period j + 1: N_{j+1} / N_0. */
  stay: Float64Array;
  /** Periods up to the last one with anybody at its start. */
  T: number;
}

function sharesOf(active: number[]): Shares {
  const n0 = active[0];
  let T = active.length - 1;
  // Periods after everybody left add nothing.
  while (T > 1 && active[T - 1] === 0) T--;
  const lost = new Float64Array(T);
  const stay = new Float64Array(T);
  for (let j = 0; j < T; j++) {
    lost[j] = (active[j] - active[j + 1]) / n0;
    stay[j] = active[j + 1] / n0;
  }
  return { lost, stay, T };
}

/** ln α and ln β stay in this range: the optimiser never leaves the domain. */
const LOG_BOUND = 700;
/** Above this α + β the fit is indistinguishable from constant churn. */
const KAPPA_LIMIT = 1e6;
/**
 * ...and the optimiser does not look beyond this one: on a cohort whose best
 * fit is constant churn it would otherwise walk up the ridge until it ran out
 * of iterations.
 */
const KAPPA_WALL = 1e8;

/** Log-likelihood per member of the cohort at (ln α, ln β); −Infinity outside the domain. */
function logLikShares(lnA: number, lnB: number, c: Shares): number {
  if (!(abs(lnA) <= LOG_BOUND && abs(lnB) <= LOG_BOUND)) return -Infinity;
  const a = exp(lnA);
  const b = exp(lnB);
  const k = a + b;
  if (k > KAPPA_WALL) return -Infinity;
  let ll = 0;
  for (let j = 0; j < c.T; j++) {
    const d = k + j;
    const lost = c.lost[j];
    const stay = c.stay[j];
    if (lost > 0) ll += lost * (lnA - log(d));
    if (stay > 0) ll += stay * logRetention(a, b, j, d, lnB);
  }
  return ll;
}

/** ln(1 − h_j) = ln((β + j)/(α + β + j)), accurate for every α, β > 0. */
function logRetention(a: number, b: number, j: number, d: number, lnB: number): number {
  const h = a / d;
  if (h <= 0.5) return log1p(-h);
  // 1 − h < 1/2: the ratio itself is accurate (β + j adds two positives)...
  const ratio = (b + j) / d;
  // ...unless it underflows (j = 0, β below 1e-308 of α).
  return ratio >= 1e-300 ? log(ratio) : lnB - log(d);
}

/** Gradient and Hessian of logLikShares in (ln α, ln β). */
function derivatives(lnA: number, lnB: number, c: Shares) {
  const a = exp(lnA);
  const b = exp(lnB);
  const k = a + b;
  let gx = 0;
  let gy = 0;
  let hxx = 0;
  let hyy = 0;
  let hxy = 0;
  for (let j = 0; j < c.T; j++) {
    const L = c.lost[j];
    const M = c.stay[j];
    const N = L + M;
    if (N === 0) continue;
    const d = k + j;
    const B = b + j;
    // ∂ln α ℓ_j = α(L/α − N/d) = (L·B − M·α)/d, written without cancellation.
    const g = L * B - M * a;
    gx += g / d;
    gy -= (b * g) / (B * d);
    const h = a / d;
    hxx -= N * h * (B / d);
    hyy += M * (b / B) * (j / B) - N * (b / d) * ((a + j) / d);
    hxy += (N * a * b) / (d * d);
  }
  return { gx, gy, hxx, hyy, hxy };
}

/** Constant-churn (geometric) fit of the shares: p = lost / exposures, log-likelihood per member. */
function geometric(c: Shares): { p: number; logLik: number } {
  let lost = 0;
  let exposures = 0;
  for (let j = 0; j < c.T; j++) {
    lost += c.lost[j];
    exposures += c.lost[j] + c.stay[j];
  }
  const p = min(1, lost / exposures);
  const stay = exposures - lost;
  const logLik = (lost > 0 ? lost * log(p) : 0) + (stay > 0 ? stay * log1p(-p) : 0);
  return { p, logLik };
}

/**
 * Newton's method on (ln α, ln β) from a point near the maximum, with step
 * halving while the likelihood falls. Stops when a step is below 1e-12 (α
 * and β known to about 1e-12 relative), or where the surface is not concave.
 */
function polish(x: number[], fx: number, c: Shares): { x: number[]; fx: number } {
  for (let iter = 0; iter < 100; iter++) {
    const { gx, gy, hxx, hyy, hxy } = derivatives(x[0], x[1], c);
    const det = hxx * hyy - hxy * hxy;
    if (!(hxx < 0 && det > 0)) break; // not a maximum's neighbourhood: keep the point
    const sx = -(hyy * gx - hxy * gy) / det;
    const sy = -(hxx * gy - hxy * gx) / det;
    if (!isFiniteNumber(sx) || !isFiniteNumber(sy)) break;
    let t = 1;
    let next = [x[0] + sx, x[1] + sy];
    let fn = -logLikShares(next[0], next[1], c);
    // Rounding makes the likelihood flat within ~1e-15 of its value: accept those.
    const slack = 1e-14 * abs(fx);
    while (!(fn <= fx + slack) && t > 1e-6) {
      t /= 2;
      next = [x[0] + t * sx, x[1] + t * sy];
      fn = -logLikShares(next[0], next[1], c);
    }
    if (!(fn <= fx + slack)) break;
    x = next;
    fx = min(fx, fn);
    if (max(abs(t * sx), abs(t * sy)) < 1e-12) break;
  }
  return { x, fx };
}

/**
 * Maximum-likelihood fit of α and β. Call `sbgProblem` first: counts must be
 * valid (a cohort > 0, never rising, somebody leaving).
 */
export function fitSbg(active: number[]): SbgFit {
  const c = sharesOf(active);
  let laterLoss = false;
  for (let j = 1; j < c.T; j++) if (c.lost[j] > 0) laterLoss = true;
  if (!laterLoss) {
    const p = c.lost[0];
    const logLik = p * log(p) + (c.stay[0] > 0 ? c.stay[0] * log(c.stay[0]) : 0);
    return { kind: 'first_period', lost: p, logLik };
  }
  const geo = geometric(c);
  const negLL = (x: number[]) => {
    const ll = logLikShares(x[0], x[1], c);
    return Number.isNaN(ll) ? Infinity : -ll;
  };
  const pStart = min(max(geo.p, 1e-3), 1 - 1e-3);
  let best: { x: number[]; fx: number } | null = null;
  for (const k of [1, 4, 30]) {
    const x0 = [log(pStart * k), log((1 - pStart) * k)];
    const r = nelderMead(negLL, x0, { xtol: 1e-5, ftol: 1e-12, maxIter: 300, step: 0.5 });
    if (!best || r.fx < best.fx) best = r;
  }
  const end = polish(best!.x, best!.fx, c);
  const alpha = exp(end.x[0]);
  const beta = exp(end.x[1]);
  const logLik = -end.fx;
  const noBetterThanGeometric = !(logLik > geo.logLik + 1e-12 * abs(geo.logLik));
  if (alpha + beta > KAPPA_LIMIT || noBetterThanGeometric) {
    return { kind: 'constant', churn: geo.p, logLik: geo.logLik };
  }
  return { kind: 'sbg', alpha, beta, logLik };
}

/** sBG log-likelihood of a cohort's counts (active at the start of periods 0..T), in counts. */
export function sbgLogLik(alpha: number, beta: number, active: number[]): number {
  return active[0] * logLikShares(log(alpha), log(beta), sharesOf(active));
}

/** The smallest discount rate for which the lifetime sum is computed. */
export const MIN_DISCOUNT_RATE = 1e-6;

/**
 * Discounted expected lifetime DEL = Σ_{t≥0} S(t) / (1 + d)^t, in periods,
 * counting the current one.
 * - constant churn p: (1 + d) / (d + p);
 * - a share π leaving in period 1 only: S(t) = 1 − π for t ≥ 1, so 1 + (1 − π)/d;
 * - otherwise the sum, stopped when the remaining tail (at most term / d) is
 *   below 1e-15 of the total.
 */
export function sbgExpectedLifetime(fit: SbgFit, discountRate: number): number {
  const d = discountRate;
  if (fit.kind === 'constant') return (1 + d) / (d + fit.churn);
  if (fit.kind === 'first_period') return 1 + (1 - fit.lost) / d;
  const a = fit.alpha;
  const b = fit.beta;
  const r = 1 / (1 + d);
  let sum = 0;
  let s = 1;
  let discount = 1;
  for (let t = 0; ; t++) {
    const term = s * discount;
    sum += term;
    if (term / d < 1e-15 * sum || term === 0) break;
    s *= (b + t) / (a + b + t);
    discount *= r;
  }
  return sum;
}
