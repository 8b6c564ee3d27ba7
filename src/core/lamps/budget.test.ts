import fc from 'fast-check';
import type { Direction, Tree } from '../tree/types';
import { validateTree } from '../tree/validate';
import { budgetCount, capThresholds, cutoffWithin } from './budget';
import { evaluate, NONE_GATED, reached, severityRank } from './evaluate';

const lit = (values: number[], c: number, d: Direction) => values.filter((v) => reached(v, c, d)).length;

describe('budgetCount', () => {
  it('is the largest k with k / accounts ≤ budget, the very test `over` makes', () => {
    expect(budgetCount(0.2, 300)).toBe(60);
    expect(budgetCount(0.2, 20)).toBe(4);
    expect(budgetCount(0.2, 292)).toBe(58);
    expect(budgetCount(0, 10)).toBe(0);
    expect(budgetCount(1, 10)).toBe(10);
    expect(budgetCount(0.2, 0)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }), (b, n) => {
        const k = budgetCount(b, n);
        expect(k / n <= b).toBe(true);
        if (k < n) expect((k + 1) / n > b).toBe(true);
      }),
    );
  });
});

describe('cutoffWithin', () => {
  it('takes ties into account: at, beyond and across the count', () => {
    const v = (xs: number[]) => Float64Array.from(xs);
    expect(cutoffWithin(v([0.1, 0.1, 0.1, 0.1, 0.2, 0.9]), 'higher_is_better', 4)).toBe(0.1);
    expect(cutoffWithin(v([0, 0, 0, 0, 0, 1]), 'higher_is_better', 4)).toBeNull();
    expect(cutoffWithin(v([0.1, 0.2, 0.2, 0.2, 0.3]), 'higher_is_better', 2)).toBe(0.1);
    expect(cutoffWithin(v([9, 9, 8, 7, 7, 7, 5]), 'lower_is_better', 4)).toBe(8);
    expect(cutoffWithin(v([1, 2, 3]), 'higher_is_better', 5)).toBe(3);
    expect(cutoffWithin(v([1, 2, 3]), 'lower_is_better', 5)).toBe(1);
    expect(cutoffWithin(v([]), 'higher_is_better', 5)).toBeNull();
    expect(cutoffWithin(v([1, 2]), 'higher_is_better', 0)).toBeNull();
  });
  it('on its own lights at most the count, and the next value past it would light more (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 0, maxLength: 60 }),
        fc.constantFrom<Direction>('higher_is_better', 'lower_is_better'),
        fc.integer({ min: 0, max: 70 }),
        (ints, d, maxLit) => {
          const values = ints.map((i) => i / 4);
          const c = cutoffWithin(Float64Array.from(values), d, maxLit);
          const candidates = [...new Set(values)].filter((x) => lit(values, x, d) <= maxLit);
          if (candidates.length === 0) return expect(c).toBeNull();
          expect(c).not.toBeNull();
          expect(lit(values, c as number, d)).toBeLessThanOrEqual(maxLit);
          // Brute force: the largest (higher_is_better) or smallest qualifying value.
          expect(c).toBe(d === 'higher_is_better' ? Math.max(...candidates) : Math.min(...candidates));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('capThresholds', () => {
  it('brings every threshold that would light more to the cut-off; an equal warn goes', () => {
    expect(capThresholds({ warn: 0.5, alert: 0.3 }, 'higher_is_better', 0.4)).toEqual({ warn: 0.4, alert: 0.3 });
    expect(capThresholds({ warn: 0.5, alert: 0.3 }, 'higher_is_better', 0.2)).toEqual({ alert: 0.2 });
    expect(capThresholds({ warn: 3, alert: 6 }, 'lower_is_better', 5)).toEqual({ warn: 5, alert: 6 });
    expect(capThresholds({ alert: 0 }, 'higher_is_better', 1)).toEqual({ alert: 0 });
    expect(capThresholds({}, 'higher_is_better', 1)).toEqual({});
  });
  it('after capping, a value lit by the node is lit by the cut-off alone (property)', () => {
    for (const d of ['higher_is_better', 'lower_is_better'] as Direction[]) {
      fc.assert(
        fc.property(
          fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: 20 }),
          (warn, alert, cut, v) => {
            const t = capThresholds(
              { ...(warn === undefined ? {} : { warn }), ...(alert === undefined ? {} : { alert }) },
              d,
              cut,
            );
            const litAfter = [t.warn, t.alert].some((x) => x !== undefined && reached(v, x, d));
            if (litAfter) expect(reached(v, cut, d)).toBe(true);
          },
        ),
      );
    }
  });
});

describe('the gate never raises a severity (property)', () => {
  function tree(nodes: number): Tree {
    const r = validateTree({
      format: 'kpi-lamp/tree@1',
      settings: { evidence: 'gate' },
      nodes: [
        { id: 'kgi', parent: null, type: 'kgi', name: 'Churn' },
        ...Array.from({ length: nodes }, (_, k) => ({
          id: `k${k}`,
          parent: 'kgi',
          type: 'kpi',
          name: `K${k}`,
          accounts_column: `c${k}`,
          warn: 0.5,
          alert: 0.2,
        })),
      ],
    });
    if (!r.ok) throw new Error('bad tree');
    return r.tree;
  }
  it('gating any set of nodes leaves each severity at or below the ungated one, and only gated lamps out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), {
                minLength: n,
                maxLength: n,
              }),
              { minLength: 1, maxLength: 30 },
            ),
            fc.subarray(Array.from({ length: n }, (_, k) => `k${k}`)),
          ),
        ),
        ([n, rows, gatedIds]) => {
          const t = tree(n);
          const table = {
            name: 'Accounts',
            header: ['account_id', ...Array.from({ length: n }, (_, k) => `c${k}`)],
            rows: rows.map((r, i) => [`A${i}`, ...r]),
          };
          const plain = evaluate(t, table, NONE_GATED);
          const gated = evaluate(t, table, new Set(gatedIds));
          gated.accounts.forEach((a, i) => {
            expect(severityRank(a.severity)).toBeLessThanOrEqual(severityRank(plain.accounts[i].severity));
            const counted = a.lamps.filter((l) => !gatedIds.includes(l.node)).map((l) => severityRank(l.state));
            expect(severityRank(a.severity)).toBe(Math.max(0, ...counted));
            expect(a.lamps.map((l) => l.gated)).toEqual(a.lamps.map((l) => gatedIds.includes(l.node)));
            expect(a.watch).toBe(a.lamps.some((l) => l.gated && (l.state === 'warn' || l.state === 'alert')));
          });
          // Per-node counts ignore the gate.
          expect(gated.litPerNode).toEqual(plain.litPerNode);
        },
      ),
      { numRuns: 200 },
    );
  });
});
