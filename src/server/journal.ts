/**
 * All or nothing: every operation that writes to the workbook (the run,
 * saving or importing a tree, marking 対応中, installing or removing the
 * schedule, run settings, removal) runs as a transaction. Before each write
 * through the port, the journal asks the adapter what that write is about to
 * change (Workbook.imageBefore) and keeps how to put it back; when the
 * operation throws, every write is undone, newest first, and the workbook is
 * as it was. Stores are journaled the same way (the value before each set
 * or delete). Nothing of this is written anywhere: an execution that dies
 * outright (Apps Script's six minutes) leaves what it wrote.
 *
 * Reading what a write changes costs Apps Script calls, so the journal
 * keeps each sheet as the operation last read it (readSheet) until its next
 * write, and the adapter takes the old values from there: the daily run
 * reads nothing more than it did. Cells past a sheet's data are known to be
 * blank without a read; only a block of data nobody read is read (one call,
 * whatever its size).
 *
 * What cannot be undone happens last: a trigger's removal waits until
 * everything else is written (and if it fails, the rest is undone); a mail
 * is sent by the run after its transaction. The one exception is Apps Script's rule for an add-on — one
 * time trigger per person and document — which makes installing a schedule
 * remove the old trigger first (removeTriggerNow): should the rest fail, the
 * old schedule is installed again (a new trigger id, the same schedule).
 *
 * The run lease (lease.ts) is the lock around transactions, never part of
 * one: it reads and writes the workbook outside (outsideTransaction).
 * Pure over the Workbook port.
 */
import { maxOf } from '../core/extent';
import type {
  CellValue,
  FormatRule,
  KeyValueStore,
  PortWrite,
  SheetTable,
  TriggerInfo,
  TriggerSchedule,
  Workbook,
  WriteImage,
  WriteValue,
} from '../ports/workbook';

/** A failed operation whose writes could not all be undone: what went wrong first, and what could not be put back. */
export class IncompleteRollback extends Error {
  constructor(
    readonly cause: unknown,
    readonly failures: unknown[],
  ) {
    const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
    super(
      `${text(cause)} (and ${failures.length} of its changes could not be undone: ${failures.map(text).join('; ')})`,
    );
    this.name = 'IncompleteRollback';
  }
}

/** The workbook port with every write journaled, while its transaction is open. */
export class Journal implements Workbook {
  private undos: (() => void)[] = [];
  private effects: (() => void)[] = [];
  private readonly removing = new Set<string>();
  private readonly known = new Map<string, SheetTable>();
  private readonly stores = new Map<'document' | 'user' | 'file', KeyValueStore>();
  /** Writes are journaled only while the transaction is open. */
  open = false;

  constructor(readonly inner: Workbook) {}

  // ---- reads: as the workbook's; a sheet read is kept until its next write ----

  id(): string {
    return this.inner.id();
  }
  locale(): string {
    return this.inner.locale();
  }
  timeZone(): string {
    return this.inner.timeZone();
  }
  sheetNames(): string[] {
    return this.inner.sheetNames();
  }
  readSheet(name: string): SheetTable | null {
    const table = this.inner.readSheet(name);
    if (table) this.known.set(name, table);
    else this.known.delete(name);
    return table;
  }
  headerRow(name: string): string[] | null {
    return this.inner.headerRow(name);
  }
  rowCount(sheet: string): number | null {
    return this.inner.rowCount(sheet);
  }
  formatRules(sheet: string): FormatRule[] {
    return this.inner.formatRules(sheet);
  }
  activeRange(): { sheet: string; a1: string } | null {
    return this.inner.activeRange();
  }
  select(sheet: string, a1: string): void {
    this.inner.select(sheet, a1);
  }
  imageBefore(write: PortWrite, known: SheetTable | null): WriteImage {
    return this.inner.imageBefore(write, known);
  }

  // ---- writes: each after what it changes is known ----

  /** Keeps how to undo a write to a sheet; what was read of the sheet no longer holds after it (unless `keep`). */
  private before(w: PortWrite, keep = false): void {
    if (!this.open) return;
    const image = this.inner.imageBefore(w, this.known.get(w.sheet) ?? null);
    this.undos.push(() => image.restore());
    if (!keep) this.known.delete(w.sheet);
  }

  writeValues(sheet: string, row: number, column: number, values: WriteValue[][], textReady?: boolean): void {
    if (values.length > 0)
      this.before({
        op: 'writeValues',
        sheet,
        row,
        column,
        rows: values.length,
        columns: maxOf(
          values.map((r) => r.length),
          0,
        ),
      });
    this.inner.writeValues(sheet, row, column, values, textReady);
  }

  ensureSheet(name: string, header: string[]): boolean {
    // A sheet that is there already is left as it is, and so is what was read of it.
    this.before({ op: 'ensureSheet', sheet: name }, true);
    const created = this.inner.ensureSheet(name, header);
    if (created) this.known.set(name, { name, header: header.map((h) => h.trim()), rows: [] });
    return created;
  }

  /** Undone as ensureSheet is: a sheet created is deleted again (one that was there is left as it is). */
  createDataSheet(name: string, header: string[]): boolean {
    this.before({ op: 'ensureSheet', sheet: name }, true);
    const created = this.inner.createDataSheet(name, header);
    if (created) this.known.set(name, { name, header: header.map((h) => h.trim()), rows: [] });
    return created;
  }

  replaceRows(name: string, rows: CellValue[][]): void {
    this.before({
      op: 'replaceRows',
      sheet: name,
      rows: rows.length,
      columns: maxOf(
        rows.map((r) => r.length),
        0,
      ),
    });
    this.inner.replaceRows(name, rows);
  }

  setTextColumn(sheet: string, column: number): void {
    this.before({ op: 'setTextColumn', sheet, column }, true);
    this.inner.setTextColumn(sheet, column);
  }

  deleteSheet(name: string): void {
    this.before({ op: 'deleteSheet', sheet: name });
    this.inner.deleteSheet(name);
  }

  deleteColumn(sheet: string, column: number): void {
    this.before({ op: 'deleteColumn', sheet, column });
    this.inner.deleteColumn(sheet, column);
  }

  setOwnFormatRules(sheet: string, rules: FormatRule[]): void {
    this.before({ op: 'setOwnFormatRules', sheet }, true);
    this.inner.setOwnFormatRules(sheet, rules);
  }

  // ---- stores: the value before each set or delete ----

  private journaled(kind: 'document' | 'user' | 'file', open: () => KeyValueStore): KeyValueStore {
    const cached = this.stores.get(kind);
    if (cached) return cached;
    const s = open();
    const undoable = (key: string) => {
      if (!this.open) return;
      const was = s.get(key);
      this.undos.push(() => (was === null ? s.delete(key) : s.set(key, was)));
    };
    const store: KeyValueStore = {
      get: (key) => s.get(key),
      keys: () => s.keys(),
      set: (key, value) => {
        undoable(key);
        s.set(key, value);
      },
      delete: (key) => {
        if (s.get(key) === null) return; // nothing to delete: nothing written
        undoable(key);
        s.delete(key);
      },
    };
    if (s.refresh) store.refresh = () => s.refresh!();
    this.stores.set(kind, store);
    return store;
  }

  documentStore(): KeyValueStore {
    return this.journaled('document', () => this.inner.documentStore());
  }
  userStore(): KeyValueStore {
    return this.journaled('user', () => this.inner.userStore());
  }
  fileStore(): KeyValueStore {
    return this.journaled('file', () => this.inner.fileStore());
  }

  // ---- triggers: installed at once (undone by removal), removed last ----

  /** The triggers, less those this transaction removes at its end. */
  triggers(): TriggerInfo[] {
    return this.inner.triggers().filter((t) => !this.removing.has(t.id));
  }

  installTrigger(handler: string, schedule: TriggerSchedule): TriggerInfo {
    const t = this.inner.installTrigger(handler, schedule);
    if (this.open) this.undos.push(() => this.inner.removeTrigger(t.id));
    return t;
  }

  /** A trigger cannot come back once removed: it goes when everything else is written (finish). */
  removeTrigger(id: string): void {
    if (!this.open) return this.inner.removeTrigger(id);
    if (this.removing.has(id)) return;
    this.removing.add(id);
    this.effects.push(() => this.inner.removeTrigger(id));
  }

  /**
   * Removes a trigger now, for where the platform needs it gone before
   * the next write (an add-on's one time trigger per person and document);
   * `putBack` makes the workbook as it was should the transaction fail
   * (it runs after every later write was undone).
   */
  removeTriggerNow(id: string, putBack?: (wb: Workbook) => void): void {
    this.inner.removeTrigger(id);
    if (this.open && putBack) this.undos.push(() => putBack(this.inner));
  }

  // ---- the end of a transaction, or of a part of one ----

  /** Where the journal stands: a part of a transaction can be undone back to it (a savepoint). */
  mark(): { undos: number; effects: number; removing: string[] } {
    return { undos: this.undos.length, effects: this.effects.length, removing: [...this.removing] };
  }

  /**
   * Undoes every write since the mark (all of them without one), newest
   * first; what could not be undone is thrown with the cause.
   */
  rollback(cause: unknown, to: ReturnType<Journal['mark']> = { undos: 0, effects: 0, removing: [] }): void {
    const undos = this.undos.splice(to.undos);
    this.effects.splice(to.effects);
    this.removing.clear();
    for (const id of to.removing) this.removing.add(id);
    this.known.clear();
    const failures: unknown[] = [];
    for (let i = undos.length - 1; i >= 0; i--) {
      try {
        undos[i]();
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length) throw new IncompleteRollback(cause, failures);
  }

  /**
   * Makes the changes that cannot be undone (trigger removals), in order,
   * once everything else is written: one that fails throws before the
   * writes are kept, so that they are undone (the removals made before it
   * stay made).
   */
  finish(): void {
    const effects = this.effects;
    this.effects = [];
    for (const effect of effects) effect();
    this.undos = [];
    this.removing.clear();
    this.known.clear();
  }
}

/**
 * Runs fn as one transaction over the workbook: its writes are kept if it
 * returns, undone if it throws (the error is thrown again). Inside a
 * transaction already, fn is a part of it: if fn throws, its own writes are
 * undone (and the error thrown again); if it returns, they stand or fall
 * with the whole.
 */
export function transaction<T>(wb: Workbook, fn: (tx: Journal) => T): T {
  if (wb instanceof Journal && wb.open) {
    const mark = wb.mark();
    try {
      return fn(wb);
    } catch (e) {
      wb.rollback(e, mark);
      throw e;
    }
  }
  const tx = new Journal(wb);
  tx.open = true;
  try {
    const result = fn(tx);
    tx.open = false;
    tx.finish();
    return result;
  } catch (e) {
    tx.open = false;
    tx.rollback(e);
    throw e;
  }
}

/** The workbook itself, outside any transaction (the run lease is written there). */
export function outsideTransaction(wb: Workbook): Workbook {
  let w = wb;
  while (w instanceof Journal) w = w.inner;
  return w;
}
