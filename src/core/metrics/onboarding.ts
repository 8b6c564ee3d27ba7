/**
 * Onboarding completed within N days of its start, by the month it started
 * (the rules of =ONBOARDING_RATE in shared/spec/custom-functions.md).
 *
 * Pure: dates come in as day numbers (days since 1970-01-01, counted on the
 * calendar: see ../time/calendar.ts); reading cells is the caller's job.
 */

/** The onboarding records, in parallel arrays of length n. */
export interface OnboardingRecords {
  n: number;
  /** Start day of each record. */
  start: Float64Array;
  /** Month number of each start day (../time/calendar.ts monthOfDay, read with the day). */
  startMonth: Int32Array;
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
  const { n, start, startMonth, completed } = r;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (start[i] > asOf) continue;
    const m = startMonth[i];
    if (m < first) first = m;
    if (m > last) last = m;
  }
  if (first === Infinity) return [];
  const months = last - first + 1;
  const started = new Float64Array(months);
  const inTime = new Float64Array(months);
  const open = new Float64Array(months);
  for (let i = 0; i < n; i++) {
    const s = start[i];
    if (s > asOf) continue;
    const k = startMonth[i] - first;
    const deadline = s + days;
    const c = completed[i];
    started[k]++;
    if (c <= asOf && c <= deadline)
      inTime[k]++; // NaN compares false: not completed
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
