/**
 * Extreme numbers (issue 17), on the built bundle called as Sheets calls it.
 * Each case below was a silently wrong answer, a blank where a number is
 * due, an internal RangeError or a refused representable answer before the
 * numerics were made scale-free; each now gives the answer of the same data
 * in other units, or an error naming the function and the argument.
 *
 * Reference values come from the mathematics (a power of two changes no
 * rounding, so the same data in other units must give bit-identical results)
 * or from mpmath in test/golden/make_golden.py (the "extreme" cases of
 * functions.json, checked by golden.test.ts).
 */
import { errorOf, loadDist, plain } from '../helpers/apps-script-vm';

const gas = loadDist();
const col = (v: unknown[]) => v.map((x) => [x]);
type Table = (number | string)[][];
const call = (fn: string, ...args: unknown[]) => plain(gas.call(fn, ...args)) as Table;

/** Relative closeness of two numbers (or two blanks). */
function near(actual: unknown, expected: unknown, tol: number): boolean {
  if (typeof expected !== 'number' || typeof actual !== 'number') return actual === expected;
  return Math.abs(actual - expected) <= tol * Math.abs(expected);
}

describe('LTV_SBG: a cohort that barely churns', () => {
  it('losing people only in its first period: the likelihood has no maximum at finite α, β, so they are blank and the lifetime is the limit 1 + (1 − share lost)/d', () => {
    // Only 1 of 10,000 left, in period 1; nobody in period 2. With π = α/(α+β)
    // fixed at 1e-4 the likelihood rises monotonically as α + β → 0 (each
    // later retention factor (β+j)/(α+β+j) → 1), so the fit is the limit: a
    // share of 1e-4 leaves at once, the rest never. Before: α ≈ 2e-16,
    // β ≈ 1e-16 (β + t − 1 rounded β away) and a lifetime of 34.3, a third.
    const [header, row] = call('LTV_SBG', col([10000, 9999, 9999]), 10, 0.01);
    expect(header).toEqual(['alpha', 'beta', 'expected_lifetime', 'ltv']);
    expect(row[0]).toBe('');
    expect(row[1]).toBe('');
    expect(near(row[2], 1 + 0.9999 / 0.01, 1e-13)).toBe(true);
    expect(near(row[3], 10 * (1 + 0.9999 / 0.01), 1e-13)).toBe(true);
  });

  it('small later losses give a finite fit with α ≪ 1, whose lifetime lies below the first-period limit', () => {
    // scipy (make_golden.py) puts the maximum at α ≈ 1.2e-4, β ≈ 0.12.
    const [, row] = call('LTV_SBG', col([10000, 9990, 9989, 9989, 9988]), 1, 0.01);
    expect(typeof row[0]).toBe('number');
    expect(typeof row[1]).toBe('number');
    expect(row[0] as number).toBeLessThan(1e-3);
    expect(row[2] as number).toBeLessThan(1 + 0.999 / 0.01);
    expect(row[2] as number).toBeGreaterThan(50);
  });
});

describe('LTV_SBG: the fit depends on the shares still active, not on the units of the counts', () => {
  // The log-likelihood of counts c·N is c times that of N, so both have the
  // same maximiser: "the same fit" is the same α, β, lifetime and LTV, up to
  // the rounding of c·N (its shares can differ in the last digit; the
  // Newton-polished maximiser then moves by ~1e-15, so 1e-12 here), and bit
  // for bit for a power of two.
  const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491];
  const base = call('LTV_SBG', col(highEnd), 100, 0.1)[1];
  it.each([1e-12, 1e-300, 3e-7, 1e12, 1e300, 7])('× %p fits as the counts themselves', (c) => {
    const row = call('LTV_SBG', col(highEnd.map((v) => v * c)), 100, 0.1)[1];
    row.forEach((v, i) => expect([i, v, near(v, base[i], 1e-12)]).toEqual([i, v, true]));
  });
  it('× 2^-1000 (exact) gives bit-identical results', () => {
    const row = call('LTV_SBG', col(highEnd.map((v) => v * 2 ** -1000)), 100, 0.1)[1];
    expect(row).toEqual(base);
  });
  it('a constant-share cohort stays constant-share at any scale', () => {
    for (const c of [1, 1e-12, 1e-300, 1e300]) {
      const row = call('LTV_SBG', col([1024, 768, 576, 432, 324, 243].map((v) => v * c)), 80, 0.05)[1];
      expect(row[0]).toBe('');
      expect(row[1]).toBe('');
      expect(near(row[2], 1.05 / 0.3, 1e-13)).toBe(true);
    }
  });
});

describe('LEADLAG: the same series in other units gives the same r and p', () => {
  // No two changes of x are equal: c·x is rounded, and a rounding can break a
  // tie between two changes (then spearman's ranks differ: the data differ).
  const x = [1, 3, 2, 6, 4, 9, 15, 8, 17, 12];
  const y = [2, 1, 4, 3, 6, 5, 7, 9, 8, 10];
  const opts: [string, boolean][] = [
    ['pearson', false],
    ['pearson', true],
    ['spearman', false],
    ['spearman', true],
  ];
  it.each([1e154, 1e200, 1e300, 1e-200, 1e-300, -1e154, -1e300])('leading × %p', (c) => {
    for (const [method, differenced] of opts) {
      const base = call('LEADLAG', col(x), col(y), 3, method, differenced);
      const scaled = call('LEADLAG', col(x.map((v) => v * c)), col(y), 3, method, differenced);
      for (let i = 1; i < base.length; i++) {
        const [lag, r, pairs, p] = base[i];
        const sign = c < 0 ? -1 : 1; // x → c·x with c < 0 reverses the order too, so spearman flips as well
        expect(scaled[i][0]).toBe(lag);
        expect(scaled[i][2]).toBe(pairs);
        expect([method, differenced, lag, near(scaled[i][1], typeof r === 'number' ? sign * r : r, 1e-12)]).toEqual([
          method,
          differenced,
          lag,
          true,
        ]);
        expect([method, differenced, lag, near(scaled[i][3], p, 1e-9)]).toEqual([method, differenced, lag, true]);
      }
    }
  });
  it('values near ±1.7e308 (differenced too) give the r of the same values × 2^-1000, bit for bit', () => {
    const big = x.map((v, i) => (i % 2 ? -1 : 1) * v * 1.4e307);
    for (const [method, differenced] of opts) {
      const a = call('LEADLAG', col(big), col(y.map((v) => v * 1.7e307)), 3, method, differenced);
      const b = call(
        'LEADLAG',
        col(big.map((v) => v * 2 ** -1000)),
        col(y.map((v) => v * 1.7e307 * 2 ** -1000)),
        3,
        method,
        differenced,
      );
      expect(a).toEqual(b);
      expect(a.slice(1).some((row) => typeof row[1] === 'number')).toBe(true);
    }
  });
  it('subnormal values are read like any other numbers', () => {
    const a = call('LEADLAG', col(x.map((v) => v * 5e-324)), col(y), 3);
    const b = call('LEADLAG', col(x), col(y), 3);
    expect(a).toEqual(b);
  });
});

describe('LTV: representable answers are given whatever the intermediate products', () => {
  it.each([
    ['(1 + d) × value overflows', [1e308, 1, 0.5, 1], 1.3333333333333333e308],
    ['value × (1 + discount_rate) overflows', [1e300, 1, 1, 1e10], 1e300],
    ['the lifetime value before the acquisition cost overflows', [1.5e308, 1, 0.5, 0, 1.5e308], 1.5e308],
    ['value × margin underflows (was silently 0)', [1e-200, 1e-200, 1e-200], 1e-200],
    ['a subnormal churn', [1e-300, 1, 1e-310], 1e-300 / 1e-310],
  ])('%s', (_name, args, expected) => {
    const got = plain(gas.call('LTV', ...(args as number[]))) as number;
    expect(near(got, expected, 1e-15)).toBe(true);
  });
  it('an answer larger than any cell can hold is an error naming the arguments and the position', () => {
    expect(errorOf(() => gas.call('LTV', 1e308, 1, 1e-10))).toBe(
      'LTV: value is 1e+308 and churn is 1e-10: the lifetime value is above the largest number a cell can hold (about 1.8e308)',
    );
    expect(errorOf(() => gas.call('LTV', col([100, 1e300]), 0.8, col([0.1, 1e-10]), '', col([0, 5])))).toBe(
      'LTV: value row 2 is 1e+300 and churn row 2 is 1e-10: the lifetime value is above the largest number a cell can hold (about 1.8e308)',
    );
  });
});
