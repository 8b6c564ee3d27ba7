import type { VerdictSummary } from '../core/lamps/assess';
import { evidenceEn, evidenceJa } from './evidence-messages';
import {
  chipCode,
  percent,
  suggestionText,
  times,
  verdictChip,
  verdictFigures,
  verdictSentence,
} from './evidence-text';

const v = (over: Partial<VerdictSummary>): VerdictSummary => ({
  declared_kind: 'leading',
  inferred_kind: 'none',
  best_lag: 2,
  r: 0.39,
  pairs: 29,
  p_value: 0.035,
  levels_significant: false,
  warnings: ['not_significant'],
  months: 36,
  lags: 13,
  significance: 0.05,
  ...over,
});

describe('the evidence catalogue', () => {
  it('has the same keys and placeholders in both languages, and no empty text', () => {
    expect(Object.keys(evidenceJa).sort()).toEqual(Object.keys(evidenceEn).sort());
    const names = (text: string) => [...new Set(text.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
    for (const key of Object.keys(evidenceEn) as (keyof typeof evidenceEn)[]) {
      expect({ key, names: names(evidenceJa[key]) }).toEqual({ key, names: names(evidenceEn[key]) });
      expect(evidenceJa[key].trim()).not.toBe('');
    }
  });
});

describe('verdict chips and sentences', () => {
  it('one chip per verdict shape', () => {
    expect(chipCode(v({ inferred_kind: 'leading', best_lag: 3, warnings: [] }))).toBe('leads');
    expect(chipCode(v({ inferred_kind: 'lagging', best_lag: -1, warnings: ['reverse_causation'] }))).toBe('lags');
    expect(chipCode(v({ inferred_kind: 'coincident', best_lag: 0, warnings: [] }))).toBe('coincident');
    expect(chipCode(v({ warnings: ['shared_trend'] }))).toBe('shared_trend');
    expect(chipCode(v({}))).toBe('not_significant');
    expect(chipCode(v({ warnings: ['short_history'], best_lag: null, r: null, p_value: null }))).toBe('short_history');
    expect(chipCode(v({ warnings: ['no_history'], best_lag: null, r: null, p_value: null }))).toBe('no_history');
    expect(verdictChip('en', v({ inferred_kind: 'leading', best_lag: 3, warnings: [] }), 'churn').text).toBe(
      'leads by 3 months',
    );
    expect(verdictChip('en', v({ inferred_kind: 'leading', best_lag: 1, warnings: [] }), 'churn').text).toBe(
      'leads by 1 month',
    );
    expect(verdictChip('ja', v({ inferred_kind: 'lagging', best_lag: -1, warnings: [] }), '解約率').text).toBe(
      '解約率の後に動く',
    );
    // A lead in the opposite direction is no green light.
    expect(
      verdictChip('en', v({ inferred_kind: 'leading', best_lag: 2, warnings: ['wrong_direction'] }), 'churn').tone,
    ).toBe('red');
  });
  it('says how unlikely chance is from the Bonferroni-adjusted p', () => {
    expect(
      verdictSentence('en', v({ inferred_kind: 'leading', best_lag: 3, p_value: 3.3e-7, warnings: [] }), 'churn'),
    ).toBe('Moves about 3 months before churn; the link is very unlikely to be chance.');
    expect(
      verdictSentence('en', v({ inferred_kind: 'leading', best_lag: 3, p_value: 0.001, warnings: [] }), 'churn'),
    ).toBe('Moves about 3 months before churn; the link is unlikely to be chance.');
  });
  it('never shows a raw p beside "not significant" without the number of lags tested', () => {
    const ns = v({});
    expect(verdictSentence('en', ns, 'churn')).toContain('once 13 lags are tested');
    expect(verdictFigures('en', ns)).toBe(
      'lag +2 · r 0.390 · p 0.035 · 13 lags tested (significant when p × 13 < 0.05)',
    );
    expect(verdictFigures('ja', ns)).toContain('13 通りのラグを検定');
    expect(verdictFigures('en', v({ best_lag: null, r: null, p_value: null }))).toBeNull();
  });
});

describe('numbers for people', () => {
  it('percentages and lifts', () => {
    expect([percent(0.0617), percent(0.456), percent(0.004), percent(0), percent(null)]).toEqual([
      '6%',
      '46%',
      '0.4%',
      '0%',
      '—',
    ]);
    expect([times(4.46), times(0.84), times(12.3), times(1.345)]).toEqual(['4.5', '0.84', '12', '1.34']);
    // An interval's ends take their lift's decimals.
    expect([times(0.6, 1.14), times(2.17, 1.14)]).toEqual(['0.60', '2.17']);
  });
  it('a curve suggestion, or why there is none', () => {
    const point = { cutoff: 0.499, lit: 500, lit_churned: 160, precision: 0.32, recall: 0.45, lift: 5.52 };
    expect(suggestionText('en', { kind: 'cutoff', point, ci: [4.69, 6.48] }, 'higher_is_better')).toBe(
      'From the history: a cut-off at or below 0.499 lights accounts 5.5× as likely to churn (between 4.7× and 6.5×) and catches 45% of churn.',
    );
    expect(suggestionText('en', { kind: 'none_predicts' }, 'higher_is_better')).toBe(
      'No cut-off of this KPI predicts churn in the history (no lift above 1 with its interval).',
    );
  });
});
