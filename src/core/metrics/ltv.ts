/**
 * Lifetime value of a subscription customer who pays at the start of every
 * period it is still a customer, the first payment now:
 * value × margin × (1 + d) / (d + churn) − acquisitionCost.
 * Inputs are assumed valid (value ≥ 0, 0 ≤ margin ≤ 1, 0 < churn ≤ 1, d ≥ 0,
 * acquisitionCost ≥ 0, all finite).
 *
 * Computed over the whole range of doubles: no intermediate product
 * overflows or underflows when the answer is representable (value near
 * 1.8e308 with a discount, value × margin below 1e-308 with a tiny churn, a
 * value before the acquisition cost above 1.8e308...). The result is
 * +Infinity exactly when the true answer is above the largest double; it is
 * never NaN. Since (1 + d)/(d + churn) ≤ 1/churn, only a large value with a
 * small churn can make it so.
 */
import { exponentOf, ldexp } from '../stats/scale';

const MIN_NORMAL = 2 ** -1022;

export function ltv(value: number, margin: number, churn: number, discountRate = 0, acquisitionCost = 0): number {
  const vm = value * margin;
  const p = vm * ((1 + discountRate) / (discountRate + churn)); // (1 + d)/(d + churn) ≥ 1, as churn ≤ 1
  // Usual case, kept small enough to be inlined in the per-cell loop: no step
  // left the normal range of doubles (p is NaN for 0 × Infinity, so not here).
  if (vm >= MIN_NORMAL && p < Infinity) return p - acquisitionCost;
  return ltvWide(value, margin, churn, discountRate, acquisitionCost);
}

/** ltv() when a step leaves the normal range: a significand times a power of two. */
function ltvWide(value: number, margin: number, churn: number, discountRate: number, acquisitionCost: number): number {
  if (value === 0 || margin === 0) return 0 - acquisitionCost;
  const [mv, ev] = split(value);
  const [mm, em] = split(margin);
  const [mn, en] = split(1 + discountRate);
  const [md, ed] = split(discountRate + churn);
  const significand = (mv * mm * mn) / md; // in (1/2, 8)
  const e = ev + em + en - ed;
  const p = ldexp(significand, e);
  if (p < Infinity) return p - acquisitionCost;
  // Above the largest double before the cost is subtracted: subtract at that scale.
  return ldexp(significand - ldexp(acquisitionCost, -e), e);
}

/** [m, e] with x = m × 2^e and 1 ≤ m < 2, for a finite x > 0. */
function split(x: number): [number, number] {
  const e = exponentOf(x);
  return [ldexp(x, -e), e];
}
