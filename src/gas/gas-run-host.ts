/**
 * The RunHost in Apps Script: the clock, the effective user, the host lock
 * and mail.
 *
 * The host lock is the script lock: the one lock every path has (the
 * document lock is null in an Editor add-on's time trigger, which has no
 * containing document). It is shared by every user and document of a
 * published add-on, so it is held only while the run lease is read and
 * written (src/server/lease.ts), never for a run. SpreadsheetApp.flush()
 * before taking it, so that a lease is released only after the run's writes
 * are applied.
 */
import type { RunHost } from '../ports/run-host';
import type { WarehouseAccess } from '../ports/warehouse';

/**
 * The host's warehouse, plugged in by the bundle that reaches BigQuery
 * (bigquery-plug.ts, dist-bigquery/ only): the default bundle has none.
 */
let warehouseOf: ((project: string) => WarehouseAccess | null) | null = null;

export function plugGasWarehouse(of: (project: string) => WarehouseAccess | null): void {
  warehouseOf = of;
}

export function gasRunHost(clock: () => Date = () => new Date()): RunHost {
  let lock: GoogleAppsScript.Lock.Lock | null = null;
  return {
    now: clock,
    user: () => {
      try {
        return Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail() || 'unknown';
      } catch {
        return 'unknown';
      }
    },
    tryLock(ms: number): boolean {
      SpreadsheetApp.flush();
      lock = LockService.getScriptLock();
      return lock.tryLock(ms);
    },
    releaseLock(): void {
      if (!lock) return;
      lock.releaseLock();
      lock = null;
    },
    sleep(ms: number): void {
      Utilities.sleep(ms);
    },
    sendEmail(to: string, subject: string, body: string): void {
      MailApp.sendEmail(to, subject, body);
    },
    ...(warehouseOf ? { warehouse: warehouseOf } : {}),
  };
}
