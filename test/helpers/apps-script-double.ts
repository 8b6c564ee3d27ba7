/**
 * A test double of the Apps Script platform KPI Lamp runs on: SpreadsheetApp
 * and the objects it hands out, PropertiesService, LockService, ScriptApp,
 * Session, MailApp, HtmlService and Utilities, for one script project (a
 * bound script or an Editor add-on) used by several people in several
 * spreadsheets.
 *
 * It is at least as strict as the documented platform: each modelled rule
 * cites where it is documented (quoted briefly); where the documentation is
 * silent, the strict reading is taken and said so. Every method call on a
 * Spreadsheet-service object is counted ("Type.method"), so a test or the
 * benchmark can prove that the number of calls does not grow with rows.
 *
 * Executions: everything runs inside an execution (`double.execute(...)`) —
 * who runs, in which spreadsheet, started how (the sidebar, a menu item, a
 * time trigger, a custom function). Outside any, calls run as a sidebar
 * execution of the default user in the default spreadsheet. The loader
 * (`loadProject`) evaluates the built dist/Code.js in a vm context with
 * these services and calls a function by name only when the script declares
 * it as a top-level function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { dateInZone, isoInZone } from '../../src/core/time/iso-in-zone';
import { DIST } from './apps-script-vm';
const { topLevelFunctions } = require('../../scripts/entry-points.cjs');

// ---------------------------------------------------------------------------
// Cells and sheets

export interface Cell {
  /** What getValues() returns: a number, boolean, Date, string, or '' for a blank. */
  value: unknown;
  /** The number format; '@' is plain text, '' automatic. */
  format: string;
  /** Set when a written string became a live formula. */
  formula?: string;
}

export class SheetModel {
  cells: Cell[][] = [];
  rules: unknown[] = [];
  frozenRows = 0;
  maxColumns = 26;
  maxRows = 1000;
  constructor(public name: string) {}

  cell(r: number, c: number): Cell {
    while (this.cells.length <= r) this.cells.push([]);
    const row = this.cells[r];
    while (row.length <= c) row.push({ value: '', format: '' });
    return row[c];
  }
  get lastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r--) if (this.cells[r].some((c) => c.value !== '')) return r + 1;
    return 0;
  }
  get lastColumn(): number {
    let m = 0;
    for (const row of this.cells) {
      for (let c = row.length - 1; c >= m; c--) {
        if (row[c].value !== '') {
          m = c + 1;
          break;
        }
      }
    }
    return m;
  }
  /** The values of the data range (for tests). */
  values(): unknown[][] {
    const h = this.lastRow;
    const w = this.lastColumn;
    return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => this.cell(r, c).value));
  }
}

/** A row or column position a Sheet method takes: whole, from 1, inside the grid (0 allowed where "after" it). */
function checkPosition(p: number, max: number, what: 'row' | 'column', zeroOk: boolean): void {
  if (!Number.isInteger(p) || p < (zeroOk ? 0 : 1) || p > max)
    throw new Error(`Exception: Those ${what}s are out of bounds.`);
}

/** n empty columns after column `after` (0: before the first), the cells past it moved right. */
function insertColumns(m: SheetModel, after: number, n: number): void {
  checkPosition(after, m.maxColumns, 'column', true);
  m.cells = m.cells.map((row) =>
    row.length > after
      ? [
          ...row.slice(0, after),
          ...Array.from({ length: n }, (): Cell => ({ value: '', format: '' })),
          ...row.slice(after),
        ]
      : row,
  );
  m.maxColumns += n;
}

interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export class SpreadsheetModel {
  sheets = new Map<string, SheetModel>();
  metadata: { key: string; value: string; visibility: string }[] = [];
  documentProps = new Map<string, string>();
  /** The sheet shown and the selection; null until something is activated. */
  active: { sheet: string; area: Area | null } | null = null;
  /** Moved to the trash, or deleted: openById fails. */
  deleted = false;
  /** People it is no longer shared with: openById fails for them. */
  unshared = new Set<string>();
  constructor(
    public id: string,
    public timeZone = 'Asia/Tokyo',
    public locale = 'ja_JP',
  ) {}
}

// ---------------------------------------------------------------------------
// How a written value becomes a cell

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/**
 * Range.setValues / setValue: "The value can be numeric, string, boolean or
 * date. If it begins with '=' it is interpreted as a formula."
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue)
 * Other strings are parsed as typing them into a cell would: "strings may be
 * converted to numbers, dates, etc. following the same rules that are applied
 * when entering text into a cell via the Google Sheets UI"
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption,
 * USER_ENTERED). Modelled strictly: "+…"/"-…" that is not a number is a
 * formula too; "001" and "1,234" are numbers, "50%" is 0.5, TRUE/FALSE are
 * booleans, "2027-03-31", "2027/3/31" and even "2027-03" are dates (midnight in
 * the spreadsheet's zone); a leading apostrophe keeps the rest as text.
 * A cell formatted as plain text ("@": "Inserts the raw text for the cell",
 * https://developers.google.com/sheets/api/guides/formats) keeps a string as
 * it is, apostrophe included. Numbers, booleans and Dates are typed values:
 * they are stored as they are, whatever the format.
 */
export function interpret(x: unknown, cell: Cell, timeZone: string): void {
  delete cell.formula;
  if (x === null || x === undefined) {
    cell.value = '';
    return;
  }
  if (isDate(x)) {
    cell.value = new Date(x.getTime());
    return;
  }
  if (typeof x === 'number' || typeof x === 'boolean') {
    cell.value = x;
    return;
  }
  const s = String(x);
  if (cell.format === '@' || s === '') {
    cell.value = s;
    return;
  }
  if (s.startsWith("'")) {
    cell.value = s.slice(1);
    return;
  }
  const t = s.trim();
  if (/^[+-]?(\d+(,\d{3})*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    cell.value = Number(t.replace(/,/g, ''));
    return;
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)%$/.test(t)) {
    cell.value = Number(t.slice(0, -1)) / 100;
    return;
  }
  if (/^(true|false)$/i.test(t)) {
    cell.value = t.toLowerCase() === 'true';
    return;
  }
  if (/^[=+-]/.test(t)) {
    cell.formula = s;
    cell.value = '#FORMULA';
    return;
  }
  const d = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (d) {
    const pad = (n: string | undefined, dflt: string) => (n ?? dflt).padStart(2, '0');
    const iso = `${d[1]}-${pad(d[2], '1')}-${pad(d[3], '1')}${d[4] ? `T${pad(d[4], '0')}:${d[5]}:${pad(d[6], '0')}` : ''}`;
    const date = dateInZone(iso, timeZone);
    if (date) {
      cell.value = date;
      return;
    }
  }
  cell.value = s;
}

// ---------------------------------------------------------------------------
// A1 notation

export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function a1Of(a: Area): string {
  const first = `${columnLetters(a.column)}${a.row}`;
  return a.rows === 1 && a.columns === 1
    ? first
    : `${first}:${columnLetters(a.column + a.columns - 1)}${a.row + a.rows - 1}`;
}

function parseA1(a1: string, sheet: SheetModel): Area {
  const cell = (t: string) => {
    const m = /^([A-Z]+)?(\d+)?$/.exec(t.toUpperCase());
    if (!m || (!m[1] && !m[2])) throw new Error(`Exception: Range not found`);
    const col = m[1] ? [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : null;
    return { col, row: m[2] ? Number(m[2]) : null };
  };
  const [from, to = from] = a1.split(':');
  const a = cell(from);
  const b = cell(to);
  const row = a.row ?? 1;
  const column = a.col ?? 1;
  const lastRow = b.row ?? sheet.maxRows;
  const lastColumn = b.col ?? sheet.maxColumns;
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

// ---------------------------------------------------------------------------
// Executions

export type Mode = 'bound' | 'addon';
export type ExecutionKind =
  | 'sidebar'
  | 'dialog'
  | 'menu'
  | 'editor'
  | 'simple-trigger'
  | 'time-trigger'
  | 'custom-function';

export interface ExecutionContext {
  kind: ExecutionKind;
  user: string;
  /** The spreadsheet it runs in (null: none, as in an add-on's time trigger). */
  spreadsheet: string | null;
}

interface Execution extends ExecutionContext {
  id: number;
}

interface TriggerModel {
  uid: string;
  handler: string;
  user: string;
  /** The document it was created in (an add-on's triggers belong to one). */
  document: string | null;
  source: 'CLOCK';
  schedule: { everyHours?: number; everyDays?: number; atHour?: number; timeZone?: string };
}

export interface DoubleOptions {
  /** A bound script (default) or an Editor add-on. */
  mode?: Mode;
  timeZone?: string;
  locale?: string;
  /** The default spreadsheet's id. */
  id?: string;
  /** The default user. */
  user?: string;
  /** The user's locale (Session.getActiveUserLocale()). */
  userLocale?: string;
}

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/** Calls that move cell data, formats or rules: what batching is about. Navigation is counted in `total` only. */
export const DATA_CALLS = new Set([
  'Range.getValues',
  'Range.setValues',
  'Range.getNumberFormats',
  'Range.setNumberFormats',
  'Range.setNumberFormat',
  'Range.clearContent',
  'Range.getValue',
  'Range.setValue',
  'Sheet.appendRow',
  'Range.getFormulas',
  'Range.setFormulas',
  'Range.getBackgrounds',
  'Range.setBackgrounds',
  'Sheet.getConditionalFormatRules',
  'Sheet.setConditionalFormatRules',
  'Range.activate',
]);

/** Calls that change a spreadsheet, a property store or the triggers: what failCall fails. */
export const MUTATING_CALLS = new Set([
  'Range.setValues',
  'Range.setValue',
  'Range.setNumberFormat',
  'Range.setNumberFormats',
  'Range.clearContent',
  'Sheet.appendRow',
  'Sheet.insertColumnsAfter',
  'Sheet.insertColumnsBefore',
  'Sheet.insertRowsAfter',
  'Sheet.deleteColumn',
  'Sheet.deleteColumns',
  'Sheet.deleteRows',
  'Sheet.setFrozenRows',
  'Sheet.setConditionalFormatRules',
  'Spreadsheet.insertSheet',
  'Spreadsheet.deleteSheet',
  'Spreadsheet.addDeveloperMetadata',
  'DeveloperMetadata.setValue',
  'DeveloperMetadata.remove',
  'Properties.setProperty',
  'Properties.deleteProperty',
  'ClockTriggerBuilder.create',
  'ScriptApp.deleteTrigger',
]);

/**
 * Property limits: "Properties value size 9 KB / val", "Properties total
 * storage 500 KB / property store"
 * (https://developers.google.com/apps-script/guides/services/quotas).
 * Counted strictly: UTF-8 bytes of the key and the value together, 1 KB =
 * 1,000 bytes. Over either, the platform throws and stores nothing.
 */
export const PROPERTY_VALUE_BYTES = 9000;
export const PROPERTY_STORE_BYTES = 500000;
const QUOTA_ERROR =
  'Exception: You have exceeded the property storage quota. Please remove some properties and try again.';
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

export class AppsScriptDouble {
  readonly mode: Mode;
  readonly spreadsheets = new Map<string, SpreadsheetModel>();
  readonly defaultId: string;
  readonly defaultUser: string;
  userLocale: string;
  readonly userProps = new Map<string, Map<string, string>>();
  readonly triggers: TriggerModel[] = [];
  readonly mails: Mail[] = [];
  /** Make MailApp.sendEmail throw this (a quota, a scope not granted). */
  mailError: string | null = null;
  /** ScriptApp.getAuthorizationInfo answers REQUIRED. */
  reauthorizationRequired = false;
  readonly calls = new Map<string, number>();
  /** What the UI showed: menus built, sidebars, dialogs, alerts. */
  readonly ui = {
    menus: [] as { items: [string, string][]; added: boolean }[],
    sidebars: [] as { file: string; title: string }[],
    dialogs: [] as { file: string; title: string; width: number; height: number }[],
    alerts: [] as string[],
    /** The buttons alerts answer, in order (default OK / YES). */
    answers: [] as string[],
  };
  private readonly stack: Execution[] = [];
  private nextExecution = 1;
  private nextTrigger = 1;
  /** Who holds each lock: "script", "document:<id>", "user:<email>" → execution id. */
  private readonly locks = new Map<string, number>();
  readonly services: Record<string, unknown>;
  /**
   * The HTML files of the loaded project, by the name createHtmlOutputFromFile
   * takes (the file name without its extension): set by loadProject from the
   * project's folder. Empty until a project is loaded, so serving any page fails.
   */
  readonly htmlFiles = new Set<string>();

  constructor(opts: DoubleOptions = {}) {
    this.mode = opts.mode ?? 'bound';
    this.defaultId = opts.id ?? 'fake-spreadsheet-id';
    this.defaultUser = opts.user ?? 'lead@example.com';
    this.userLocale = opts.userLocale ?? opts.locale ?? 'ja';
    this.addSpreadsheet(this.defaultId, opts.timeZone, opts.locale === undefined ? undefined : opts.locale);
    this.services = this.makeServices();
  }

  addSpreadsheet(id: string, timeZone = 'Asia/Tokyo', locale = 'ja_JP'): SpreadsheetModel {
    const m = new SpreadsheetModel(id, timeZone, locale);
    this.spreadsheets.set(id, m);
    return m;
  }

  /** The default spreadsheet's sheets. */
  get sheets(): Map<string, SheetModel> {
    return this.spreadsheets.get(this.defaultId)!.sheets;
  }
  get documentProps(): Map<string, string> {
    return this.spreadsheets.get(this.defaultId)!.documentProps;
  }
  get metadata(): SpreadsheetModel['metadata'] {
    return this.spreadsheets.get(this.defaultId)!.metadata;
  }

  // ---- executions ---------------------------------------------------------

  get current(): Execution {
    return (
      this.stack[this.stack.length - 1] ?? {
        id: 0,
        kind: 'sidebar',
        user: this.defaultUser,
        spreadsheet: this.defaultId,
      }
    );
  }

  /**
   * Runs fn as one execution. Its locks are released when it ends: "The lock
   * is automatically released when the script terminates"
   * (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
   */
  execute<T>(ctx: Partial<ExecutionContext>, fn: () => T): T {
    const kind = ctx.kind ?? 'sidebar';
    const spreadsheet = ctx.spreadsheet !== undefined ? ctx.spreadsheet : this.defaultId;
    const e: Execution = { id: this.nextExecution++, kind, user: ctx.user ?? this.defaultUser, spreadsheet };
    this.stack.push(e);
    try {
      return fn();
    } finally {
      this.stack.pop();
      for (const [k, holder] of [...this.locks]) if (holder === e.id) this.locks.delete(k);
    }
  }

  /** An add-on's time trigger runs outside any document. */
  private inAddonTimeTrigger(): boolean {
    return this.mode === 'addon' && this.current.kind === 'time-trigger';
  }

  private containingDocument(): SpreadsheetModel | null {
    if (this.inAddonTimeTrigger()) return null;
    const id = this.current.spreadsheet;
    return id === null ? null : (this.spreadsheets.get(id) ?? null);
  }

  // ---- counting -------------------------------------------------------------

  total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }
  dataCalls(): number {
    return [...this.calls].filter(([k]) => DATA_CALLS.has(k)).reduce((a, [, v]) => a + v, 0);
  }
  reset(): void {
    this.calls.clear();
  }
  /** Cells read by getValues/getValue: what a read costs in a real spreadsheet. */
  cellsRead = 0;
  private readonly hooks: { call: string; fn: () => void }[] = [];

  /**
   * Runs fn once, the next time `call` ("Type.method") is made, just before
   * it runs: another execution slipping in at that moment (a test makes two
   * executions interleave this way).
   */
  intercept(call: string, fn: () => void): void {
    this.hooks.push({ call, fn });
  }

  /** Calls that change the spreadsheet, its stores or its triggers, counted apart (failCall). */
  private changes = 0;
  private failAt = Infinity;
  /** What the failed call was, once one failed. */
  failedCall: string | null = null;

  /**
   * The k-th call from now that changes something (MUTATING_CALLS) throws
   * before it changes anything, once, as the platform does when a quota is
   * spent or a service is briefly out; Infinity only counts them.
   */
  failCall(k: number): void {
    this.changes = 0;
    this.failAt = k;
    this.failedCall = null;
  }
  /** Changing calls since failCall. */
  changingCalls(): number {
    return this.changes;
  }
  /** Counts a changing call, and fails it when it is the one. */
  changing(name: string): void {
    if (!MUTATING_CALLS.has(name)) return;
    this.changes++;
    if (this.changes === this.failAt) {
      this.failedCall = name;
      throw new Error(`Exception: Service error: ${name} (injected)`);
    }
  }

  private counted<T extends object>(type: string, obj: T): T {
    const calls = this.calls;
    const hooks = this.hooks;
    const d = this;
    return new Proxy(obj, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v === 'function' && typeof prop === 'string') {
          return (...args: unknown[]) => {
            const name = `${type}.${prop}`;
            calls.set(name, (calls.get(name) ?? 0) + 1);
            const i = hooks.findIndex((h) => h.call === name);
            if (i >= 0) hooks.splice(i, 1)[0].fn();
            d.changing(name);
            return v.apply(target, args);
          };
        }
        return v;
      },
    });
  }

  // ---- triggers ---------------------------------------------------------------

  /** The triggers a user owns (all documents). */
  triggersOf(user: string): TriggerModel[] {
    return this.triggers.filter((t) => t.user === user);
  }

  // ---- the services -----------------------------------------------------------

  private makeServices(): Record<string, unknown> {
    const readOnly = (what: string) => {
      // Custom functions: "Read only (can use most get*() methods, but not set*())"
      // (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services).
      if (this.current.kind === 'custom-function')
        throw new Error(`Exception: You do not have permission to call ${what}`);
    };

    const rangeOf = (ss: SpreadsheetModel, sheet: SheetModel, a: Area): object => {
      if (a.rows < 1 || a.columns < 1)
        throw new Error('Exception: The number of rows in the range must be at least 1.');
      if (
        a.row < 1 ||
        a.column < 1 ||
        a.row + a.rows - 1 > sheet.maxRows ||
        a.column + a.columns - 1 > sheet.maxColumns
      ) {
        throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
      }
      const each = (f: (cell: Cell, i: number, j: number) => void) => {
        for (let i = 0; i < a.rows; i++)
          for (let j = 0; j < a.columns; j++) f(sheet.cell(a.row - 1 + i, a.column - 1 + j), i, j);
      };
      const grid = <T>(f: (cell: Cell) => T): T[][] =>
        Array.from({ length: a.rows }, (_, i) =>
          Array.from({ length: a.columns }, (_, j) => f(sheet.cell(a.row - 1 + i, a.column - 1 + j))),
        );
      const checkShape = (v: unknown[][]) => {
        if (v.length !== a.rows || v.some((r) => r.length !== a.columns)) {
          throw new Error(
            `Exception: The number of rows or columns in the data does not match the range. The data has ${v.length} but the range has ${a.rows}.`,
          );
        }
      };
      return this.counted('Range', {
        // getValues: "The values may be of type Number, Boolean, Date, or String, depending on the
        // value of the cell. Empty cells are represented by an empty string in the array."
        // (https://developers.google.com/apps-script/reference/spreadsheet/range#getvalues) — a fresh Date each time.
        getValues: () => {
          this.cellsRead += a.rows * a.columns;
          return grid((c) => (isDate(c.value) ? new Date(c.value.getTime()) : c.value));
        },
        getValue: () => {
          this.cellsRead += 1;
          const c = sheet.cell(a.row - 1, a.column - 1).value;
          return isDate(c) ? new Date(c.getTime()) : c;
        },
        setValues: (v: unknown[][]) => {
          readOnly('Range.setValues');
          checkShape(v);
          each((cell, i, j) => interpret(v[i][j], cell, ss.timeZone));
          return undefined;
        },
        setValue: (x: unknown) => {
          readOnly('Range.setValue');
          each((cell) => interpret(x, cell, ss.timeZone));
          return undefined;
        },
        getNumberFormats: () => grid((c) => c.format),
        setNumberFormat: (f: string) => {
          readOnly('Range.setNumberFormat');
          each((cell) => (cell.format = f));
          return undefined;
        },
        setNumberFormats: (f: string[][]) => {
          readOnly('Range.setNumberFormats');
          checkShape(f);
          each((cell, i, j) => (cell.format = f[i][j]));
          return undefined;
        },
        clearContent: () => {
          each((cell) => {
            cell.value = '';
            delete cell.formula;
          });
          return undefined;
        },
        getA1Notation: () => a1Of(a),
        getRow: () => a.row,
        getColumn: () => a.column,
        getNumRows: () => a.rows,
        getNumColumns: () => a.columns,
        getSheet: () => sheetOf(ss, sheet),
        activate: () => {
          ss.active = { sheet: sheet.name, area: { ...a } };
          return undefined;
        },
      });
    };

    const sheetOf = (ss: SpreadsheetModel, m: SheetModel): object =>
      this.counted('Sheet', {
        getName: () => m.name,
        getDataRange: () =>
          rangeOf(ss, m, { row: 1, column: 1, rows: Math.max(1, m.lastRow), columns: Math.max(1, m.lastColumn) }),
        getRange: (row: number | string, col?: number, h = 1, w = 1) =>
          typeof row === 'string'
            ? rangeOf(ss, m, parseA1(row, m))
            : rangeOf(ss, m, { row, column: col as number, rows: h, columns: w }),
        getLastRow: () => m.lastRow,
        getLastColumn: () => m.lastColumn,
        getMaxColumns: () => m.maxColumns,
        getMaxRows: () => m.maxRows,
        appendRow: (values: unknown[]) => {
          readOnly('Sheet.appendRow');
          const r = m.lastRow;
          if (r + 1 > m.maxRows) m.maxRows = r + 1;
          values.forEach((v, c) => interpret(v, m.cell(r, c), ss.timeZone));
          return undefined;
        },
        // insertColumnsAfter / insertColumnsBefore / insertRowsAfter: "Inserts a number of columns after the
        // given column position" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertcolumnsaftercolumnindex,-numcolumns);
        // the cells past the position move over, and the new cells are empty with the automatic format
        // (the documentation promises nothing about them: the strict reading).
        insertColumnsAfter: (after: number, n: number) => (insertColumns(m, after, n), undefined),
        insertColumnsBefore: (before: number, n: number) => (insertColumns(m, before - 1, n), undefined),
        insertRowsAfter: (after: number, n: number) => {
          checkPosition(after, m.maxRows, 'row', true);
          if (m.cells.length > after)
            m.cells = [
              ...m.cells.slice(0, after),
              ...Array.from({ length: n }, () => [] as Cell[]),
              ...m.cells.slice(after),
            ];
          m.maxRows += n;
          return undefined;
        },
        deleteColumn: (c: number) => {
          checkPosition(c, m.maxColumns, 'column', false);
          // "This operation is not allowed on the last column/row of a sheet": the strict reading.
          if (m.maxColumns === 1) throw new Error('Exception: You cannot delete all the columns on the sheet.');
          for (const row of m.cells) if (row.length >= c) row.splice(c - 1, 1);
          m.maxColumns--;
          return undefined;
        },
        // deleteColumns / deleteRows: "Deletes a number of columns starting at the given column position"
        // (https://developers.google.com/apps-script/reference/spreadsheet/sheet#deletecolumnscolumnposition,-howmany);
        // a sheet keeps at least one row and one column.
        deleteColumns: (c: number, n: number) => {
          checkPosition(c, m.maxColumns, 'column', false);
          checkPosition(c + n - 1, m.maxColumns, 'column', false);
          if (n >= m.maxColumns) throw new Error('Exception: You cannot delete all the columns on the sheet.');
          for (const row of m.cells) if (row.length >= c) row.splice(c - 1, n);
          m.maxColumns -= n;
          return undefined;
        },
        deleteRows: (r: number, n: number) => {
          checkPosition(r, m.maxRows, 'row', false);
          checkPosition(r + n - 1, m.maxRows, 'row', false);
          if (n >= m.maxRows) throw new Error('Exception: You cannot delete all the rows on the sheet.');
          if (m.cells.length >= r) m.cells.splice(r - 1, n);
          m.maxRows -= n;
          return undefined;
        },
        setFrozenRows: (n: number) => ((m.frozenRows = n), undefined),
        getFrozenRows: () => m.frozenRows,
        // getIndex: "Gets the position of the sheet in its parent spreadsheet. Starts at 1."
        // (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getindex)
        getIndex: () => [...ss.sheets.keys()].indexOf(m.name) + 1,
        getConditionalFormatRules: () => m.rules.slice(),
        setConditionalFormatRules: (rules: unknown[]) => ((m.rules = rules.slice()), undefined),
        getRangeList: (a1s: string[]) =>
          this.counted('RangeList', { getRanges: () => a1s.map((x) => rangeOf(ss, m, parseA1(x, m))) }),
        activate: () => {
          ss.active = { sheet: m.name, area: null };
          return sheetOf(ss, m);
        },
      });

    const metaObject = (ss: SpreadsheetModel, m: { key: string; value: string; visibility: string }) =>
      this.counted('DeveloperMetadata', {
        getKey: () => m.key,
        getValue: () => m.value,
        getVisibility: () => m.visibility,
        setValue: (v: string) => ((m.value = v), undefined),
        remove: () => (ss.metadata.splice(ss.metadata.indexOf(m), 1), undefined),
      });

    const spreadsheetOf = (ss: SpreadsheetModel): object => {
      const firstSheet = () => ss.sheets.values().next().value as SheetModel | undefined;
      const activeSheet = () => (ss.active && ss.sheets.get(ss.active.sheet)) || firstSheet();
      return this.counted('Spreadsheet', {
        getId: () => ss.id,
        getSpreadsheetTimeZone: () => ss.timeZone,
        getSpreadsheetLocale: () => ss.locale,
        getSheets: () => [...ss.sheets.values()].map((m) => sheetOf(ss, m)),
        getSheetByName: (n: string) => (ss.sheets.has(n) ? sheetOf(ss, ss.sheets.get(n)!) : null),
        // insertSheet: "Inserts a new sheet into the spreadsheet … The new sheet becomes the active sheet."
        // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname)
        // insertSheet(sheetName, sheetIndex): "sheetIndex — The index of the newly created sheet. To insert a
        // sheet as the first one in the spreadsheet, set it to 0."
        // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname,-sheetindex)
        insertSheet: (n: string, index?: number) => {
          readOnly('Spreadsheet.insertSheet');
          if (ss.sheets.has(n))
            throw new Error(`Exception: A sheet with the name "${n}" already exists. Please enter another name.`);
          const m = new SheetModel(n);
          if (index === undefined) ss.sheets.set(n, m);
          else {
            if (!Number.isInteger(index) || index < 0 || index > ss.sheets.size)
              throw new Error(`Exception: The sheet index ${index} is out of range.`);
            const order = [...ss.sheets];
            order.splice(index, 0, [n, m]);
            ss.sheets.clear();
            for (const [k, v] of order) ss.sheets.set(k, v);
          }
          ss.active = { sheet: n, area: { row: 1, column: 1, rows: 1, columns: 1 } };
          return sheetOf(ss, m);
        },
        deleteSheet: (s: { getName(): string }) => {
          ss.sheets.delete(s.getName());
          if (ss.active?.sheet === s.getName()) ss.active = null;
          return undefined;
        },
        getActiveSheet: () => {
          const m = activeSheet();
          return m ? sheetOf(ss, m) : null;
        },
        setActiveSheet: (s: { getName(): string }) => {
          ss.active = { sheet: s.getName(), area: null };
          return s;
        },
        // getActiveRange: "Returns the selected range in the active sheet, or null if there is no active range."
        // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getactiverange)
        getActiveRange: () => {
          if (!ss.active || !ss.active.area || !ss.sheets.has(ss.active.sheet)) return null;
          return rangeOf(ss, ss.sheets.get(ss.active.sheet)!, ss.active.area);
        },
        getDeveloperMetadata: () => ss.metadata.map((m) => metaObject(ss, m)),
        addDeveloperMetadata: (key: string, value: string, visibility: string) => (
          ss.metadata.push({ key, value, visibility }), spreadsheetOf(ss)
        ),
      });
    };

    const builder = () => {
      const rule: Record<string, unknown> = {};
      const b = this.counted('ConditionalFormatRuleBuilder', {
        whenFormulaSatisfied: (f: string) => ((rule.formula = f), b),
        setBackground: (c: string) => ((rule.background = c), b),
        setRanges: (r: unknown[]) => ((rule.ranges = r), b),
        build: () => ({
          getBooleanCondition: () => ({
            getCriteriaType: () => 'CUSTOM_FORMULA',
            getCriteriaValues: () => [rule.formula],
            getBackground: () => rule.background,
          }),
          getRanges: () => rule.ranges,
        }),
      });
      return b;
    };

    const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
    const ui = {
      createAddonMenu: () => {
        const menu = { items: [] as [string, string][], added: false };
        this.ui.menus.push(menu);
        const api = {
          addItem: (label: string, fn: string) => (menu.items.push([label, fn]), api),
          addSeparator: () => api,
          addToUi: () => {
            menu.added = true;
          },
        };
        return api;
      },
      createMenu: () => {
        throw new Error('an add-on builds its menu with createAddonMenu()');
      },
      showSidebar: (html: { file: string; title: string }) => (
        this.ui.sidebars.push({ file: html.file, title: html.title }), undefined
      ),
      showModalDialog: (html: { file: string; width: number; height: number }, title: string) => (
        this.ui.dialogs.push({ file: html.file, title, width: html.width, height: html.height }), undefined
      ),
      alert: (title: string, prompt?: string) => {
        this.ui.alerts.push(prompt === undefined ? title : `${title}: ${prompt}`);
        return this.ui.answers.shift() ?? 'OK';
      },
      Button,
      ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' },
    };

    const SpreadsheetApp = this.counted('SpreadsheetApp', {
      // An add-on's time trigger has no active spreadsheet: "Add-ons can only create triggers for the
      // file in which the add-on is used" yet the trigger itself runs outside it (no containing document,
      // see LockService below); the file must be opened by id.
      getActiveSpreadsheet: () => {
        const ss = this.containingDocument();
        return ss ? spreadsheetOf(ss) : null;
      },
      getActive: () => {
        const ss = this.containingDocument();
        return ss ? spreadsheetOf(ss) : null;
      },
      // openById fails for a file deleted or no longer shared with the user (strict: any such file).
      openById: (id: string) => {
        const ss = this.spreadsheets.get(id);
        if (!ss || ss.deleted) throw new Error('Exception: Requested entity was not found.');
        if (ss.unshared.has(this.current.user))
          throw new Error('Exception: You do not have permission to access the requested document.');
        return spreadsheetOf(ss);
      },
      flush: () => undefined,
      newConditionalFormatRule: builder,
      // getUi: a time trigger has no user interface to show.
      getUi: () => {
        if (this.current.kind === 'time-trigger' || this.current.kind === 'custom-function')
          throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
        return ui;
      },
      BooleanCriteria: { CUSTOM_FORMULA: 'CUSTOM_FORMULA' },
      DeveloperMetadataVisibility: { PROJECT: 'PROJECT', DOCUMENT: 'DOCUMENT' },
    });

    const propertyStore = (m: Map<string, string>) => {
      const bytes = () => {
        let n = 0;
        for (const [k, v] of m) n += utf8(k) + utf8(v);
        return n;
      };
      const store = {
        getProperty: (k: string) => m.get(k) ?? null,
        setProperty: (k: string, v: string) => {
          const value = String(v);
          if (utf8(k) + utf8(value) > PROPERTY_VALUE_BYTES) throw new Error(QUOTA_ERROR);
          const before = m.get(k);
          const after = bytes() - (before === undefined ? 0 : utf8(k) + utf8(before)) + utf8(k) + utf8(value);
          if (after > PROPERTY_STORE_BYTES) throw new Error(QUOTA_ERROR);
          m.set(k, value);
          return store;
        },
        deleteProperty: (k: string) => (m.delete(k), store),
        getKeys: () => [...m.keys()],
        getProperties: () => Object.fromEntries(m),
      };
      return this.counted('Properties', store);
    };

    const PropertiesService = {
      // getDocumentProperties: "When document properties are not available this method returns null"
      // (https://developers.google.com/apps-script/reference/properties/properties-service#getdocumentproperties):
      // they exist for a bound script or an add-on in "the open document" — an add-on's time trigger has none.
      getDocumentProperties: () => {
        const ss = this.containingDocument();
        return ss ? propertyStore(ss.documentProps) : null;
      },
      // getUserProperties: "a property store that only the current or effective user can access, and
      // only within this script" — one per user for the whole project (every document of an add-on).
      getUserProperties: () => {
        const u = this.current.user;
        if (!this.userProps.has(u)) this.userProps.set(u, new Map());
        return propertyStore(this.userProps.get(u)!);
      },
    };

    const lockOf = (key: string | null) => {
      if (key === null) return null;
      const lock = {
        tryLock: (_ms: number) => {
          const holder = this.locks.get(key);
          if (holder !== undefined && holder !== this.current.id) return false;
          this.locks.set(key, this.current.id);
          return true;
        },
        waitLock: (ms: number) => {
          if (!lock.tryLock(ms))
            throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
        },
        hasLock: () => this.locks.get(key) === this.current.id,
        releaseLock: () => {
          if (this.locks.get(key) === this.current.id) this.locks.delete(key);
        },
      };
      return lock;
    };

    const LockService = {
      // getDocumentLock: "If this method is called outside of the context of a containing document
      // (such as from a standalone script or webapp), null is returned."
      // (https://developers.google.com/apps-script/reference/lock/lock-service#getdocumentlock) —
      // an add-on's time trigger is outside any document.
      getDocumentLock: () => {
        const ss = this.containingDocument();
        return lockOf(ss ? `document:${ss.id}` : null);
      },
      // getScriptLock: "prevents any user from concurrently running a section of code" — every user and
      // every document of the project share it.
      getScriptLock: () => lockOf('script'),
      getUserLock: () => lockOf(`user:${this.current.user}`),
    };

    const triggerObject = (t: TriggerModel) =>
      this.counted('Trigger', {
        getUniqueId: () => t.uid,
        getHandlerFunction: () => t.handler,
        getEventType: () => 'CLOCK',
        getTriggerSource: () => 'CLOCK',
        getTriggerSourceId: () => null,
      });

    const ScriptApp = {
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
      AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
      getAuthorizationInfo: () => ({
        getAuthorizationStatus: () => (this.reauthorizationRequired ? 'REQUIRED' : 'NOT_REQUIRED'),
      }),
      // getProjectTriggers: "Gets all installable triggers associated with the current project and current user."
      // (https://developers.google.com/apps-script/reference/script/script-app#getprojecttriggers)
      getProjectTriggers: () => this.triggersOf(this.current.user).map(triggerObject),
      deleteTrigger: (t: { getUniqueId(): string }) => {
        this.changing('ScriptApp.deleteTrigger');
        const i = this.triggers.findIndex((x) => x.uid === t.getUniqueId() && x.user === this.current.user);
        if (i >= 0) this.triggers.splice(i, 1);
        return undefined;
      },
      newTrigger: (handler: string) => {
        const schedule: TriggerModel['schedule'] = {};
        const create = () => {
          if (this.current.kind === 'custom-function' || this.current.kind === 'simple-trigger')
            throw new Error('Exception: You do not have permission to call ScriptApp.newTrigger.');
          const user = this.current.user;
          const document = this.containingDocument()?.id ?? null;
          if (this.mode === 'addon') {
            // "Each add-on can only have one trigger of each type, per user, per document."
            // (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions)
            if (this.triggers.some((t) => t.user === user && t.document === document && t.source === 'CLOCK')) {
              throw new Error(
                'Exception: This add-on has created too many time-based triggers in this document for this Google user account.',
              );
            }
          }
          // "Triggers 20 / user / script" (https://developers.google.com/apps-script/guides/services/quotas).
          if (this.triggersOf(user).length >= 20)
            throw new Error(
              'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
            );
          const t: TriggerModel = {
            uid: String(1000 + this.nextTrigger++),
            handler,
            user,
            document,
            source: 'CLOCK',
            schedule: { ...schedule },
          };
          this.triggers.push(t);
          return triggerObject(t);
        };
        const clock = this.counted('ClockTriggerBuilder', {
          // everyMinutes: an add-on's "Time-driven triggers cannot run more frequently than once per hour."
          // (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions)
          everyMinutes: (n: number) => {
            if (this.mode === 'addon')
              throw new Error(
                'Exception: Add-ons cannot create time-based triggers that run more frequently than once per hour.',
              );
            if (![1, 5, 10, 15, 30].includes(n))
              throw new Error('Exception: The minutes value must be 1, 5, 10, 15 or 30.');
            return clock;
          },
          // everyHours: "n must be 1, 2, 4, 6, 8, or 12"
          // (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyhoursn)
          everyHours: (n: number) => {
            if (![1, 2, 4, 6, 8, 12].includes(n))
              throw new Error('Exception: The hours value must be 1, 2, 4, 6, 8 or 12.');
            schedule.everyHours = n;
            return clock;
          },
          everyDays: (n: number) => ((schedule.everyDays = n), clock),
          atHour: (h: number) => {
            if (!(Number.isInteger(h) && h >= 0 && h <= 23))
              throw new Error('Exception: The hour must be between 0 and 23.');
            schedule.atHour = h;
            return clock;
          },
          inTimezone: (tz: string) => ((schedule.timeZone = tz), clock),
          create,
        });
        return this.counted('TriggerBuilder', { timeBased: () => clock });
      },
    };

    const Session = this.counted('Session', {
      getActiveUser: () => ({ getEmail: () => this.current.user }),
      getEffectiveUser: () => ({ getEmail: () => this.current.user }),
      getActiveUserLocale: () => this.userLocale,
      getScriptTimeZone: () => 'Asia/Tokyo',
    });

    const MailApp = {
      sendEmail: (to: string, subject: string, body: string) => {
        if (this.mailError) throw new Error(this.mailError);
        this.mails.push({ to, subject, body });
      },
      getRemainingDailyQuota: () => (this.mailError ? 0 : 100),
    };

    const HtmlService = {
      createHtmlOutputFromFile: (file: string) => {
        // "Creates a new HtmlOutput object from a file in the code editor"
        // (https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutputFromFile(String));
        // the file is named without its extension, as the project names its files
        // (https://developers.google.com/apps-script/api/reference/rest/v1/File: "The file extension is not
        // part of the file name"). A name the project has no HTML file for fails; the documentation does not
        // quote the message, so this one is ours.
        if (!this.htmlFiles.has(file)) throw new Error(`No HTML file named ${file} was found.`);
        const out = {
          file,
          title: '',
          width: 0,
          height: 0,
          setTitle: (t: string) => ((out.title = t), out),
          setWidth: (w: number) => ((out.width = w), out),
          setHeight: (h: number) => ((out.height = h), out),
        };
        return out;
      },
      createTemplateFromFile: () => {
        throw new Error('KPI Lamp serves its pages as files, never as templates');
      },
    };

    const Utilities = {
      /** Time passes for this execution only; nothing else runs meanwhile here. */
      sleep: (_ms: number) => undefined,
      getUuid: () => `uuid-${this.nextExecution}-${Math.random().toString(36).slice(2)}`,
      formatDate: (date: Date, tz: string, _fmt: string) => isoInZone(date, tz).slice(0, 10),
    };

    return { SpreadsheetApp, PropertiesService, LockService, ScriptApp, Session, MailApp, HtmlService, Utilities };
  }
}

// ---------------------------------------------------------------------------
// Helpers for tests

export function createDouble(opts: DoubleOptions = {}): AppsScriptDouble {
  return new AppsScriptDouble(opts);
}

const GLOBALS = [
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'Session',
  'MailApp',
  'HtmlService',
  'Utilities',
] as const;

/** Installs the double's services as Node globals (what src/gas reads when a test runs it from source); returns an undo. */
export function installGlobals(double: AppsScriptDouble): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = GLOBALS.map((n) => g[n]);
  for (const n of GLOBALS) g[n] = double.services[n];
  return () => GLOBALS.forEach((n, i) => (before[i] === undefined ? delete g[n] : (g[n] = before[i])));
}

/** Fills a sheet with a grid as it already is (typed values, automatic format; not counted). */
export function seedSheet(
  double: AppsScriptDouble,
  name: string,
  grid: unknown[][],
  spreadsheet = double.defaultId,
): SheetModel {
  const m = new SheetModel(name);
  grid.forEach((row, r) => row.forEach((v, c) => (m.cell(r, c).value = v === null || v === undefined ? '' : v)));
  m.maxRows = Math.max(1000, grid.length);
  let width = 26;
  for (const row of grid) width = Math.max(width, row.length);
  m.maxColumns = width;
  double.spreadsheets.get(spreadsheet)!.sheets.set(name, m);
  return m;
}

// ---------------------------------------------------------------------------
// The built project, as Apps Script runs it

export interface Project {
  /** The top-level function declarations of dist/Code.js: all Apps Script can call by name. */
  declared: Set<string>;
  /** Evaluates an expression in the script's global scope (to build arguments there). */
  eval(code: string): unknown;
  /**
   * Calls a function by name as Apps Script does: only a top-level function
   * declaration of the script is found ("Script function not found: NAME"
   * otherwise), never a property someone put on the global object.
   */
  call(name: string, ...args: unknown[]): unknown;
  /** A menu item, by its handler name, as the person who chose it. */
  menu(handler: string, user?: string): unknown;
  /**
   * google.script.run.NAME(...args) from a page in the spreadsheet: the
   * arguments and the result cross as data only — "Requests fail if you
   * attempt to pass a Date, Function, DOM element besides a form, or other
   * prohibited type" (https://developers.google.com/apps-script/guides/html/reference/run);
   * a result holding a Date arrives as null.
   */
  scriptRun(name: string, ...args: unknown[]): unknown;
  /** Fires a time trigger by its id, as its owner, the way the platform does. */
  fire(uid: string): unknown;
}

const hasDate = (v: unknown): boolean =>
  isDate(v) ||
  (Array.isArray(v)
    ? v.some(hasDate)
    : v !== null && typeof v === 'object'
      ? Object.values(v as object).some(hasDate)
      : false);

/** Where a project's files are: a folder (default dist/) and its script file (default Code.js). */
export interface ProjectFiles {
  dir?: string;
  script?: string;
}

/**
 * Loads a built project (default dist/: run `npm run build` first) into a vm
 * context over the double's services: its script, and the names of its HTML
 * files (what createHtmlOutputFromFile can serve).
 */
export function loadProject(
  double: AppsScriptDouble,
  spreadsheet = double.defaultId,
  { dir = DIST, script = 'Code.js' }: ProjectFiles = {},
): Project {
  const code = readFileSync(join(dir, script), 'utf8');
  for (const f of readdirSync(dir)) if (f.endsWith('.html')) double.htmlFiles.add(f.slice(0, -'.html'.length));
  const context = vm.createContext({ ...double.services });
  vm.runInContext(code, context, { filename: script });
  const declared: Set<string> = topLevelFunctions(code);
  const call = (name: string, ...args: unknown[]) => {
    if (!declared.has(name)) throw new Error(`Script function not found: ${name}`);
    return (context[name] as (...a: unknown[]) => unknown)(...args);
  };
  return {
    declared,
    eval: (expr) => vm.runInContext(expr, context),
    call,
    menu: (handler, user) => double.execute({ kind: 'menu', user, spreadsheet }, () => call(handler)),
    scriptRun: (name, ...args) => {
      if (hasDate(args)) throw new Error('google.script.run: a Date cannot be passed');
      const result = double.execute({ kind: 'sidebar', spreadsheet }, () => call(name, ...args));
      return hasDate(result) ? null : result === undefined ? null : JSON.parse(JSON.stringify(result));
    },
    fire: (uid) => {
      const t = double.triggers.find((x) => x.uid === uid);
      if (!t) throw new Error(`no trigger ${uid}`);
      // A bound script's trigger runs in its spreadsheet; an add-on's outside any (see getActiveSpreadsheet).
      const where = double.mode === 'bound' ? spreadsheet : null;
      return double.execute({ kind: 'time-trigger', user: t.user, spreadsheet: where }, () =>
        call(t.handler, { triggerUid: uid, authMode: 'FULL' }),
      );
    },
  };
}
