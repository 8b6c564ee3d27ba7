import { valueKind } from '../core/tree/value-kind';
import { thresholdText, valueText } from './value-text';

describe('a value for people', () => {
  it('reads a rate as a whole percentage, any other number with at most two decimals', () => {
    expect(valueText(0.111962, 'rate', 'en')).toBe('11%');
    expect(valueText(0.111962, 'number', 'en')).toBe('0.11');
    expect(valueText(0.004, 'rate', 'ja')).toBe('0.4%');
    expect(valueText(0, 'rate', 'en')).toBe('0%');
    expect(valueText(1234.5678, 'number', 'en')).toBe('1,234.57');
    expect(valueText(3, 'number', 'ja')).toBe('3');
    expect(valueText(0.004, 'number', 'en')).toBe('0.004');
    expect(valueText(null, 'rate', 'en')).toBe('—');
  });

  it('tells a value from its threshold when rounding would make them read alike', () => {
    expect(valueText(0.296, 'rate', 'en', 0.3)).toBe('29.6%');
    expect(thresholdText(0.3, 'rate', 'en', 0.296)).toBe('30%');
    expect(valueText(0.3, 'rate', 'en', 0.3)).toBe('30%');
    expect(valueText(0.1049, 'number', 'en', 0.1)).toBe('0.105');
    expect(valueText(0.52, 'rate', 'en', 0.5)).toBe('52%');
  });

  it('knows a rate by its thresholds', () => {
    expect(valueKind({ warn: 0.5, alert: 0.3 })).toBe('rate');
    expect(valueKind({ warn: 0.12, alert: 0.08 })).toBe('rate');
    expect(valueKind({ alert: 0 })).toBe('number'); // a done/not-done flag
    expect(valueKind({ warn: 1, alert: 0 })).toBe('number'); // meetings
    expect(valueKind({ alert: 3 })).toBe('number'); // an NPS answer
    expect(valueKind({ warn: 0.5, by_plan: { Enterprise: { warn: 2 } } })).toBe('number');
    expect(valueKind({})).toBe('number');
  });
});
