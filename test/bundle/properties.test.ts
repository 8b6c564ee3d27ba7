/** Property-based tests (fast-check) on the built bundle, called as Sheets calls it. */
import fc from 'fast-check';
import { loadDist, plain } from '../helpers/apps-script-vm';

const gas = loadDist();
const col = (v: unknown[]) => v.map((x) => [x]);

describe('NPS properties', () => {
  const score = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }));
  it('lies within [−100, 100] and does not change when answers are shuffled', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 200 }), fc.integer(), (scores, seed) => {
        const nps = plain(gas.call('NPS', col(scores))) as number;
        expect(nps).toBeGreaterThanOrEqual(-100);
        expect(nps).toBeLessThanOrEqual(100);
        const shuffled = scores.map((s, i) => ({ s, k: Math.sin(seed + i * 7919) })).sort((a, b) => a.k - b.k).map((o) => o.s);
        expect(plain(gas.call('NPS', col(shuffled)))).toBeCloseTo(nps, 10);
      }),
      { numRuns: 200 },
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
});

describe('LEADLAG properties', () => {
  it('(x, y) at lag k equals (y, x) at lag −k, levels and differenced, pearson and spearman', () => {
    const value = fc.option(fc.integer({ min: -50, max: 50 }), { nil: '' as const, freq: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n }))),
        fc.constantFrom('pearson', 'spearman'),
        fc.boolean(),
        ([x, y], method, differenced) => {
          let a: unknown[][];
          let b: unknown[][];
          try {
            a = plain(gas.call('LEADLAG', col(x), col(y), 4, method, differenced)) as unknown[][];
          } catch (e) {
            // Too few pairs: then the swapped call must refuse too.
            expect(() => gas.call('LEADLAG', col(y), col(x), 4, method, differenced)).toThrow();
            return;
          }
          b = plain(gas.call('LEADLAG', col(y), col(x), 4, method, differenced)) as unknown[][];
          const byLag = new Map(b.slice(1).map((row) => [row[0] as number, row]));
          for (const row of a.slice(1)) {
            const other = byLag.get(-(row[0] as number))!;
            expect(other[2]).toBe(row[2]);
            if (row[1] === '') expect(other[1]).toBe('');
            else expect(other[1] as number).toBeCloseTo(row[1] as number, 10);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
