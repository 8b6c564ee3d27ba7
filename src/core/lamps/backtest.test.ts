import { cutoffs, cutoffsUnsorted, liftInterval, suggestedCutoff, Backtest } from './backtest';

describe('backtest pieces', () => {
  it('cut-offs are v[ceil(k·m/10)] for k = 1..9, once each, increasing', () => {
    expect(cutoffs([])).toEqual([]);
    expect(cutoffs([5])).toEqual([5]);
    expect(cutoffs([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // m = 15: ceil(1.5)=2, ceil(3)=3, ceil(4.5)=5, 6, ceil(7.5)=8, 9, ceil(10.5)=11, 12, ceil(13.5)=14
    const v = Array.from({ length: 15 }, (_, i) => (i + 1) * 10);
    expect(cutoffs(v)).toEqual([20, 30, 50, 60, 80, 90, 110, 120, 140]);
    expect(cutoffs([0, 0, 0, 1])).toEqual([0, 1]);
  });
  it('lift interval by the log method', () => {
    const [lo, hi] = liftInterval(1000, 100, 50, 20)!;
    const lift = 20 / 100 / (50 / 1000);
    const se = Math.sqrt(1 / 20 - 1 / 100 + 1 / 50 - 1 / 1000);
    expect(lo).toBeCloseTo(lift * Math.exp(-1.96 * se), 12);
    expect(hi).toBeCloseTo(lift * Math.exp(1.96 * se), 12);
    expect(liftInterval(1000, 100, 50, 0)).toBeNull();
    expect(liftInterval(1000, 0, 0, 0)).toBeNull();
  });
  it('suggests the best lift among cut-offs catching at least a third of churn', () => {
    const b = { curve: [
      { cutoff: 1, lit: 10, lit_churned: 5, precision: 0.5, recall: 0.2, lift: 9 },
      { cutoff: 2, lit: 20, lit_churned: 8, precision: 0.4, recall: 0.34, lift: 4 },
      { cutoff: 3, lit: 40, lit_churned: 12, precision: 0.3, recall: 0.5, lift: 3 },
    ] } as Backtest;
    expect(suggestedCutoff(b)?.cutoff).toBe(2);
  });
});


describe('cutoffsUnsorted', () => {
  it('equals cutoffs() of the sorted values, for random arrays with ties', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 200; trial++) {
      const m = Math.floor(rnd() * 60);
      const v = Array.from({ length: m }, () => Math.floor(rnd() * (trial % 3 === 0 ? 4 : 1000)) / 7);
      const sorted = [...v].sort((a, b) => a - b);
      expect(cutoffsUnsorted(Float64Array.from(v))).toEqual(cutoffs(sorted));
    }
  });
});
