/**
 * Calendar arithmetic on plain numbers: a day is counted on the calendar
 * (no time of day, no time zone, no daylight-saving time), a month is a
 * year and a month. Pure: no Date, no Apps Script global.
 *
 * - day number: days since 1970-01-01 (negative before), so that
 *   2024-02-28 → 2024-03-01 is 2 days whatever the zone;
 * - month number: year × 12 + (month − 1), so that the month after
 *   2024-12 is 2025-01.
 */

// Looked up once: under a vm context (tests, benchmark) every global lookup is intercepted.
const floor = Math.floor;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function dayNumber(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil, in integer arithmetic.
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of a day number (the inverse of dayNumber). */
export function civilOfDay(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const day = doy - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The month number of year and month (1–12). */
export function monthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** The month number of a day number. */
export function monthOfDay(n: number): number {
  const c = civilOfDay(n);
  return monthNumber(c.year, c.month);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function year4(y: number): string {
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return String(y).padStart(4, '0');
}

/** "2024-03" of a month number. */
export function monthText(m: number): string {
  const y = floor(m / 12);
  return `${year4(y)}-${pad2(m - y * 12 + 1)}`;
}

/** "2024-03-15" of a day number. */
export function dayText(n: number): string {
  const c = civilOfDay(n);
  return `${year4(c.year)}-${pad2(c.month)}-${pad2(c.day)}`;
}
