/**
 * Date cells read on the spreadsheet's calendar: Sheets passes a date cell
 * as the instant of midnight of that date in the spreadsheet's time zone,
 * so its year, month and day are read in that zone (through the
 * FunctionEnv), never in UTC or the script's zone; a time of day in the
 * cell is ignored. Each distinct instant is converted once per call: a
 * column of snapshot months or onboarding dates holds few distinct dates.
 */
import { dayNumber, dayText } from '../core/time/calendar';
import { describe, isDate } from './args';
import { FunctionEnv } from './env';

const YMD = /^(-?\d+)-(\d{1,2})-(\d{1,2})/;

export class CalendarCells {
  private readonly days = new Map<number, number>();
  private lastInstant = NaN;
  private lastDay = NaN;

  constructor(private readonly env: FunctionEnv) {}

  /** The day number (../core/time/calendar.ts) of a date cell; NaN for an invalid Date. */
  day(d: Date): number {
    const t = d.getTime();
    if (t === this.lastInstant) return this.lastDay;
    let day = this.days.get(t);
    if (day === undefined) {
      const m = t === t ? YMD.exec(this.env.dateText(d)) : null;
      day = m ? dayNumber(+m[1], +m[2], +m[3]) : NaN;
      this.days.set(t, day);
    }
    this.lastInstant = t;
    this.lastDay = day;
    return day;
  }

  /** How a cell is shown in an error message, a date by its date in the spreadsheet's zone. */
  describe(v: unknown): string {
    if (isDate(v)) {
      const day = this.day(v);
      return day === day ? `the date ${dayText(day)}` : 'an invalid date';
    }
    return describe(v);
  }
}
