import { civilOfDay, dayNumber, dayText, monthNumber, monthOfDay, monthText } from './calendar';

describe('calendar arithmetic on plain numbers', () => {
  it('day numbers agree with Date.UTC on every day from 1800 to 2200', () => {
    for (let t = Date.UTC(1800, 0, 1); t <= Date.UTC(2200, 11, 31); t += 86400000) {
      const d = new Date(t);
      const n = dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      expect(n).toBe(t / 86400000);
      const c = civilOfDay(n);
      if (c.year !== d.getUTCFullYear() || c.month !== d.getUTCMonth() + 1 || c.day !== d.getUTCDate()) {
        throw new Error(`civilOfDay(${n}) = ${JSON.stringify(c)}, expected ${d.toISOString()}`);
      }
    }
  });
  it('counts days on the calendar: 2024-02-28 to 2024-03-01 is 2 days, 2023 has no 29 February', () => {
    expect(dayNumber(2024, 3, 1) - dayNumber(2024, 2, 28)).toBe(2);
    expect(dayNumber(2023, 3, 1) - dayNumber(2023, 2, 28)).toBe(1);
    expect(dayNumber(1970, 1, 1)).toBe(0);
  });
  it('months: the month after 2024-12 is 2025-01', () => {
    expect(monthText(monthNumber(2024, 12) + 1)).toBe('2025-01');
    expect(monthText(monthNumber(2024, 1) - 1)).toBe('2023-12');
    expect(monthOfDay(dayNumber(2024, 2, 29))).toBe(monthNumber(2024, 2));
  });
  it('writes yyyy-mm and yyyy-mm-dd with four-digit years', () => {
    expect(monthText(monthNumber(987, 3))).toBe('0987-03');
    expect(dayText(dayNumber(2024, 3, 5))).toBe('2024-03-05');
  });
});
