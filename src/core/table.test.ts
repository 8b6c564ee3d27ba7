import { monthFromIndex, monthIndex, monthKey, numberFromCell, parseNumberText } from './table';

describe('reading numbers a person typed', () => {
  it('understands 0.8, 80% and full-width ８０％ alike', () => {
    expect(parseNumberText('0.8')).toBe(0.8);
    expect(parseNumberText('80%')).toBe(0.8);
    expect(parseNumberText('８０％')).toBe(0.8);
    expect(parseNumberText(' 12.5 % ')).toBe(0.125);
    expect(parseNumberText('1,234')).toBe(1234);
    expect(parseNumberText('-.5')).toBe(-0.5);
  });
  it('refuses text that is not a number', () => {
    for (const s of ['', 'abc', '1.2.3', '80%%', '12a', '1,23', 'Infinity', '0x10'])
      expect(parseNumberText(s)).toBeNull();
  });
  it('reads TRUE/FALSE as 1/0 and blanks as null', () => {
    expect(numberFromCell(true)).toBe(1);
    expect(numberFromCell('FALSE')).toBe(0);
    expect(numberFromCell(null)).toBeNull();
    expect(numberFromCell('n/a')).toBeNull();
  });
});

describe('months', () => {
  it('takes yyyy-mm text or a date', () => {
    expect(monthKey('2026-03')).toBe('2026-03');
    expect(monthKey('2026-03-31')).toBe('2026-03');
    expect(monthKey('2026-03-31T09:00:00')).toBe('2026-03');
    expect(monthKey('2026/3')).toBe('2026-03');
    expect(monthKey('2026-13')).toBeNull();
    expect(monthKey(202603)).toBeNull();
  });
  it('index arithmetic round-trips', () => {
    expect(monthFromIndex(monthIndex('2026-12') + 1)).toBe('2027-01');
  });
});
