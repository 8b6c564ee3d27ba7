import { onboardingByMonth } from '../core/metrics/onboarding';
import { dayText, monthText } from '../core/time/calendar';
import {
  isBlank,
  isDate,
  type Range,
  requiredArg,
  requireSameShape,
  scalarArg,
  SheetError,
  toRange,
  where,
} from './args';
import { CalendarCells } from './calendar-cells';
import { defaultEnv, type FunctionEnv } from './env';

const FN = 'ONBOARDING_RATE';
export const ONBOARDING_RATE_HEADER = ['month', 'started', 'completed_in_time', 'still_open', 'rate'];

/**
 * =ONBOARDING_RATE(start_dates, completed_dates, days, [as_of]) as Sheets
 * calls it: the share of onboardings completed within `days` calendar days
 * of their start, by the month they started, as known on `as_of`.
 */
export function ONBOARDING_RATE(
  startDates: unknown,
  completedDates: unknown,
  days: unknown,
  asOf?: unknown,
  env: FunctionEnv = defaultEnv,
): (number | string)[][] {
  const starts = toRange(FN, 'start_dates', requiredArg(FN, 'start_dates', startDates));
  const ends = toRange(FN, 'completed_dates', requiredArg(FN, 'completed_dates', completedDates));
  requireSameShape(FN, 'completed_dates', ends, 'start_dates', starts);
  const calendar = new CalendarCells(env);
  const notADate = (name: string, range: Range, i: number, v: unknown) => {
    const hint =
      typeof v === 'string' ? ' (text is never read as a date: use DATEVALUE, or Format → Number → Date)' : '';
    return new SheetError(`${FN}: ${where(name, range, i)} is ${calendar.describe(v)}, not a date${hint}`);
  };

  const window = scalarArg(FN, 'days', days);
  if (days === undefined)
    throw new SheetError(`${FN}: days is missing; give the onboarding window in days (a whole number of 0 or more)`);
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0) {
    throw new SheetError(`${FN}: days is ${calendar.describe(window)}, not a whole number of days (0 or more)`);
  }

  let cutOff: number | null = null;
  const a = asOf === undefined ? '' : scalarArg(FN, 'as_of', asOf);
  if (!isBlank(a)) {
    if (!isDate(a)) throw notADate('as_of', toRange(FN, 'as_of', a), 0, a);
    cutOff = calendar.day(a);
    if (cutOff !== cutOff) throw notADate('as_of', toRange(FN, 'as_of', a), 0, a);
  }

  const cells = starts.rows * starts.cols;
  const start = new Float64Array(cells);
  const completed = new Float64Array(cells);
  let n = 0;
  let latest = -Infinity;
  const startMonth = new Int32Array(cells);
  /** The day number of a date cell (its month left in calendar.month). */
  const dayOf = (name: string, range: Range, i: number, v: unknown): number => {
    const d = isDate(v) ? calendar.day(v) : NaN;
    if (d !== d) throw notADate(name, range, i, v);
    return d;
  };
  for (let r = 0, i = 0; r < starts.rows; r++) {
    const sRow = starts.data[r];
    const cRow = ends.data[r];
    for (let c = 0; c < starts.cols; c++, i++) {
      const sv = sRow[c];
      const cv = cRow[c];
      const sBlank = sv === '' || sv === undefined || sv === null;
      const cBlank = cv === '' || cv === undefined || cv === null;
      if (sBlank && cBlank) continue;
      const cd = cBlank ? NaN : dayOf('completed_dates', ends, i, cv);
      if (sBlank) {
        throw new SheetError(
          `${FN}: ${where('start_dates', starts, i)} is blank, but its completion date is ${dayText(cd)}: fill in the start date`,
        );
      }
      const sd = dayOf('start_dates', starts, i, sv);
      if (cd < sd) {
        throw new SheetError(
          `${FN}: ${where('completed_dates', ends, i)} (${dayText(cd)}) is before its start date (${dayText(sd)})`,
        );
      }
      start[n] = sd;
      startMonth[n] = calendar.month;
      completed[n] = cd;
      n++;
      if (sd > latest) latest = sd;
      if (cd > latest) latest = cd;
    }
  }
  if (n === 0) throw new SheetError(`${FN}: start_dates holds no date, so there is no onboarding to count`);
  const asOfDay = cutOff ?? latest;
  const months = onboardingByMonth({ n, start, startMonth, completed }, window, asOfDay);
  if (months.length === 0) {
    throw new SheetError(
      `${FN}: as_of (${dayText(asOfDay)}) is before every start date, so there is no onboarding to count`,
    );
  }
  const out: (number | string)[][] = [ONBOARDING_RATE_HEADER.slice()];
  for (const m of months)
    out.push([monthText(m.month), m.started, m.completedInTime, m.stillOpen, m.rate === null ? '' : m.rate]);
  return out;
}
