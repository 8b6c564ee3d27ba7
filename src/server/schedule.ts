/**
 * One schedule per spreadsheet. The schedule (who installed it, which
 * trigger, when it runs) is kept in the document store, so everyone with the
 * sidebar sees it. A second person who tries to install one is told who
 * already did and may replace it; Apps Script does not let one user delete
 * another's trigger, so a replaced trigger stops itself the next time it
 * fires (see `isCurrentTrigger`).
 */
import type { KeyValueStore, TriggerSchedule, Workbook } from '../ports/workbook';
import { SCHEDULE_KEY } from './run';
import { spreadsheetsWith, userKey } from './user-keys';

/** The Apps Script function the time trigger calls. */
export const RUN_HANDLER = 'kpiLampScheduledRun';
/** User store, per spreadsheet: the ids of this person's triggers serving it (an add-on's trigger has no active spreadsheet). */
const TRIGGERS = 'triggers';
/** User store, per spreadsheet: consecutive firings that could not open it. */
const OPEN_FAILURES = 'open-failures';
/** A trigger whose spreadsheet cannot be opened this many firings in a row (deleted, unshared) removes itself. */
export const OPEN_FAILURES_BEFORE_REMOVAL = 3;

export interface ScheduleInfo {
  owner: string;
  triggerId: string;
  schedule: TriggerSchedule;
  timeZone: string;
  installedAt: string;
}

export function getSchedule(wb: Workbook): ScheduleInfo | null {
  try {
    const s = JSON.parse(wb.documentStore().get(SCHEDULE_KEY) ?? 'null');
    return s && typeof s.triggerId === 'string' ? (s as ScheduleInfo) : null;
  } catch {
    return null;
  }
}

function idsIn(store: KeyValueStore, key: string): string[] {
  try {
    const v = JSON.parse(store.get(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** My triggers serving this spreadsheet, as recorded. */
function myTriggers(wb: Workbook): string[] {
  return idsIn(wb.userStore(), userKey(wb, TRIGGERS));
}

function setMyTriggers(wb: Workbook, ids: string[]): void {
  if (ids.length) wb.userStore().set(userKey(wb, TRIGGERS), JSON.stringify(ids));
  else wb.userStore().delete(userKey(wb, TRIGGERS));
}

/** Every trigger id my user store says serves some spreadsheet. */
function servingAny(store: KeyValueStore): Set<string> {
  const keys = store.keys();
  return new Set(spreadsheetsWith(keys, TRIGGERS).flatMap((id) => idsIn(store, userKey(id, TRIGGERS))));
}

/**
 * Removes my KPI Lamp triggers left over for this spreadsheet: those
 * recorded as serving it, and those serving no spreadsheet at all (their
 * record was lost; in a bound script every trigger is this spreadsheet's).
 * An Editor add-on allows one time trigger per person per document, so
 * installing a schedule must first remove them.
 */
export function removeStaleTriggers(wb: Workbook): number {
  const mine = new Set(myTriggers(wb));
  const served = servingAny(wb.userStore());
  let removed = 0;
  for (const t of wb.triggers()) {
    if (t.handler !== RUN_HANDLER || (!mine.has(t.id) && served.has(t.id))) continue;
    wb.removeTrigger(t.id);
    removed++;
  }
  setMyTriggers(wb, []);
  return removed;
}

export type InstallOutcome = { ok: true; schedule: ScheduleInfo } | { ok: false; reason: 'taken'; owner: string } | { ok: false; reason: 'bad_hour' };

export function installSchedule(wb: Workbook, me: string, schedule: TriggerSchedule, replace: boolean, now: string): InstallOutcome {
  if (schedule.every === 'day' && !(Number.isInteger(schedule.hour) && schedule.hour >= 0 && schedule.hour <= 23)) return { ok: false, reason: 'bad_hour' };
  const existing = getSchedule(wb);
  if (existing && existing.owner !== me && !replace) return { ok: false, reason: 'taken', owner: existing.owner };
  removeStaleTriggers(wb);
  const trigger = wb.installTrigger(RUN_HANDLER, schedule);
  const info: ScheduleInfo = { owner: me, triggerId: trigger.id, schedule, timeZone: wb.timeZone(), installedAt: now };
  wb.documentStore().set(SCHEDULE_KEY, JSON.stringify(info));
  setMyTriggers(wb, [trigger.id]);
  return { ok: true, schedule: info };
}

function removeOwnTrigger(wb: Workbook, id: string): void {
  if (wb.triggers().some((t) => t.id === id)) wb.removeTrigger(id);
  const mine = myTriggers(wb);
  if (mine.includes(id)) setMyTriggers(wb, mine.filter((x) => x !== id));
}

/** Removes the schedule: the trigger when it is mine (and my leftovers here), the record in any case. */
export function removeSchedule(wb: Workbook, me: string): void {
  const existing = getSchedule(wb);
  if (existing && existing.owner === me) removeOwnTrigger(wb, existing.triggerId);
  removeStaleTriggers(wb);
  wb.documentStore().delete(SCHEDULE_KEY);
}

/** Whether a firing trigger is still this spreadsheet's schedule (a replaced one removes itself). */
export function isCurrentTrigger(wb: Workbook, triggerId: string): boolean {
  const s = getSchedule(wb);
  if (s && s.triggerId === triggerId) return true;
  removeOwnTrigger(wb, triggerId);
  return false;
}

/** The spreadsheet a trigger of this user serves (for the add-on's time trigger), or null. */
export function spreadsheetOfTrigger(store: KeyValueStore, triggerId: string): string | null {
  return spreadsheetsWith(store.keys(), TRIGGERS).find((id) => idsIn(store, userKey(id, TRIGGERS)).includes(triggerId)) ?? null;
}

/**
 * A firing trigger could not open its spreadsheet (deleted, trashed, no
 * longer shared with its owner). True when it should remove itself: after
 * OPEN_FAILURES_BEFORE_REMOVAL firings in a row, so that a passing outage
 * does not end a schedule; its records are then forgotten.
 */
export function noteOpenFailure(store: KeyValueStore, spreadsheet: string, triggerId: string): boolean {
  const key = userKey(spreadsheet, OPEN_FAILURES);
  const n = (Number(store.get(key)) || 0) + 1;
  if (n < OPEN_FAILURES_BEFORE_REMOVAL) {
    store.set(key, String(n));
    return false;
  }
  store.delete(key);
  const left = idsIn(store, userKey(spreadsheet, TRIGGERS)).filter((x) => x !== triggerId);
  if (left.length) store.set(userKey(spreadsheet, TRIGGERS), JSON.stringify(left));
  else store.delete(userKey(spreadsheet, TRIGGERS));
  return true;
}

/** The spreadsheet opened again: the count of failures starts over. */
export function noteOpened(store: KeyValueStore, spreadsheet: string): void {
  if (store.get(userKey(spreadsheet, OPEN_FAILURES)) !== null) store.delete(userKey(spreadsheet, OPEN_FAILURES));
}
