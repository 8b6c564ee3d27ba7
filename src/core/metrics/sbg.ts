/**
 * Shifted-beta-geometric (sBG) retention model of Fader & Hardie, "How to
 * Project Customer Retention" (Journal of Interactive Marketing, 2007).
 *
 * Each customer has a constant churn probability θ per period, θ ~ Beta(α, β)
 * across customers. Then
 *   P(T = 1) = α / (α + β),  P(T = t) = P(T = t−1) · (β + t − 2) / (α + β + t − 1)
 *   S(t)     = S(t−1) · (β + t − 1) / (α + β + t − 1),  S(0) = 1.
 */
import { nelderMead } from '../stats/nelder-mead';

export interface SbgFit {
  /** Fitted α, or null when the fit has no finite α and β (constant churn). */
  alpha: number | null;
  beta: number | null;
  /** The constant per-period churn when alpha/beta are null. */
  churn: number | null;
  logLik: number;
}

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

/** sBG log-likelihood of a cohort's counts (active at the start of periods 0..T). */
export function sbgLogLik(alpha: number, beta: number, active: number[]): number {
  const T = active.length - 1;
  let ll = 0;
  let p = alpha / (alpha + beta);
  let s = 1;
  for (let t = 1; t <= T; t++) {
    if (t > 1) p *= (beta + t - 2) / (alpha + beta + t - 1);
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    const lost = active[t - 1] - active[t];
    if (lost > 0) ll += lost * Math.log(p);
  }
  const survivors = active[T];
  if (survivors > 0) ll += survivors * Math.log(s);
  return ll;
}

/** Constant-churn (geometric) fit: p = lost / exposures. */
function geometric(active: number[]): { p: number; logLik: number } {
  const T = active.length - 1;
  let lost = 0;
  let exposures = 0;
  for (let t = 1; t <= T; t++) {
    lost += active[t - 1] - active[t];
    exposures += active[t - 1];
  }
  const p = lost / exposures;
  const stay = exposures - lost;
  const logLik = (lost > 0 ? lost * Math.log(p) : 0) + (stay > 0 ? stay * Math.log(1 - p) : 0);
  return { p, logLik };
}

/** Above this α + β the fit is indistinguishable from constant churn. */
const KAPPA_LIMIT = 1e6;

/**
 * Maximum-likelihood fit of α and β (on log α, log β, Nelder–Mead with a
 * tight tolerance, restarted from its own answer until it no longer
 * improves: the likelihood is flat along a ridge). When the best fit runs
 * off to infinity (a cohort losing the same share every period, or one whose
 * churn rate rises), α and β are null and `churn` is the constant share.
 * Call `sbgProblem` first: counts must be valid.
 */
export function fitSbg(active: number[]): SbgFit {
  const geo = geometric(active);
  const negLL = (x: number[]) => {
    const a = Math.exp(x[0]);
    const b = Math.exp(x[1]);
    if (!isFinite(a) || !isFinite(b) || a <= 0 || b <= 0) return Infinity;
    const ll = sbgLogLik(a, b, active);
    return Number.isNaN(ll) ? Infinity : -ll;
  };
  const pStart = Math.min(Math.max(geo.p, 1e-3), 1 - 1e-3);
  let best: { x: number[]; fx: number } | null = null;
  for (const k of [1, 4, 30]) {
    const x0 = [Math.log(pStart * k), Math.log((1 - pStart) * k)];
    const r = nelderMead(negLL, x0, { xtol: 1e-10, ftol: 1e-15, maxIter: 4000, step: 0.5 });
    if (!best || r.fx < best.fx) best = r;
  }
  // Restart from the best point until it stops improving (flat ridge).
  for (let i = 0; i < 8 && best; i++) {
    const r = nelderMead(negLL, best.x, { xtol: 1e-11, ftol: 1e-16, maxIter: 4000, step: 0.05 });
    const improved = r.fx < best.fx - 1e-13 * Math.max(1, Math.abs(best.fx));
    if (r.fx <= best.fx) best = r;
    if (!improved) break;
  }
  const alpha = Math.exp(best!.x[0]);
  const beta = Math.exp(best!.x[1]);
  const logLik = -best!.fx;
  const noBetterThanGeometric = logLik <= geo.logLik + 1e-9 * Math.max(1, Math.abs(geo.logLik));
  if (alpha + beta > KAPPA_LIMIT || noBetterThanGeometric || !isFinite(alpha) || !isFinite(beta)) {
    return { alpha: null, beta: null, churn: geo.p, logLik: geo.logLik };
  }
  return { alpha, beta, churn: null, logLik };
}

/** The smallest discount rate for which the lifetime sum is computed. */
export const MIN_DISCOUNT_RATE = 1e-6;

/**
 * Discounted expected lifetime DEL = Σ_{t≥0} S(t) / (1 + d)^t, in periods,
 * counting the current one. For the constant-churn limit: (1 + d) / (d + p).
 * The sum stops when the remaining tail (at most term / d) is below 1e-15 of
 * the total.
 */
export function sbgExpectedLifetime(fit: SbgFit, discountRate: number): number {
  const d = discountRate;
  if (fit.alpha === null || fit.beta === null) return (1 + d) / (d + (fit.churn as number));
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
