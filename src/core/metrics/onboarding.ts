/**
 * Onboarding completed within N days of its start, by the month it started
 * (the rules of =ONBOARDING_RATE in shared/spec/custom-functions.md).
 *
 * Pure: dates come in as day numbers (days since 1970-01-01, counted on the
 * calendar: see ../time/calendar.ts); reading cells is the caller's job.
 */
import { civilOfDay, dayNumber, monthNumber, monthOfDay } from '../time/calendar';

/** The onboarding records, in parallel arrays of length n. */
export interface OnboardingRecords {
  n: number;
  /** Start day of each record. */
  start: Float64Array;
  /** Completion day of each record; NaN when not completed. */
  completed: Float64Array;
}

export interface OnboardingMonth {
  month: number;
  started: number;
  completedInTime: number;
  stillOpen: number;
  /** completedInTime / (started − stillOpen); null when nothing is decided yet. */
  rate: number | null;
}

/**
 * One row per month from the month of the earliest to the month of the
 * latest counted start (start ≤ asOf), oldest first; empty when no record
 * counts. A completion after asOf counts as not completed; a record is
 * completed in time when completed on or before start + days, still open
 * when not completed and asOf is before start + days, missed otherwise.
 */
export function onboardingByMonth(r: OnboardingRecords, days: number, asOf: number): OnboardingMonth[] {
  const { n, start, completed } = r;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = start[i];
    if (s > asOf) continue;
    if (s < firstDay) firstDay = s;
    if (s > lastDay) lastDay = s;
  }
  if (firstDay === Infinity) return [];
  const first = monthOfDay(firstDay);
  const months = monthOfDay(lastDay) - first + 1;
  const started = new Float64Array(months);
  const inTime = new Float64Array(months);
  const open = new Float64Array(months);
  // The month of a start day: the previous record's month is reused while the day lies in it.
  let cachedFrom = Infinity;
  let cachedTo = -Infinity;
  let cachedMonth = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i];
    if (s > asOf) continue;
    if (s < cachedFrom || s > cachedTo) {
      const d = civilOfDay(s);
      cachedMonth = monthNumber(d.year, d.month);
      cachedFrom = s - (d.day - 1);
      cachedTo = dayNumber(d.month === 12 ? d.year + 1 : d.year, d.month === 12 ? 1 : d.month + 1, 1) - 1;
    }
    const k = cachedMonth - first;
    const deadline = s + days;
    const c = completed[i];
    started[k]++;
    if (c <= asOf && c <= deadline) inTime[k]++; // NaN compares false: not completed
    else if (!(c <= asOf) && asOf < deadline) open[k]++;
  }
  const out: OnboardingMonth[] = [];
  for (let k = 0; k < months; k++) {
    const decided = started[k] - open[k];
    out.push({
      month: first + k,
      started: started[k],
      completedInTime: inTime[k],
      stillOpen: open[k],
      rate: decided > 0 ? inTime[k] / decided : null,
    });
  }
  return out;
}
