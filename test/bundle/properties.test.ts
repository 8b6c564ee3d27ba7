/**
 * Property-based tests (fast-check) on the built bundle, called as Sheets calls it.
 *
 * For each function: its invariance where the mathematics has one (NPS: the
 * order of the answers; LTV: linear in value; LTV_SBG: the same fit for a
 * cohort in other units; LEADLAG: the same r and p for a series in other
 * units, r's sign flipped by a negative factor), and "a finite result or a
 * named error" on generated extreme inputs: subnormals, numbers near
 * ±1.8e308, huge and tiny mixed, long constant runs. A named error starts
 * with the function's name and then one of its argument names.
 */
import fc from 'fast-check';
import { loadDist, plain } from '../helpers/apps-script-vm';
import {
  attempt as call,
  expectFinite,
  expectNamed,
  extremeDouble,
  extremeIn,
  extremePositive,
  factor,
  MIN_NORMAL,
  mostly,
  near,
} from '../helpers/extremes';

const gas = loadDist();
const attempt = (fn: string, ...args: unknown[]) => call(gas, fn, ...args);
const col = (v: unknown[]) => v.map((x) => [x]);
type Row = (number | string)[];

describe('NPS properties', () => {
  const score = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }));
  const shuffle = <T>(v: T[], seed: number) =>
    v
      .map((s, i) => ({ s, k: Math.sin(seed + i * 7919) }))
      .sort((a, b) => a.k - b.k)
      .map((o) => o.s);

  it('lies within [−100, 100] and does not change when answers are shuffled', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 200 }), fc.integer(), (scores, seed) => {
        const nps = plain(gas.call('NPS', col(scores))) as number;
        expect(nps).toBeGreaterThanOrEqual(-100);
        expect(nps).toBeLessThanOrEqual(100);
        expect(plain(gas.call('NPS', col(shuffle(scores, seed))))).toBeCloseTo(nps, 10);
      }),
      { numRuns: 200 },
    );
  });

  it("with groups: each group's row does not change when the rows are shuffled", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, fc.constantFrom('A', 'B', 'C', '', 1, '1')), { minLength: 1, maxLength: 120 }),
        fc.integer(),
        (pairs, seed) => {
          const byGroup = (rows: Row[]) => new Map(rows.slice(1).map((r) => [r[0], r.slice(1)]));
          const a = byGroup(plain(gas.call('NPS', col(pairs.map((p) => p[0])), col(pairs.map((p) => p[1])))) as Row[]);
          const mixed = shuffle(pairs, seed);
          const b = byGroup(plain(gas.call('NPS', col(mixed.map((p) => p[0])), col(mixed.map((p) => p[1])))) as Row[]);
          expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
          for (const [g, row] of a) {
            const other = b.get(g) as Row;
            row.forEach((v, i) => expect(other[i] as number).toBeCloseTo(v as number, 10));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('extreme inputs (subnormals, ±1.8e308, long constant runs): a finite result or an error naming scores', () => {
    const cell = mostly(fc.oneof(extremeIn(0, 10), fc.constantFrom('', 6.999999999999999, 7, 8.999999999999998, 9)));
    const run = fc.tuple(cell, fc.integer({ min: 1, max: 2000 })).map(([v, k]) => new Array(k).fill(v));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            cell.map((v) => [v]),
            run,
          ),
          { minLength: 1, maxLength: 12 },
        ),
        (parts) => {
          const scores = parts.flat();
          const r = attempt('NPS', col(scores));
          if (r.ok) {
            expectFinite(r.value);
            expect(Math.abs(r.value as number)).toBeLessThanOrEqual(100);
          } else expectNamed(r.message, 'NPS', ['scores', 'groups']);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('LTV properties', () => {
  it('falls as churn rises (strictly, when value × margin > 0)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (value, margin, c1, c2, d) => {
          fc.pre(Math.abs(c1 - c2) > 1e-6);
          const [lo, hi] = c1 < c2 ? [c1, c2] : [c2, c1];
          const out = plain(gas.call('LTV', value, margin, col([lo, hi]), d)) as number[][];
          expect(out[1][0]).toBeLessThan(out[0][0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is linear in value across the range of doubles: LTV(c·value) = c·LTV(value), or an error naming value and churn', () => {
    const rate = fc.oneof(fc.double({ min: 5e-324, max: 1, noNaN: true }), fc.constantFrom(1, 1e-300, 1e-10, 0.02));
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        factor.map(Math.abs),
        rate,
        rate.filter((c) => c > 0),
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e300, noNaN: true })),
        (value, c, margin, churn, d) => {
          const scaled = value * c;
          fc.pre(scaled >= MIN_NORMAL && Number.isFinite(scaled));
          const base = attempt('LTV', value, margin, churn, d);
          const big = attempt('LTV', scaled, margin, churn, d);
          for (const r of [base, big])
            if (!r.ok)
              expect(r.message).toMatch(
                /^LTV: value is \S+ and churn is \S+: the lifetime value is above the largest number a cell can hold/,
              );
          if (!base.ok || !big.ok) return;
          expectFinite(big.value);
          const expected = (base.value as number) * c;
          // Both answers hold all their digits when they and value × c are normal doubles.
          if (
            Math.abs(expected) >= MIN_NORMAL &&
            Number.isFinite(expected) &&
            Math.abs(base.value as number) >= MIN_NORMAL
          ) {
            expect(near(big.value as number, expected, 1e-13)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('extreme inputs in every argument: a finite number (or blank) per cell, or an error naming an argument', () => {
    const blankOr = <T>(a: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: a, weight: 9 }, { arbitrary: fc.constant(''), weight: 1 });
    const row = fc.tuple(
      mostly(blankOr(extremePositive)), // value
      mostly(blankOr(extremeIn(0, 1))), // margin
      mostly(blankOr(extremeIn(0, 1).filter((c) => c > 0))), // churn
      mostly(blankOr(extremePositive)), // discount_rate
      mostly(blankOr(extremePositive)), // acquisition_cost
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const args = [0, 1, 2, 3, 4].map((k) => col(rows.map((r) => r[k])));
        const r = attempt('LTV', ...args);
        if (r.ok) expectFinite(r.value);
        else expectNamed(r.message, 'LTV', ['value', 'margin', 'churn', 'discount_rate', 'acquisition_cost']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('LTV_SBG properties', () => {
  /** A cohort: a size, then counts that never rise (somebody leaves), as integers up to 1e6. */
  const cohort = fc
    .tuple(
      fc.integer({ min: 50, max: 1_000_000 }),
      fc.array(fc.double({ min: 0, max: 0.4, noNaN: true }), { minLength: 2, maxLength: 36 }),
    )
    .map(([size, shares]) => {
      const counts = [size];
      for (const s of shares) counts.push(Math.floor(counts[counts.length - 1] * (1 - s)));
      return counts;
    })
    .filter((c) => c[c.length - 1] < c[0]);

  it('a cohort in other units fits the same (the fit depends on the shares still active)', () => {
    // Decision (issue 17): counts are people, but the likelihood of c·N is c
    // times that of N, with the same maximiser. "The same fit" is the same
    // α, β (or the same blanks), lifetime and LTV, up to the rounding of c·N.
    fc.assert(
      fc.property(cohort, factor.map(Math.abs), fc.double({ min: 1e-4, max: 0.5, noNaN: true }), (counts, c, d) => {
        const scaled = counts.map((v) => v * c);
        fc.pre(scaled.every((v) => v === 0 || (v >= MIN_NORMAL && Number.isFinite(v))));
        const a = plain(gas.call('LTV_SBG', col(counts), 100, d)) as Row[];
        const b = plain(gas.call('LTV_SBG', col(scaled), 100, d)) as Row[];
        a[1].forEach((v, i) => {
          if (typeof v === 'string') expect(b[1][i]).toBe(v);
          else expect([i, b[1][i], near(b[1][i] as number, v, 1e-8)]).toEqual([i, b[1][i], true]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('× a power of two: bit-identical results', () => {
    fc.assert(
      fc.property(cohort, fc.integer({ min: -1000, max: 1000 }), (counts, k) => {
        const scaled = counts.map((v) => v * 2 ** k);
        fc.pre(scaled.every((v) => v === 0 || (v >= MIN_NORMAL && Number.isFinite(v))));
        expect(plain(gas.call('LTV_SBG', col(scaled), 100, 0.05))).toEqual(
          plain(gas.call('LTV_SBG', col(counts), 100, 0.05)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('extreme cohorts, values and rates: a finite result or an error naming an argument', () => {
    const count = fc.oneof(extremePositive, fc.constantFrom(0, 1, 7, 1e6));
    const active = fc.array(
      fc.oneof(
        count.map((v) => [v]),
        fc.tuple(count, fc.integer({ min: 2, max: 300 })).map(([v, k]) => new Array(k).fill(v)),
      ),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        active,
        fc.boolean(),
        mostly(extremePositive),
        mostly(
          fc.oneof(
            { arbitrary: extremeIn(1e-6, 1.7976931348623157e308), weight: 8 },
            { arbitrary: extremePositive, weight: 1 },
            { arbitrary: fc.constant(''), weight: 1 },
          ),
        ),
        (parts, sorted, value, d) => {
          let counts: unknown[] = parts.flat();
          // Mostly valid cohorts (never rising), sometimes anything.
          if (sorted) counts = (counts as number[]).sort((x, y) => y - x);
          const r = attempt('LTV_SBG', col(counts), value, d);
          if (r.ok) {
            const [header, row] = r.value as Row[];
            expect(header).toEqual(['alpha', 'beta', 'expected_lifetime', 'ltv']);
            expectFinite(row);
            expect(row[2] as number).toBeGreaterThanOrEqual(1);
          } else expectNamed(r.message, 'LTV_SBG', ['active', 'value', 'discount_rate']);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('LEADLAG properties', () => {
  const series = (n: number) =>
    fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: '' as const, freq: 8 }), {
      minLength: n,
      maxLength: n,
    });
  const pair = fc.integer({ min: 8, max: 40 }).chain((n) => fc.tuple(series(n), series(n)));
  const methods = fc.tuple(fc.constantFrom('pearson', 'spearman'), fc.boolean());

  it('(x, y) at lag k equals (y, x) at lag −k, levels and differenced, pearson and spearman', () => {
    fc.assert(
      fc.property(pair, methods, ([x, y], [method, differenced]) => {
        const a = attempt('LEADLAG', col(x), col(y), 4, method, differenced);
        const b = attempt('LEADLAG', col(y), col(x), 4, method, differenced);
        expect(b.ok).toBe(a.ok);
        if (!a.ok || !b.ok) return;
        const byLag = new Map((b.value as Row[]).slice(1).map((row) => [row[0] as number, row]));
        for (const row of (a.value as Row[]).slice(1)) {
          const other = byLag.get(-(row[0] as number))!;
          expect(other[2]).toBe(row[2]);
          if (row[1] === '') expect(other[1]).toBe('');
          else expect(other[1] as number).toBeCloseTo(row[1] as number, 10);
        }
      }),
      { numRuns: 200 },
    );
  });

  /** LEADLAG of leading × c, when every c·x is a normal double, has the r (× sign c) and p of leading. */
  function checkInOtherUnits(
    x: (number | '')[],
    y: (number | '')[],
    c: number,
    method: string,
    differenced: boolean,
  ): void {
    const scaled = x.map((v) => (v === '' ? '' : v * c));
    fc.pre(scaled.every((v) => v === '' || v === 0 || Math.abs(v) >= MIN_NORMAL));
    const base = attempt('LEADLAG', col(x), col(y), 4, method, differenced);
    fc.pre(base.ok);
    const r = attempt('LEADLAG', col(scaled), col(y), 4, method, differenced);
    expect(r.ok).toBe(true);
    expectSameInOtherUnits((base as { value: Row[] }).value, (r as { value: Row[] }).value, Math.sign(c));
  }

  /** r and p of a series × c equal those of the series (r × sign c). */
  function expectSameInOtherUnits(base: Row[], scaled: Row[], sign: number): void {
    expect(scaled.length).toBe(base.length);
    for (let i = 1; i < base.length; i++) {
      const [lag, r, pairs, p] = base[i];
      expect([lag, scaled[i][0], scaled[i][2]]).toEqual([lag, lag, pairs]);
      if (r === '') {
        expect([lag, scaled[i][1], scaled[i][3]]).toEqual([lag, '', '']);
        continue;
      }
      expect(Math.abs((scaled[i][1] as number) - sign * (r as number))).toBeLessThanOrEqual(1e-12);
      // p = I_{1−r²}(df/2, 1/2): near |r| = 1 a last-digit change of r is a large change of 1 − r².
      if (1 - (r as number) ** 2 > 1e-6) expect(near(scaled[i][3] as number, p as number, 1e-8)).toBe(true);
    }
  }

  it('leading × c (c from ±1e-300 to ±1e300) gives the same r (sign flipped for c < 0) and p; Pearson', () => {
    fc.assert(
      fc.property(pair, factor, fc.boolean(), ([x, y], c, differenced) =>
        checkInOtherUnits(x, y, c, 'pearson', differenced),
      ),
      { numRuns: 300 },
    );
  });

  it('Spearman: × any c on levels (the order is kept or reversed); × ±2^k on changes (c·x rounds, and a rounding could break a tie between two changes)', () => {
    fc.assert(
      fc.property(pair, factor, fc.integer({ min: -1070, max: 1015 }), fc.boolean(), ([x, y], c, k, differenced) =>
        checkInOtherUnits(x, y, differenced ? Math.sign(c) * 2 ** k : c, 'spearman', differenced),
      ),
      { numRuns: 300 },
    );
  });

  it('extreme series: a finite r in [−1, 1] and p in [0, 1] (or blanks), or an error naming an argument', () => {
    const value = fc.oneof(extremeDouble, fc.constant(''));
    const run = fc.tuple(value, fc.integer({ min: 2, max: 200 })).map(([v, k]) => new Array(k).fill(v));
    const s = fc
      .array(
        fc.oneof(
          value.map((v) => [v]),
          run,
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((p) => p.flat());
    fc.assert(
      fc.property(
        s,
        s,
        fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 30 })),
        methods,
        (x, y0, maxLag, [method, differenced]) => {
          const y = y0.length >= x.length ? y0.slice(0, x.length) : [...y0, ...x.slice(y0.length)];
          const r = attempt('LEADLAG', col(x), col(y), maxLag, method, differenced);
          if (!r.ok) {
            expectNamed(r.message, 'LEADLAG', ['leading', 'lagging', 'max_lag', 'method', 'differenced']);
            return;
          }
          const rows = r.value as Row[];
          expect(rows[0]).toEqual(['lag', 'r', 'pairs', 'p_value']);
          for (const [, rr, pairs, p] of rows.slice(1)) {
            expect(Number.isInteger(pairs)).toBe(true);
            if (rr === '') expect(p).toBe('');
            else {
              expect(Math.abs(rr as number)).toBeLessThanOrEqual(1);
              expect(p as number).toBeGreaterThanOrEqual(0);
              expect(p as number).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
