import { judgeEvidence, MIN_CHURNED_ACCOUNTS, smallSample } from './evidence';

const bt = (
  over: Partial<{
    considered: number;
    lit: number;
    churned: number;
    lit_churned: number;
    lift_ci95: [number, number] | null;
  }>,
) => ({
  considered: 1000,
  lit: 100,
  churned: 50,
  lit_churned: 20,
  lift_ci95: [1.2, 3] as [number, number] | null,
  ...over,
});

describe("judgeEvidence (the contract's Evidence rules)", () => {
  it('proven: an interval wholly above 1, and no contradicting warning', () => {
    expect(judgeEvidence([], bt({}))).toEqual({ evidence: 'proven', reasons: ['lift_above_one'] });
    // Other warnings do not contradict.
    expect(judgeEvidence(['lagging_as_action', 'no_action', 'not_significant', 'shared_trend'], bt({})).evidence).toBe(
      'proven',
    );
  });
  it('contradicted: reverse causation or the wrong direction, whatever the lift', () => {
    expect(judgeEvidence(['reverse_causation'], bt({}))).toEqual({
      evidence: 'contradicted',
      reasons: ['reverse_causation'],
    });
    expect(judgeEvidence(['wrong_direction'], null)).toEqual({
      evidence: 'contradicted',
      reasons: ['wrong_direction'],
    });
  });
  it("contradicted: an interval wholly below 1; every reason listed, the verdict's first", () => {
    expect(judgeEvidence([], bt({ lift_ci95: [0.7, 0.99] })).reasons).toEqual(['lift_below_one']);
    expect(judgeEvidence(['wrong_direction', 'reverse_causation'], bt({ lift_ci95: [0.5, 0.9] })).reasons).toEqual([
      'reverse_causation',
      'wrong_direction',
      'lift_below_one',
    ]);
  });
  it('an end exactly at 1 proves and contradicts nothing', () => {
    expect(judgeEvidence([], bt({ lift_ci95: [1, 2] }))).toEqual({
      evidence: 'unproven',
      reasons: ['interval_contains_one'],
    });
    expect(judgeEvidence([], bt({ lift_ci95: [0.5, 1] }))).toEqual({
      evidence: 'unproven',
      reasons: ['interval_contains_one'],
    });
  });
  it('unproven, and why: no backtest, nobody churned, never lit, no lit account churned', () => {
    expect(judgeEvidence([], null).reasons).toEqual(['no_backtest']);
    expect(
      judgeEvidence([], bt({ considered: 0, lit: 0, churned: 0, lit_churned: 0, lift_ci95: null })).reasons,
    ).toEqual(['no_backtest']);
    expect(judgeEvidence([], bt({ churned: 0, lit_churned: 0, lift_ci95: null })).reasons).toEqual(['nobody_churned']);
    expect(judgeEvidence([], bt({ lit: 0, lit_churned: 0, lift_ci95: null })).reasons).toEqual(['never_lit']);
    expect(judgeEvidence([], bt({ lit_churned: 0, lift_ci95: null })).reasons).toEqual(['no_lit_churned']);
  });
});

describe('smallSample', () => {
  const b = { considered: 500, churnedAccounts: 40, litChurnedAccounts: 12 };
  it(`is judged on different churned accounts: fewer than ${MIN_CHURNED_ACCOUNTS} with the lamp on, or in all`, () => {
    expect(smallSample(b)).toBe(false);
    expect(smallSample({ ...b, litChurnedAccounts: MIN_CHURNED_ACCOUNTS - 1 })).toBe(true);
    expect(smallSample({ ...b, litChurnedAccounts: MIN_CHURNED_ACCOUNTS })).toBe(false);
    expect(smallSample({ ...b, churnedAccounts: 9, litChurnedAccounts: 9 })).toBe(true);
  });
  it('says nothing where nothing was considered', () => {
    expect(smallSample({ considered: 0, churnedAccounts: 0, litChurnedAccounts: 0 })).toBeNull();
    expect(smallSample(null)).toBeNull();
  });
});
