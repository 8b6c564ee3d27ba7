/**
 * The workbook port over Apps Script: SpreadsheetApp, PropertiesService,
 * ScriptApp and Session. Reads and writes are batched: one getValues per
 * sheet read, one setValues (plus one number-format read and write) per
 * block written, so the number of service calls never grows with rows.
 * Dates leave as ISO text in the spreadsheet's time zone (the table says
 * which cells were dates) and a DateValue is written back as a date; text is
 * written so that it stays that text — in KPI Lamp's own plain-text cells
 * with a leading = + - @ neutralised, elsewhere behind an apostrophe prefix
 * that leaves the user's formats alone — so no text KPI Lamp writes ever
 * becomes a formula.
 */
import { maxOf } from '../core/extent';
import { plainText } from '../core/text/plain-text';
import { dateInZone, isoInZone } from '../core/time/iso-in-zone';
import {
  dateCells,
  isDateValue,
  type CellValue,
  type FormatRule,
  type KeyValueStore,
  type PortWrite,
  type SheetTable,
  type TriggerInfo,
  type TriggerSchedule,
  type Workbook,
  type WriteImage,
  type WriteValue,
} from '../ports/workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Marks conditional-format rules KPI Lamp owns; N("…") is 0, so it changes nothing. */
export const RULE_MARKER = 'N("kpi-lamp")=0';

const MARKED = `=AND(${RULE_MARKER},`;
/** '=AND(N("kpi-lamp")=0,X)' → '=X'. */
const unmarked = (formula: string): string =>
  formula.startsWith(MARKED) && formula.endsWith(')') ? `=${formula.slice(MARKED.length, -1)}` : formula;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function propertiesStore(props: GoogleAppsScript.Properties.Properties | null): KeyValueStore {
  return {
    get: (k) => (props ? props.getProperty(k) : null),
    set: (k, v) => {
      if (!props) throw new Error('No property store is available here');
      props.setProperty(k, v);
    },
    delete: (k) => {
      if (props) props.deleteProperty(k);
    },
    keys: () => (props ? props.getKeys() : []),
  };
}

export function gasUserStore(): KeyValueStore {
  return propertiesStore(PropertiesService.getUserProperties());
}

/** Deletes one of this user's triggers of this project, by id (a no-op when it is not theirs or gone). */
export function removeProjectTrigger(id: string): void {
  for (const t of ScriptApp.getProjectTriggers()) if (t.getUniqueId() === id) ScriptApp.deleteTrigger(t);
}

export class GasWorkbook implements Workbook {
  private tz: string | null = null;

  constructor(private readonly ss: Spreadsheet) {}

  /** The spreadsheet the script is bound to or the add-on is open in. */
  static active(): GasWorkbook {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (!ss) throw new Error('KPI Lamp: no active spreadsheet');
    return new GasWorkbook(ss);
  }

  /** By id (an add-on's time trigger has no active spreadsheet). */
  static byId(id: string): GasWorkbook {
    return new GasWorkbook(SpreadsheetApp.openById(id));
  }

  id(): string {
    return this.ss.getId();
  }

  locale(): string {
    return Session.getActiveUserLocale() || this.ss.getSpreadsheetLocale();
  }

  timeZone(): string {
    if (this.tz === null) this.tz = this.ss.getSpreadsheetTimeZone();
    return this.tz;
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  private sheet(name: string): Sheet | null {
    return this.ss.getSheetByName(name);
  }

  private mustSheet(name: string): Sheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`KPI Lamp: there is no sheet named "${name}"`);
    return s;
  }

  readSheet(name: string): SheetTable | null {
    const sh = this.sheet(name);
    if (!sh) return null;
    const values = sh.getDataRange().getValues();
    if (values.length === 0) return { name, header: [], rows: [] };
    const convert = this.converter();
    const header = values[0].map((h) => String(convert(h) ?? '').trim());
    // Dates leave as ISO text; which cells they were is kept, so that a copy can write them back as dates.
    const width = header.length;
    const dates: number[] = [];
    const rows = values.slice(1).map((row, r) =>
      row.map((v, c) => {
        if (isDate(v)) dates.push(r * width + c);
        return convert(v);
      }),
    );
    return dates.length ? { name, header, rows, dates } : { name, header, rows };
  }

  /** A cell's value as the port gives it: blanks null, dates ISO text in the spreadsheet's zone. */
  private converter(): (v: unknown) => CellValue {
    const tz = this.timeZone();
    return (v) => {
      if (v === '' || v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
      if (isDate(v)) return isoInZone(v, tz);
      return String(v);
    };
  }

  headerRow(name: string): string[] | null {
    const sh = this.sheet(name);
    if (!sh) return null;
    const width = sh.getLastColumn();
    if (width === 0) return [];
    const convert = this.converter();
    return sh
      .getRange(1, 1, 1, width)
      .getValues()[0]
      .map((h) => String(convert(h) ?? '').trim());
  }

  /** The sheet's grid: its rows and columns, used or not. */
  private gridOf(sh: Sheet): { rows: number; columns: number } {
    return { rows: sh.getMaxRows(), columns: sh.getMaxColumns() };
  }

  /**
   * Grows a sheet so that (row, column) exists: Sheets refuses ranges past
   * its grid. Returns the grid as it was when it grew (null when it did
   * not): the new rows and columns have whatever format Sheets gives them
   * (not promised to be the plain text of the rows above, so treated as
   * automatic).
   */
  private grow(sh: Sheet, row: number, column: number): { rows: number; columns: number } | null {
    const maxCols = sh.getMaxColumns();
    if (column > maxCols) sh.insertColumnsAfter(maxCols, column - maxCols);
    const maxRows = sh.getMaxRows();
    if (row > maxRows) sh.insertRowsAfter(maxRows, row - maxRows);
    return column > maxCols || row > maxRows ? { rows: maxRows, columns: maxCols } : null;
  }

  writeValues(sheet: string, row: number, column: number, values: WriteValue[][], textReady = false): void {
    if (values.length === 0 || values[0].length === 0) return;
    const sh = this.mustSheet(sheet);
    const height = values.length;
    const width = values[0].length;
    const was = this.grow(sh, row + height - 1, column + width - 1);
    const range = sh.getRange(row, column, height, width);
    // Cells the caller keeps as plain text (textReady) that the sheet just grew by are not yet: make them
    // so — those only: the cells that were there keep their formats.
    if (textReady && was) {
      if (row + height - 1 > was.rows) {
        const from = Math.max(row, was.rows + 1);
        sh.getRange(from, column, row + height - from, width).setNumberFormat('@');
      }
      const upTo = Math.min(row + height - 1, was.rows);
      if (column + width - 1 > was.columns && upTo >= row) {
        const from = Math.max(column, was.columns + 1);
        sh.getRange(row, from, upTo - row + 1, column + width - from).setNumberFormat('@');
      }
    }
    // Which cells are plain text: only text outside KPI Lamp's own cells needs to know.
    const formats =
      !textReady && values.some((r) => r.some((v) => typeof v === 'string' && v !== ''))
        ? range.getNumberFormats()
        : null;
    const tz = this.timeZone();
    const out = values.map((r, i) =>
      r.map((v, j) => {
        if (v === null || v === '') return '';
        if (isDateValue(v)) {
          const d = dateInZone(v.date, tz);
          if (!d) throw new Error(`KPI Lamp: "${v.date}" is not a date`);
          return d;
        }
        if (typeof v !== 'string') return v;
        // A plain-text cell keeps text as it is (a leading = + - @ neutralised); in any other cell
        // the apostrophe prefix makes Sheets store the rest as text, neither a formula nor a parsed
        // number or date, and the cell's own format stays as its owner set it.
        return textReady || formats![i][j] === '@' ? plainText(v) : `'${v}`;
      }),
    );
    range.setValues(out);
  }

  /** A new sheet as wide as its header; the person's selection stays where it was. */
  private insert(name: string, width: number): Sheet {
    // insertSheet makes the new sheet the active one: the person stays where they were.
    const where = this.ss.getActiveRange() ?? this.ss.getActiveSheet();
    const sh = this.ss.insertSheet(name);
    if (where) where.activate();
    this.grow(sh, 1, width);
    return sh;
  }

  ensureSheet(name: string, header: string[]): boolean {
    if (this.sheet(name)) return false;
    const sh = this.insert(name, header.length);
    // Every cell of a sheet KPI Lamp owns is plain text: later writes need no format call.
    sh.getRange(1, 1, sh.getMaxRows(), sh.getMaxColumns()).setNumberFormat('@');
    if (header.length) this.writeValues(name, 1, 1, [header], true);
    sh.setFrozenRows(1);
    return true;
  }

  createDataSheet(name: string, header: string[]): boolean {
    if (this.sheet(name)) return false;
    const sh = this.insert(name, header.length);
    // Only the header is plain text (a header reads as the very text the tree binds); the cells below keep
    // Sheets' automatic format, so that numbers, booleans and dates written there stay what they are.
    if (header.length) {
      sh.getRange(1, 1, 1, header.length).setNumberFormat('@');
      this.writeValues(name, 1, 1, [header], true);
    }
    sh.setFrozenRows(1);
    return true;
  }

  replaceRows(name: string, rows: CellValue[][]): void {
    const sh = this.mustSheet(name);
    // One write over old and new rows: blanks where the old rows were longer.
    const height = Math.max(rows.length, sh.getLastRow() - 1);
    if (height <= 0) return;
    const width = maxOf(
      rows.map((r) => r.length),
      Math.max(1, sh.getLastColumn()),
    );
    const block: CellValue[][] = [];
    for (let i = 0; i < height; i++) {
      const r = rows[i] ?? [];
      block.push(Array.from({ length: width }, (_, j) => (j < r.length ? r[j] : null)));
    }
    this.writeValues(name, 2, 1, block, true);
  }

  setTextColumn(sheet: string, column: number): void {
    const sh = this.mustSheet(sheet);
    this.grow(sh, 1, column);
    sh.getRange(1, column, sh.getMaxRows(), 1).setNumberFormat('@');
  }

  rowCount(sheet: string): number | null {
    const sh = this.sheet(sheet);
    return sh ? Math.max(0, sh.getLastRow() - 1) : null;
  }

  deleteSheet(name: string): void {
    const sh = this.sheet(name);
    if (sh) this.ss.deleteSheet(sh);
  }

  deleteColumn(sheet: string, column: number): void {
    this.mustSheet(sheet).deleteColumn(column);
  }

  formatRules(sheet: string): FormatRule[] {
    return this.mustSheet(sheet)
      .getConditionalFormatRules()
      .map((rule) => {
        const cond = rule.getBooleanCondition();
        const formula =
          cond && cond.getCriteriaType() === SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA
            ? String(cond.getCriteriaValues()[0])
            : '';
        const ours = formula.includes(RULE_MARKER);
        return {
          ranges: rule.getRanges().map((r) => r.getA1Notation()),
          // Our own rules as they were given (setOwnFormatRules wraps them with the marker).
          formula: ours ? unmarked(formula) : formula,
          background: (cond && cond.getBackground()) || '',
          owner: ours ? 'kpi-lamp' : 'user',
        } as FormatRule;
      });
  }

  setOwnFormatRules(sheet: string, rules: FormatRule[]): void {
    const sh = this.mustSheet(sheet);
    const kept = sh.getConditionalFormatRules().filter((rule) => {
      const cond = rule.getBooleanCondition();
      const formula = cond ? String(cond.getCriteriaValues()[0] ?? '') : '';
      return !formula.includes(RULE_MARKER);
    });
    const ours = rules.map((r) => {
      const formula = r.formula.includes(RULE_MARKER)
        ? r.formula
        : `=AND(${RULE_MARKER},${r.formula.replace(/^=/, '')})`;
      return SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setBackground(r.background)
        .setRanges(sh.getRangeList(r.ranges).getRanges())
        .build();
    });
    sh.setConditionalFormatRules([...kept, ...ours]);
  }

  // ---- what a write will change (server/journal.ts) ---------------------------------

  imageBefore(w: PortWrite, known: SheetTable | null): WriteImage {
    const none: WriteImage = { restore: () => undefined };
    switch (w.op) {
      case 'ensureSheet':
        return this.sheet(w.sheet) ? none : { restore: () => this.deleteSheet(w.sheet) };
      case 'deleteSheet':
        return this.sheetImage(w.sheet);
      case 'deleteColumn':
        return this.columnImage(w.sheet, w.column);
      case 'setOwnFormatRules': {
        // The rule objects themselves: the user's rules of any kind, in their order.
        const rules = this.mustSheet(w.sheet).getConditionalFormatRules();
        return { restore: () => this.mustSheet(w.sheet).setConditionalFormatRules(rules) };
      }
      case 'setTextColumn': {
        const sh = this.mustSheet(w.sheet);
        const grid = this.gridOf(sh);
        const formats = w.column <= grid.columns ? sh.getRange(1, w.column, grid.rows, 1).getNumberFormats() : null;
        return {
          restore: () => {
            const s = this.mustSheet(w.sheet);
            this.trim(s, grid);
            if (formats) s.getRange(1, w.column, grid.rows, 1).setNumberFormats(formats);
          },
        };
      }
      case 'writeValues':
        return this.blockImage(w.sheet, w.row, w.column, w.rows, w.columns, known);
      case 'replaceRows': {
        // The block replaceRows writes: the new rows and the old ones below, as wide as the widest.
        const sh = this.mustSheet(w.sheet);
        const height = Math.max(w.rows, sh.getLastRow() - 1);
        const width = Math.max(w.columns, sh.getLastColumn(), 1);
        return height > 0 ? this.blockImage(w.sheet, 2, 1, height, width, known) : none;
      }
    }
  }

  /**
   * The cells of a block as they are, and the grid: from `known` where it
   * covers them (no read), as blank where they lie past the data, read in
   * one getValues otherwise. Restoring writes them back and takes away the
   * rows and columns the write added.
   */
  private blockImage(
    sheet: string,
    row: number,
    column: number,
    rows: number,
    columns: number,
    known: SheetTable | null,
  ): WriteImage {
    const sh = this.mustSheet(sheet);
    const grid = this.gridOf(sh);
    const height = Math.min(row + rows - 1, grid.rows) - row + 1;
    const width = Math.min(column + columns - 1, grid.columns) - column + 1;
    const before = height > 0 && width > 0 ? this.cellsOf(sh, row, column, height, width, known) : null;
    return {
      restore: () => {
        const s = this.mustSheet(sheet);
        this.trim(s, grid);
        if (before) this.putBack(s, row, column, height, width, before);
      },
    };
  }

  /** A block's values (Dates as Dates), or 'blank'; read only when `known` cannot say. */
  private cellsOf(
    sh: Sheet,
    row: number,
    column: number,
    height: number,
    width: number,
    known: SheetTable | null,
  ): unknown[][] | 'blank' {
    if (known) {
      const dataRows = known.rows.length + 1;
      const dataColumns = known.header.length;
      if (row > dataRows || column > dataColumns) return 'blank';
      // Row 1 reads back trimmed: a header cell is read as it is.
      if (row > 1) {
        const isDate = dateCells(known);
        const tz = this.timeZone();
        return Array.from({ length: height }, (_, i) =>
          Array.from({ length: width }, (_, j) => {
            const r = row - 2 + i;
            const c = column - 1 + j;
            const v = r < known.rows.length && c < dataColumns ? known.rows[r][c] : null;
            if (v === null) return '';
            return typeof v === 'string' && isDate(r, c) ? (dateInZone(v, tz) ?? v) : v;
          }),
        );
      }
    } else if (row > sh.getLastRow() || column > sh.getLastColumn()) return 'blank';
    return sh.getRange(row, column, height, width).getValues();
  }

  /**
   * Puts values back as they were: numbers, booleans and dates as such,
   * text as text (never a formula: plain-text cells as KPI Lamp writes them,
   * others behind an apostrophe), blanks cleared.
   */
  private putBack(
    sh: Sheet,
    row: number,
    column: number,
    height: number,
    width: number,
    values: unknown[][] | 'blank',
  ): void {
    const range = sh.getRange(row, column, height, width);
    if (values === 'blank') {
      range.clearContent();
      return;
    }
    const formats = values.some((r) => r.some((v) => typeof v === 'string' && v !== ''))
      ? range.getNumberFormats()
      : null;
    range.setValues(
      values.map((r, i) =>
        r.map((v, j) => (typeof v === 'string' && v !== '' ? (formats![i][j] === '@' ? plainText(v) : `'${v}`) : v)),
      ),
    );
  }

  /** Takes away the rows and columns a write added past the grid it found. */
  private trim(sh: Sheet, grid: { rows: number; columns: number }): void {
    const now = this.gridOf(sh);
    if (now.rows > grid.rows) sh.deleteRows(grid.rows + 1, now.rows - grid.rows);
    if (now.columns > grid.columns) sh.deleteColumns(grid.columns + 1, now.columns - grid.columns);
  }

  /** A column about to be deleted: its values, formats, and the sheet's rules (Sheets shifts their ranges). */
  private columnImage(sheet: string, column: number): WriteImage {
    const sh = this.mustSheet(sheet);
    const grid = this.gridOf(sh);
    const lastRow = sh.getLastRow();
    const values = lastRow > 0 && column <= sh.getLastColumn() ? sh.getRange(1, column, lastRow, 1).getValues() : null;
    const formats = sh.getRange(1, column, grid.rows, 1).getNumberFormats();
    const rules = sh.getConditionalFormatRules();
    return {
      restore: () => {
        const s = this.mustSheet(sheet);
        if (this.gridOf(s).columns >= grid.columns) return; // still there
        if (column > 1) s.insertColumnsAfter(column - 1, 1);
        else s.insertColumnsBefore(1, 1);
        s.getRange(1, column, grid.rows, 1).setNumberFormats(formats);
        if (values) this.putBack(s, 1, column, values.length, 1, values);
        s.setConditionalFormatRules(rules);
      },
    };
  }

  /**
   * A sheet about to be deleted (only ever one of KPI Lamp's own): its
   * place, grid, values, number formats and frozen rows, which is all such a
   * sheet holds. Restoring makes it again where it was.
   */
  private sheetImage(name: string): WriteImage {
    const sh = this.sheet(name);
    if (!sh) return { restore: () => undefined };
    const index = sh.getIndex();
    const grid = this.gridOf(sh);
    const values = sh.getLastRow() > 0 ? sh.getDataRange().getValues() : null;
    const formats = sh.getRange(1, 1, grid.rows, grid.columns).getNumberFormats();
    const frozen = sh.getFrozenRows();
    return {
      restore: () => {
        if (this.sheet(name)) return;
        // insertSheet makes the new sheet the active one: the person stays where they were.
        const where = this.ss.getActiveRange() ?? this.ss.getActiveSheet();
        const s = this.ss.insertSheet(name, index - 1);
        if (where) where.activate();
        const now = this.gridOf(s);
        if (now.rows < grid.rows) s.insertRowsAfter(now.rows, grid.rows - now.rows);
        if (now.columns < grid.columns) s.insertColumnsAfter(now.columns, grid.columns - now.columns);
        this.trim(s, grid);
        s.getRange(1, 1, grid.rows, grid.columns).setNumberFormats(formats);
        if (values) this.putBack(s, 1, 1, values.length, values[0].length, values);
        s.setFrozenRows(frozen);
      },
    };
  }

  /**
   * The document's properties, shared by its editors. An Editor add-on's
   * time trigger has no document properties (no containing document): there
   * the store is the file's own (developer metadata), which the sidebar keeps
   * in step for the keys the run reads (see server/lamps-api.ts).
   */
  documentStore(): KeyValueStore {
    const props = PropertiesService.getDocumentProperties();
    return props ? propertiesStore(props) : this.fileStore();
  }

  private files: KeyValueStore | null = null;

  /** Developer metadata on the spreadsheet, visible to this script project only; read once per execution (again after refresh()). */
  fileStore(): KeyValueStore {
    if (this.files) return this.files;
    const ss = this.ss;
    let cache: Map<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata> | null = null;
    const all = () => {
      if (!cache)
        cache = new Map(
          ss
            .getDeveloperMetadata()
            .filter((m) => m.getKey().startsWith('kpi-lamp.'))
            .map((m) => [m.getKey(), m]),
        );
      return cache;
    };
    this.files = {
      get: (k) => all().get(k)?.getValue() ?? null,
      set: (k, v) => {
        const m = all().get(k);
        if (m) m.setValue(v);
        else {
          ss.addDeveloperMetadata(k, v, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
          cache = null;
        }
      },
      delete: (k) => {
        const m = all().get(k);
        if (m) {
          m.remove();
          all().delete(k);
        }
      },
      keys: () => [...all().keys()],
      refresh: () => {
        cache = null;
      },
    };
    return this.files;
  }

  userStore(): KeyValueStore {
    return gasUserStore();
  }

  triggers(): TriggerInfo[] {
    return ScriptApp.getProjectTriggers().map((t) => ({
      id: t.getUniqueId(),
      handler: t.getHandlerFunction(),
      // Apps Script does not report a trigger's schedule back; the caller keeps it.
      schedule: null,
    }));
  }

  installTrigger(handler: string, schedule: TriggerSchedule): TriggerInfo {
    const builder = ScriptApp.newTrigger(handler).timeBased();
    const trigger =
      schedule.every === 'hour'
        ? builder.everyHours(1).create()
        : builder.everyDays(1).atHour(schedule.hour).inTimezone(this.timeZone()).create();
    return { id: trigger.getUniqueId(), handler, schedule };
  }

  removeTrigger(id: string): void {
    removeProjectTrigger(id);
  }

  activeRange(): { sheet: string; a1: string } | null {
    const r = this.ss.getActiveRange();
    return r ? { sheet: r.getSheet().getName(), a1: r.getA1Notation() } : null;
  }

  select(sheet: string, a1: string): void {
    this.mustSheet(sheet).getRange(a1).activate();
  }
}
