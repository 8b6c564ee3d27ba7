/**
 * Date cells read on the spreadsheet's calendar: Sheets passes a date cell
 * as the instant of midnight of that date in the spreadsheet's time zone,
 * so its year, month and day are read in that zone (through the
 * FunctionEnv), never in UTC or the script's zone; a time of day in the
 * cell is ignored. Each distinct instant is converted once per call: a
 * column of snapshot months or onboarding dates holds few distinct dates.
 */
import { dayNumber, dayText, monthOfDay } from '../core/time/calendar';
import { describe, isDate } from './args';
import type { FunctionEnv } from './env';

const YMD = /^(-?\d+)-(\d{1,2})-(\d{1,2})/;

/** Slots of the direct-mapped cache, by day since 1970 (a power of two). */
const SLOTS = 4096;

export class CalendarCells {
  // Each instant's date: a direct-mapped cache by day (most date cells are midnights), then a Map.
  private readonly slotInstant = new Float64Array(SLOTS).fill(NaN);
  private readonly slotDay = new Float64Array(SLOTS);
  private readonly slotMonth = new Float64Array(SLOTS);
  private readonly cache = new Map<number, number>();
  /** The month number of the date last read by day(). */
  month = NaN;

  constructor(private readonly env: FunctionEnv) {}

  /**
   * The day number of a date cell in the spreadsheet's zone (NaN for an
   * invalid Date); its month number is left in `month`.
   */
  day(d: Date): number {
    const t = d.getTime();
    const slot = ((t / 86400000) | 0) & (SLOTS - 1);
    if (this.slotInstant[slot] === t) {
      this.month = this.slotMonth[slot];
      return this.slotDay[slot];
    }
    let day = this.cache.get(t);
    if (day === undefined) {
      const m = t === t ? YMD.exec(this.env.dateText(d)) : null;
      day = m ? dayNumber(+m[1], +m[2], +m[3]) : NaN;
      this.cache.set(t, day);
    }
    const month = day === day ? monthOfDay(day) : NaN;
    this.slotInstant[slot] = t;
    this.slotDay[slot] = day;
    this.slotMonth[slot] = month;
    this.month = month;
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
