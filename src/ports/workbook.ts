/**
 * The workbook port: the narrow interface the server side (sidebar API,
 * trigger run, command line) needs from a spreadsheet. Two implementations:
 * src/gas/gas-workbook.ts (SpreadsheetApp and friends) and
 * src/local/memory-workbook.ts (in memory, loaded from a CSV folder or .xlsx).
 *
 * Pure types: nothing here touches an Apps Script global.
 *
 * Values crossing the port are plain: numbers, booleans, text, or null for a
 * blank. A CSV file has no types: the in-memory workbook gives each of its
 * cells as the very text of the file (a number only where the text is that
 * number's own spelling), and readers apply the contract's number rules
 * where they read a number (core/table.ts numberFromCell: "80%" is 0.8,
 * TRUE is 1), so ids and names never change identity ("1.10" stays "1.10").
 * Dates leave the port as ISO text in the spreadsheet's time zone
 * ("2026-03-31", or "2026-03-31T09:30:00" when the time is not midnight), so
 * that they can also cross google.script.run, which cannot carry a Date.
 */
export type CellValue = string | number | boolean | null;

/**
 * A date to write as a date: ISO text in the spreadsheet's time zone
 * ("2026-11-01", or "2026-11-01T09:30:00"). Plain data, so it can cross
 * google.script.run too; read back, a date is ISO text again.
 */
export interface DateValue {
  date: string;
}

/** What writeValues takes: a value, or a date to be stored as a date. */
export type WriteValue = CellValue | DateValue;

export function isDateValue(v: unknown): v is DateValue {
  return typeof v === 'object' && v !== null && typeof (v as DateValue).date === 'string';
}

export interface SheetTable {
  name: string;
  /** Header texts of row 1, trimmed. */
  header: string[];
  /** Rows 2..n, each as wide as the header (short rows padded with null). */
  rows: CellValue[][];
  /**
   * The cells of `rows` that are dates in the sheet (their value here is the
   * date's ISO text), as indices row × header.length + column, ascending;
   * absent when there are none (or the workbook has no date type).
   */
  dates?: number[];
}

/** Whether rows[r][c] of a table is a date in the sheet (a Set of its date cells, made once per table). */
export function dateCells(table: SheetTable): (r: number, c: number) => boolean {
  if (!table.dates || table.dates.length === 0) return () => false;
  const set = new Set(table.dates);
  const w = table.header.length;
  return (r, c) => set.has(r * w + c);
}

/** A conditional-format rule KPI Lamp owns: a custom formula and a background colour over ranges. */
export interface FormatRule {
  /** A1 ranges on the rule's sheet, e.g. "A2:M301". */
  ranges: string[];
  /** A custom formula, e.g. '=$N2="alert"'. */
  formula: string;
  background: string;
  /** Rules KPI Lamp added carry this marker so the user's own rules are never touched. */
  owner: 'kpi-lamp' | 'user';
}

export type TriggerSchedule = { every: 'day'; hour: number } | { every: 'hour' };

export interface TriggerInfo {
  id: string;
  handler: string;
  /** Daily at an hour, or hourly; null where the platform does not say (Apps Script). */
  schedule: TriggerSchedule | null;
}

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
  /** Forgets what this execution has read, so the next get sees other executions' writes (a store that caches). */
  refresh?(): void;
}

/**
 * A write through the port, described before it is made, so that the
 * adapter can read what it will change (server/journal.ts undoes a failed
 * operation's writes with it). `rows` × `columns` is the block written
 * (writeValues), or the new rows' count and widest row (replaceRows).
 */
export type PortWrite =
  | { op: 'writeValues'; sheet: string; row: number; column: number; rows: number; columns: number }
  | { op: 'replaceRows'; sheet: string; rows: number; columns: number }
  | { op: 'ensureSheet'; sheet: string } // a sheet created (ensureSheet or createDataSheet)
  | { op: 'setTextColumn'; sheet: string; column: number }
  | { op: 'setOwnFormatRules'; sheet: string }
  | { op: 'deleteColumn'; sheet: string; column: number }
  | { op: 'deleteSheet'; sheet: string };

/** What a write is about to change, as read before it; `restore` puts it back. */
export interface WriteImage {
  restore(): void;
}

export interface Workbook {
  /** The spreadsheet's id (a file path offline). */
  id(): string;
  /** The user's locale, e.g. "ja" or "en_US". */
  locale(): string;
  /** The spreadsheet's time zone, e.g. "Asia/Tokyo". */
  timeZone(): string;

  sheetNames(): string[];
  /** Header and values of a sheet in one read; null when there is no such sheet. */
  readSheet(name: string): SheetTable | null;
  /** Row 1 only, as readSheet's header (trimmed, as wide as the data): a sheet of 100,000 rows costs one row. */
  headerRow(name: string): string[] | null;
  /**
   * Writes a block of values with its top-left at (row, column), 1-based,
   * in one call, growing the sheet when needed. Every value keeps its type:
   * text is stored as that very text — never a formula, never parsed into a
   * number or date — without changing the cells' formats; a DateValue is
   * stored as a date. `textReady`: the cells are KPI Lamp's own, formatted
   * as plain text already (a sheet from ensureSheet, a column from
   * setTextColumn), so the adapter need not look at their formats.
   */
  writeValues(sheet: string, row: number, column: number, values: WriteValue[][], textReady?: boolean): void;
  /** Creates a sheet KPI Lamp owns, every cell formatted as plain text, with its header; true if created. */
  ensureSheet(name: string, header: string[]): boolean;
  /**
   * Creates a sheet for the team's own data that KPI Lamp starts (Snapshots,
   * where there was none): its header row as plain text and frozen, and no
   * other cell formatted, so that the values written below keep their types
   * (numbers, booleans, dates) as in any sheet of theirs; true if created.
   */
  createDataSheet(name: string, header: string[]): boolean;
  /** Replaces all rows below the header of a sheet KPI Lamp owns (one write). */
  replaceRows(name: string, rows: CellValue[][]): void;
  /** Formats a whole column as plain text (a column KPI Lamp adds to a user's sheet). */
  setTextColumn(sheet: string, column: number): void;
  /** Rows below the header (without reading them); null when there is no such sheet. */
  rowCount(sheet: string): number | null;
  deleteSheet(name: string): void;
  /** Deletes one column (1-based) of a sheet: only ever the column KPI Lamp added. */
  deleteColumn(sheet: string, column: number): void;

  /** Conditional-format rules of a sheet, the user's and ours. */
  formatRules(sheet: string): FormatRule[];
  /** Replaces KPI Lamp's own rules on a sheet, keeping every rule of the user's. */
  setOwnFormatRules(sheet: string, rules: FormatRule[]): void;

  /**
   * Reads what a write is about to change, so that `restore` puts the
   * workbook back as it was: the cells' values (dates as dates), number
   * formats where the write changes them, the grid's size where it grows
   * it, conditional-format rules, a deleted column, a deleted sheet and its
   * place. `known` is the sheet as read through readSheet since its last
   * write, when the caller has it: its values are not read again (cells
   * outside its data range are blank). Formulas in the cells a write
   * overwrites come back as their values.
   */
  imageBefore(write: PortWrite, known: SheetTable | null): WriteImage;

  /** Stored with the spreadsheet (shared by its editors). */
  documentStore(): KeyValueStore;
  /** Stored for the current user only. */
  userStore(): KeyValueStore;
  /**
   * Stored in the spreadsheet file itself (developer metadata in Sheets):
   * readable wherever the file is opened, by id too, which is what an Editor
   * add-on's time trigger does — it has no document properties. Small values.
   */
  fileStore(): KeyValueStore;

  triggers(): TriggerInfo[];
  installTrigger(handler: string, schedule: TriggerSchedule): TriggerInfo;
  removeTrigger(id: string): void;

  /** The active range as A1 notation with its sheet, or null. */
  activeRange(): { sheet: string; a1: string } | null;
  /** Selects a range (the Lamps panel selects an account's row). */
  select(sheet: string, a1: string): void;
}
