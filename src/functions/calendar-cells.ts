/**
 * Date cells read on the spreadsheet's calendar: Sheets passes a date cell
 * as the instant of midnight of that date in the spreadsheet's time zone,
 * so its year, month and day are read in that zone (through the
 * FunctionEnv), never in UTC or the script's zone; a time of day in the
 * cell is ignored. Each distinct instant is converted once per call: a
 * column of snapshot months or onboarding dates holds few distinct dates.
 */
import { dayNumber, dayText, monthNumber } from '../core/time/calendar';
import { describe, isDate } from './args';
import { FunctionEnv } from './env';

const YMD = /^(-?\d+)-(\d{1,2})-(\d{1,2})/;

interface CalendarDay {
  day: number;
  month: number;
}

const INVALID: CalendarDay = { day: NaN, month: NaN };

/** Slots of the direct-mapped cache, by day since 1970 (a power of two). */
const SLOTS = 4096;

export class CalendarCells {
  // Each instant's date: a direct-mapped cache by day (most date cells are midnights), then a Map.
  private readonly slotInstant = new Float64Array(SLOTS);
  private readonly slotDate = new Array<CalendarDay>(SLOTS).fill(INVALID);
  private readonly cache = new Map<number, CalendarDay>();

  constructor(private readonly env: FunctionEnv) {}

  /** The date of a date cell in the spreadsheet's zone: its day number and month number (NaN for an invalid Date). */
  read(d: Date): CalendarDay {
    const t = d.getTime();
    const slot = ((t / 86400000) | 0) & (SLOTS - 1);
    if (this.slotInstant[slot] === t && this.slotDate[slot] !== INVALID) return this.slotDate[slot];
    let found = this.cache.get(t);
    if (found === undefined) {
      const m = t === t ? YMD.exec(this.env.dateText(d)) : null;
      found = m ? { day: dayNumber(+m[1], +m[2], +m[3]), month: monthNumber(+m[1], +m[2]) } : INVALID;
      this.cache.set(t, found);
    }
    this.slotInstant[slot] = t;
    this.slotDate[slot] = found;
    return found;
  }

  /** How a cell is shown in an error message, a date by its date in the spreadsheet's zone. */
  describe(v: unknown): string {
    if (isDate(v)) {
      const day = this.read(v).day;
      return day === day ? `the date ${dayText(day)}` : 'an invalid date';
    }
    return describe(v);
  }
}
