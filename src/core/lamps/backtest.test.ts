import { cutoffs, cutoffsUnsorted, liftInterval, suggestedCutoff, type Backtest } from './backtest';

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
  const point = (cutoff: number, lit: number, litChurned: number, considered: number, churned: number) => ({
    cutoff,
    lit,
    lit_churned: litChurned,
    precision: litChurned / lit,
    recall: litChurned / churned,
    lift: litChurned / lit / (churned / considered),
  });
  it('suggests the best lift among cut-offs catching at least a third of churn, each lifting churn with its interval', () => {
    // 1000 account-months, 24 churned: base rate 2.4%.
    const b = {
      considered: 1000,
      churned: 24,
      curve: [point(1, 10, 5, 1000, 24), point(2, 20, 8, 1000, 24), point(3, 40, 12, 1000, 24)],
    } as Backtest;
    const s = suggestedCutoff(b);
    expect(s.kind).toBe('cutoff');
    if (s.kind !== 'cutoff') return;
    expect(s.point.cutoff).toBe(2); // lift 16.7, recall 1/3; cut-off 1 lifts more but catches too little
    expect(s.ci).toEqual(liftInterval(1000, 20, 24, 8));
    expect(s.ci[0]).toBeGreaterThan(1);
  });
  it('offers no cut-off whose interval reaches 1, and says which of the two reasons holds', () => {
    // A lift of 1.25 on a handful of churns: its interval contains 1.
    const weak = { considered: 1000, churned: 20, curve: [point(1, 400, 10, 1000, 20)] } as Backtest;
    expect(liftInterval(1000, 400, 20, 10)![0]).toBeLessThan(1);
    expect(suggestedCutoff(weak)).toEqual({ kind: 'none_predicts' });
    const below = { considered: 1000, churned: 100, curve: [point(1, 500, 20, 1000, 100)] } as Backtest;
    expect(suggestedCutoff(below)).toEqual({ kind: 'none_predicts' });
    // Predicts, but catches under a third of churn.
    const narrow = { considered: 1000, churned: 60, curve: [point(1, 30, 15, 1000, 60)] } as Backtest;
    expect(suggestedCutoff(narrow)).toEqual({ kind: 'too_few_caught' });
    expect(suggestedCutoff({ considered: 0, churned: 0, curve: [] })).toEqual({ kind: 'none_predicts' });
  });
});

describe('cutoffsUnsorted', () => {
  it('equals cutoffs() of the sorted values, for random arrays with ties', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 200; trial++) {
      const m = Math.floor(rnd() * 60);
      const v = Array.from({ length: m }, () => Math.floor(rnd() * (trial % 3 === 0 ? 4 : 1000)) / 7);
      const sorted = [...v].sort((a, b) => a - b);
      expect(cutoffsUnsorted(Float64Array.from(v))).toEqual(cutoffs(sorted));
    }
  });
});
