/**
 * Lifetime value of a subscription customer who pays at the start of every
 * period it is still a customer, the first payment now:
 * value × margin × (1 + d) / (d + churn) − acquisitionCost.
 * Inputs are assumed valid (value ≥ 0, 0 ≤ margin ≤ 1, 0 < churn ≤ 1, d ≥ 0).
 */
export function ltv(value: number, margin: number, churn: number, discountRate = 0, acquisitionCost = 0): number {
  return (value * margin * (1 + discountRate)) / (discountRate + churn) - acquisitionCost;
}
