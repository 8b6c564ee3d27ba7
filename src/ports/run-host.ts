/**
 * The host port: what the server side needs from where it runs, besides the
 * spreadsheet (the Workbook port): a clock, the user, a lock, a way to wait,
 * mail. Two implementations: src/gas/gas-run-host.ts (Apps Script: Session,
 * LockService, Utilities, MailApp) and src/local/local-run-host.ts (the
 * playground, the command line and the tests: the machine's clock, an
 * in-process lock, mail kept in a list).
 *
 * Pure types: nothing here touches an Apps Script or Node global.
 */
import type { WarehouseAccess } from './warehouse';

/** What taking a lease needs from the host (a RunHost has it all). */
export interface LeaseHost {
  now(): Date;
  /** The user running (an email address in Apps Script). */
  user(): string;
  /**
   * Waits up to ms for the host's lock, which every execution on every
   * spreadsheet shares (the script lock in Apps Script); false when not had.
   * Held only while the lease record is read and written.
   */
  tryLock(ms: number): boolean;
  releaseLock(): void;
  /** Waits (Utilities.sleep in Apps Script); absent where waiting is pointless. */
  sleep?(ms: number): void;
}

/** What the run needs besides the spreadsheet: a clock, the user, the host's lock (for the lease), mail. */
export interface RunHost extends LeaseHost {
  sendEmail?(to: string, subject: string, body: string): void;
  /**
   * The warehouse where a tree's Accounts and Snapshots live when its
   * settings name tables (`accounts_table`), billing `project` under the
   * user's own credentials; null when this host cannot reach one (the
   * BigQuery advanced service is not enabled, or this deployment has none).
   * Absent where there is no warehouse at all.
   */
  warehouse?(project: string): WarehouseAccess | null;
}
