import { fitSbg, MIN_DISCOUNT_RATE, sbgExpectedLifetime, sbgProblem } from '../core/metrics/sbg';
import {
  assertFinite,
  cellAt,
  isFiniteNumber,
  describe,
  isBlank,
  numberCell,
  position,
  scalarArg,
  SheetError,
  size,
  toRange,
  vectorArg,
  where,
} from './args';

const FN = 'LTV_SBG';
export const LTV_SBG_HEADER = ['alpha', 'beta', 'expected_lifetime', 'ltv'];
/**
 * The most periods one call fits: keeps the call well inside Sheets'
 * 30-second limit for a custom function, measured by `npm run bench`
 * (sbg_ceiling_worst_ms: the slowest of several cohort shapes of this length,
 * with the smallest discount rate). Blank cells after the data do not count.
 */
export const LTV_SBG_MAX_PERIODS = 5_000;

function requiredNumber(name: string, arg: unknown, ok: (n: number) => boolean, expectation: string): number {
  const v = scalarArg(FN, name, arg);
  const n = numberCell(FN, name, toRange(FN, name, v), 0, ok, expectation);
  if (n === null) throw new SheetError(`${FN}: ${name} is ${describe(v)}, not ${expectation}`);
  return n;
}

/** =LTV_SBG(active, value, discount_rate): sBG fit of one cohort and its lifetime value. */
export function LTV_SBG(active: unknown, value: unknown, discountRate: unknown): (number | string)[][] {
  const a = vectorArg(FN, 'active', active);
  let last = size(a) - 1;
  while (last >= 0 && isBlank(cellAt(a, last))) last--;
  if (last + 1 > LTV_SBG_MAX_PERIODS) {
    throw new SheetError(
      `${FN}: active has ${(last + 1).toLocaleString('en-US')} periods, more than the ${LTV_SBG_MAX_PERIODS.toLocaleString('en-US')} one call can fit within Sheets' 30-second limit`,
    );
  }
  const counts: number[] = [];
  for (let i = 0; i <= last; i++) {
    if (isBlank(cellAt(a, i))) {
      throw new SheetError(`${FN}: ${where('active', a, i)} is blank; blanks are allowed only at the end`);
    }
    counts.push(numberCell(FN, 'active', a, i, (n) => n >= 0, 'a count of 0 or more') as number);
  }
  const v = requiredNumber('value', value, (n) => n >= 0, 'a number of 0 or more');
  const d = requiredNumber('discount_rate', discountRate, (n) => n > 0, 'a rate greater than 0');
  if (d < MIN_DISCOUNT_RATE) {
    throw new SheetError(
      `${FN}: discount_rate is ${d}, too small to sum the lifetime; use at least ${MIN_DISCOUNT_RATE} per period`,
    );
  }
  const problem = sbgProblem(counts);
  if (problem) {
    switch (problem.kind) {
      case 'too_short':
        throw new SheetError(
          `${FN}: active has ${problem.periods} period${problem.periods === 1 ? '' : 's'}; at least 3 are needed to fit the model`,
        );
      case 'empty_cohort':
        throw new SheetError(`${FN}: ${where('active', a, 0)} is 0: a cohort of 0 customers cannot be fitted`);
      case 'rises':
        throw new SheetError(
          `${FN}: active ${position(a, problem.index)} is ${counts[problem.index]}, more than ${position(a, problem.index - 1)} (${counts[problem.index - 1]}): active counts never rise`,
        );
      case 'nobody_left':
        throw new SheetError(
          `${FN}: active never falls (every count is ${counts[0]}): nobody left the cohort, so its churn cannot be fitted`,
        );
    }
  }
  const fit = fitSbg(counts);
  const del = sbgExpectedLifetime(fit, d);
  const ltv = v * del;
  if (!isFiniteNumber(ltv)) {
    throw new SheetError(
      `${FN}: value is ${describe(v)}: value × expected_lifetime (${del}) is above the largest number a cell can hold (about 1.8e308)`,
    );
  }
  const row = fit.kind === 'sbg' ? [fit.alpha, fit.beta, del, ltv] : ['', '', del, ltv];
  assertFinite(FN, row);
  return [LTV_SBG_HEADER.slice(), row];
}
