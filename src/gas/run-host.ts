/**
 * The RunHost in Apps Script: the clock, the effective user, a lock and mail.
 *
 * The lock is the document lock where there is a containing document (a
 * bound script, the sidebar, a bound script's trigger). An Editor add-on's
 * time trigger has none (getDocumentLock() is null there): it takes the
 * script lock, which serialises every run of this user's triggers, so two
 * runs of one spreadsheet never overlap either. SpreadsheetApp.flush()
 * before releasing, so the next run sees every write.
 */
import type { RunHost } from '../server/run';

export function gasRunHost(): RunHost {
  let lock: GoogleAppsScript.Lock.Lock | null = null;
  return {
    now: () => new Date(),
    user: () => {
      try {
        return Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail() || 'unknown';
      } catch {
        return 'unknown';
      }
    },
    tryLock(ms: number): boolean {
      lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
      return lock.tryLock(ms);
    },
    releaseLock(): void {
      if (!lock) return;
      SpreadsheetApp.flush();
      lock.releaseLock();
      lock = null;
    },
    sendEmail(to: string, subject: string, body: string): void {
      MailApp.sendEmail(to, subject, body);
    },
  };
}
