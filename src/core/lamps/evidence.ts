/**
 * Evidence: can this lamp be trusted? Exactly the contract's section of that
 * name: every lamp node's evidence comes from its verdict and its backtest at
 * the tree's horizon_months (whatever horizon a report asks for).
 *   contradicted  the verdict carries reverse_causation or wrong_direction,
 *                 or the backtest's lift_ci95 has its upper end below 1
 *   proven        not contradicted, and lift_ci95's lower end above 1
 *   unproven      anything else
 * Pure: the command line, the sidebar, the playground and the run all judge
 * evidence here.
 */
import type { Backtest, BacktestDetail } from './backtest';

export type Evidence = 'proven' | 'unproven' | 'contradicted';

/**
 * Why a node has its evidence, for a person to read (src/i18n words them):
 * contradicted by its verdict or its lift, proven by its lift, or unproven
 * for want of data or because its interval contains 1.
 */
export type EvidenceReason =
  | 'reverse_causation'
  | 'wrong_direction'
  | 'lift_below_one'
  | 'lift_above_one'
  | 'no_backtest'
  | 'nobody_churned'
  | 'never_lit'
  | 'no_lit_churned'
  | 'interval_contains_one';

export interface EvidenceJudgement {
  evidence: Evidence;
  /** Every reason that applies, the verdict's first (never empty). */
  reasons: EvidenceReason[];
}

type Counts = Pick<Backtest, 'considered' | 'lit' | 'churned' | 'lit_churned' | 'lift_ci95'>;

/** The evidence of a lamp node from its verdict's warnings and its backtest at the tree's horizon (null: none made). */
export function judgeEvidence(warnings: readonly string[], b: Counts | null): EvidenceJudgement {
  const against: EvidenceReason[] = [];
  if (warnings.includes('reverse_causation')) against.push('reverse_causation');
  if (warnings.includes('wrong_direction')) against.push('wrong_direction');
  const ci = b?.lift_ci95 ?? null;
  if (ci && ci[1] < 1) against.push('lift_below_one');
  if (against.length) return { evidence: 'contradicted', reasons: against };
  if (ci && ci[0] > 1) return { evidence: 'proven', reasons: ['lift_above_one'] };
  return { evidence: 'unproven', reasons: [unprovenReason(b)] };
}

function unprovenReason(b: Counts | null): EvidenceReason {
  if (!b || b.considered === 0) return 'no_backtest';
  if (b.churned === 0) return 'nobody_churned';
  if (b.lit === 0) return 'never_lit';
  if (b.lit_churned === 0 || !b.lift_ci95) return 'no_lit_churned';
  return 'interval_contains_one';
}

/**
 * The fewest different churned accounts each side of a lift must rest on.
 * The log-method interval is a large-sample approximation whose variance is
 * dominated by 1/lit_churned; and account-months overlap (an account that
 * churned is counted in up to h windows), so the events that matter are
 * churned accounts, not account-months. Ten events is the usual floor for
 * such an approximation (the relative error of a count of 10 is about 1/√10,
 * a third): below it the interval is not to be leaned on.
 */
export const MIN_CHURNED_ACCOUNTS = 10;

/**
 * A small sample: fewer than MIN_CHURNED_ACCOUNTS different accounts churned
 * within the horizon while the lamp was on, or in all. Null when there is
 * no backtest to judge (nothing considered).
 */
export function smallSample(
  b: Pick<BacktestDetail, 'considered' | 'churnedAccounts' | 'litChurnedAccounts'> | null,
): boolean | null {
  if (!b || b.considered === 0) return null;
  return b.litChurnedAccounts < MIN_CHURNED_ACCOUNTS || b.churnedAccounts < MIN_CHURNED_ACCOUNTS;
}
