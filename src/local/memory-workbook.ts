/**
 * MemoryWorkbook: the Workbook port held in memory. The command line and the
 * playground load a CSV folder or an .xlsx file into one (see
 * load-workbook.ts); tests build one by hand.
 *
 * A sheet is a grid of cells, row 0 being the header row. A cell is a plain
 * CellValue, a formula `{ formula: "=..." }`, or a CSV text that Sheets
 * would import as another value `{ text: "80%", imported: 0.8 }` (see
 * ImportedText). Text is always plain text: a string in the grid is never a
 * formula, whatever it starts with, so a "=..." written through the port
 * stays text (the "plain text" flag is the cell's type). Only a loader,
 * through addSheet, creates formula and imported-text cells.
 *
 * Pure: no Node or Apps Script globals.
 */
import {
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

/** A formula cell; `cached` is the value a file stored with it (xlsx), if any. */
export interface FormulaCell {
  formula: string;
  cached?: CellValue;
}

/**
 * A CSV cell whose text Sheets would type as another value on import
 * ("80%" → 0.8, "TRUE" → true, "1,234" → 1234, "2027/4/5" → a date). The
 * workbook port reads its `text`, exactly as the file has it, so that ids
 * and names keep their identity and a KPI column's reader applies the
 * contract's number rules where a number is read (core/table.ts
 * numberFromCell); the playground's formulas read `imported`, as Sheets'
 * custom functions would see the imported cell. Shared and never changed.
 */
export interface ImportedText {
  readonly text: string;
  readonly imported: CellValue;
}

export type StoredCell = CellValue | FormulaCell | ImportedText;

/** Values of formula cells: row and column are 1-based, as in the port. */
export type FormulaEvaluator = (
  sheet: string,
  row: number,
  column: number,
  formula: string,
  cached: CellValue | undefined,
) => CellValue;

export interface MemoryWorkbookOptions {
  /** The workbook's id; for a loaded workbook, its path. Default "memory". */
  id?: string;
  /** The user's locale, e.g. "ja" or "en_US". Default "en". */
  locale?: string;
  /** The spreadsheet's time zone. Default "Asia/Tokyo". */
  timeZone?: string;
  /**
   * Gives formula cells their value in readSheet. Without it a formula cell
   * reads as its cached value (from an .xlsx file) or else null.
   */
  evaluate?: FormulaEvaluator;
}

export function isFormula(cell: StoredCell | undefined): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && 'formula' in cell;
}

export function isImportedText(cell: StoredCell | undefined): cell is ImportedText {
  return typeof cell === 'object' && cell !== null && 'imported' in cell;
}

/** What a non-formula stored cell reads as through the port: an imported text as its text. */
export function portValue(cell: CellValue | ImportedText): CellValue {
  return isImportedText(cell) ? cell.text : cell;
}

/** A KeyValueStore over a Map (document and user properties offline). */
export class MemoryStore implements KeyValueStore {
  private readonly map = new Map<string, string>();

  constructor(initial?: Record<string, string>) {
    if (initial) for (const [k, v] of Object.entries(initial)) this.map.set(k, v);
  }

  get(key: string): string | null {
    return this.map.has(key) ? (this.map.get(key) as string) : null;
  }
  set(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
}

interface Sheet {
  name: string;
  cells: StoredCell[][];
  rules: FormatRule[];
}

function copyCell(cell: StoredCell): StoredCell {
  return isFormula(cell) ? { ...cell } : cell; // an ImportedText is shared: it never changes
}

function copyRule(rule: FormatRule): FormatRule {
  return { ...rule, ranges: [...rule.ranges] };
}

function copyTrigger(t: TriggerInfo): TriggerInfo {
  const s = t.schedule;
  const schedule: TriggerSchedule | null =
    s === null ? null : s.every === 'day' ? { every: 'day', hour: s.hour } : { every: 'hour' };
  return { id: t.id, handler: t.handler, schedule };
}

function headerText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value).trim();
}

function isBlank(cell: StoredCell | undefined): boolean {
  return cell === undefined || cell === null || cell === '';
}

export class MemoryWorkbook implements Workbook {
  private readonly sheets: Sheet[] = [];
  private readonly docStore = new MemoryStore();
  private readonly usrStore = new MemoryStore();
  private readonly fileKeys = new MemoryStore();
  private readonly triggerList: TriggerInfo[] = [];
  private nextTrigger = 1;
  private active: { sheet: string; a1: string } | null = null;
  private readonly options: MemoryWorkbookOptions;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.options = { ...options };
  }

  // ---- loaders, tests and the playground ---------------------------------

  /**
   * Adds a sheet with the given grid (row 0 is the header row), replacing a
   * sheet of that name. Strings are stored as plain text; formulas must be
   * given as `{ formula }`. The grid is copied, unless `copy` is false (a
   * loader handing over a grid it made).
   */
  addSheet(name: string, grid: StoredCell[][] = [], copy = true): void {
    // A loader hands over a grid it made and never touches again: no copy.
    const cells = copy ? grid.map((row) => row.map(copyCell)) : grid;
    const existing = this.sheet(name);
    if (existing) {
      existing.cells = cells;
      return;
    }
    this.sheets.push({ name, cells, rules: [] });
  }

  /** A copy of a sheet's grid as stored (formulas as `{ formula }`), or null. Rows may differ in length. */
  grid(sheet: string): StoredCell[][] | null {
    const s = this.sheet(sheet);
    return s ? s.cells.map((row) => row.map(copyCell)) : null;
  }

  /** One stored cell, 1-based; null when blank; undefined when the sheet does not exist. */
  cell(sheet: string, row: number, column: number): StoredCell | undefined {
    const s = this.sheet(sheet);
    if (!s) return undefined;
    const c = s.cells[row - 1]?.[column - 1];
    return c === undefined ? null : copyCell(c);
  }

  /** The value a stored cell reads as (formulas evaluated), 1-based. */
  value(sheet: string, row: number, column: number): CellValue {
    const c = this.cell(sheet, row, column);
    if (c === undefined) return null;
    return this.valueOf(sheet, row, column, c);
  }

  // ---- Workbook ------------------------------------------------------------

  id(): string {
    return this.options.id ?? 'memory';
  }

  locale(): string {
    return this.options.locale ?? 'en';
  }

  timeZone(): string {
    return this.options.timeZone ?? 'Asia/Tokyo';
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /**
   * Like a Sheets data range: as many columns as the widest non-blank row
   * reaches, as many rows as the last non-blank one. The header is row 1's
   * texts trimmed; every row is padded with null to the same width.
   */
  readSheet(name: string): SheetTable | null {
    const s = this.sheet(name);
    if (!s) return null;
    let height = 0;
    let width = 0;
    s.cells.forEach((row, r) => {
      for (let c = row.length - 1; c >= 0; c--) {
        if (!isBlank(row[c])) {
          width = Math.max(width, c + 1);
          height = r + 1;
          break;
        }
      }
    });
    const values: CellValue[][] = [];
    for (let r = 0; r < height; r++) {
      const row = s.cells[r] ?? [];
      const out: CellValue[] = [];
      for (let c = 0; c < width; c++) {
        const cell = row[c];
        out.push(cell === undefined ? null : this.valueOf(name, r + 1, c + 1, cell));
      }
      values.push(out);
    }
    const header = (values[0] ?? []).map(headerText);
    return { name, header, rows: values.slice(1) };
  }

  /**
   * The header texts of row 1, trimmed, as readSheet gives them but without
   * reading the rows below (and without padding to the data's width); null
   * when there is no such sheet.
   */
  headerRow(name: string): string[] | null {
    const s = this.sheet(name);
    if (!s) return null;
    const row = s.cells[0] ?? [];
    let width = row.length;
    while (width > 0 && isBlank(row[width - 1])) width--;
    const out: string[] = [];
    for (let c = 0; c < width; c++)
      out.push(headerText(row[c] === undefined ? null : this.valueOf(name, 1, c + 1, row[c])));
    return out;
  }

  /** A date is kept as its ISO text (what readSheet gives for dates, here and in Sheets). */
  writeValues(sheet: string, row: number, column: number, values: WriteValue[][], _textReady = false): void {
    const s = this.mustSheet(sheet);
    if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) {
      throw new Error(`writeValues: row and column must be whole numbers from 1 (got ${row}, ${column})`);
    }
    values.forEach((line, i) => {
      const r = row - 1 + i;
      while (s.cells.length <= r) s.cells.push([]);
      const target = s.cells[r];
      line.forEach((v, j) => {
        const c = column - 1 + j;
        while (target.length < c) target.push(null);
        target[c] = plain(isDateValue(v) ? v.date : v);
      });
    });
  }

  ensureSheet(name: string, header: string[]): boolean {
    if (this.sheet(name)) return false;
    this.sheets.push({ name, cells: [header.map((h) => h)], rules: [] });
    return true;
  }

  /** As ensureSheet: formats do not exist in memory (every text is plain text already). */
  createDataSheet(name: string, header: string[]): boolean {
    return this.ensureSheet(name, header);
  }

  replaceRows(name: string, rows: CellValue[][]): void {
    const s = this.mustSheet(name);
    const header = s.cells[0] ?? [];
    s.cells = [header, ...rows.map((row) => row.map(plain))];
  }

  deleteSheet(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i >= 0) this.sheets.splice(i, 1);
    if (this.active?.sheet === name) this.active = null;
  }

  /** Formats do not exist in memory: every text is plain text already. */
  setTextColumn(sheet: string, _column: number): void {
    this.mustSheet(sheet);
  }

  /** As readSheet(sheet).rows.length, without copying the sheet: the last row holding a non-blank cell, below the header. */
  rowCount(sheet: string): number | null {
    const s = this.sheet(sheet);
    if (!s) return null;
    for (let r = s.cells.length - 1; r > 0; r--) if (s.cells[r].some((c) => !isBlank(c))) return r;
    return 0;
  }

  deleteColumn(sheet: string, column: number): void {
    const s = this.mustSheet(sheet);
    for (const row of s.cells) if (row.length >= column) row.splice(column - 1, 1);
  }

  formatRules(sheet: string): FormatRule[] {
    return this.mustSheet(sheet).rules.map(copyRule);
  }

  /** Keeps the user's rules first, in their order, then ours in the order given. */
  setOwnFormatRules(sheet: string, rules: FormatRule[]): void {
    const s = this.mustSheet(sheet);
    const users = s.rules.filter((r) => r.owner !== 'kpi-lamp');
    const ours = rules.map((r) => ({ ...copyRule(r), owner: 'kpi-lamp' as const }));
    s.rules = [...users, ...ours];
  }

  /**
   * What a write will change, kept by reference or as copies of the rows it
   * touches (no sheet is copied whole but for a column's deletion).
   */
  imageBefore(w: PortWrite, _known: SheetTable | null): WriteImage {
    if (w.op === 'ensureSheet') {
      const existed = !!this.sheet(w.sheet);
      return { restore: () => (existed ? undefined : this.deleteSheet(w.sheet)) };
    }
    if (w.op === 'deleteSheet') {
      const index = this.sheets.findIndex((s) => s.name === w.sheet);
      const sheet = this.sheets[index];
      const active = this.active;
      return {
        restore: () => {
          if (!sheet || this.sheet(w.sheet)) return;
          this.sheets.splice(Math.min(index, this.sheets.length), 0, sheet);
          if (active?.sheet === w.sheet) this.active = active;
        },
      };
    }
    const s = this.mustSheet(w.sheet);
    const cells = s.cells;
    if (w.op === 'replaceRows') return { restore: () => (s.cells = cells) }; // replaceRows puts a new array in place
    if (w.op === 'setOwnFormatRules') {
      const rules = s.rules;
      return { restore: () => (s.rules = rules) };
    }
    if (w.op === 'setTextColumn') return { restore: () => undefined }; // no formats in memory
    if (w.op === 'deleteColumn') {
      const rows = cells.map((row) => row.slice());
      return { restore: () => (s.cells = rows) };
    }
    // writeValues: the rows it touches, as they were, and how many rows there were.
    const length = cells.length;
    const before = new Map<number, StoredCell[]>();
    for (let r = w.row - 1; r < Math.min(length, w.row - 1 + w.rows); r++) before.set(r, cells[r].slice());
    return {
      restore: () => {
        for (const [r, row] of before) s.cells[r] = row;
        s.cells.length = Math.min(s.cells.length, length);
      },
    };
  }

  /** For tests: adds a rule as the user would have made it. */
  addUserFormatRule(sheet: string, rule: Omit<FormatRule, 'owner'>): void {
    this.mustSheet(sheet).rules.push({ ...copyRule({ ...rule, owner: 'user' }) });
  }

  documentStore(): KeyValueStore {
    return this.docStore;
  }

  fileStore(): KeyValueStore {
    return this.fileKeys;
  }

  userStore(): KeyValueStore {
    return this.usrStore;
  }

  triggers(): TriggerInfo[] {
    return this.triggerList.map(copyTrigger);
  }

  installTrigger(handler: string, schedule: TriggerSchedule): TriggerInfo {
    const info = copyTrigger({ id: `trigger-${this.nextTrigger++}`, handler, schedule });
    this.triggerList.push(info);
    return copyTrigger(info);
  }

  removeTrigger(id: string): void {
    const i = this.triggerList.findIndex((t) => t.id === id);
    if (i >= 0) this.triggerList.splice(i, 1);
  }

  activeRange(): { sheet: string; a1: string } | null {
    return this.active ? { ...this.active } : null;
  }

  select(sheet: string, a1: string): void {
    this.mustSheet(sheet);
    this.active = { sheet, a1 };
  }

  // ---- inside ---------------------------------------------------------------

  private sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  private mustSheet(name: string): Sheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  private valueOf(sheet: string, row: number, column: number, cell: StoredCell): CellValue {
    if (!isFormula(cell)) return portValue(cell);
    if (this.options.evaluate) return this.options.evaluate(sheet, row, column, cell.formula, cell.cached);
    return cell.cached ?? null;
  }
}

/** What the port stores for a written value: text stays text; "" is a blank. */
function plain(v: CellValue): CellValue {
  if (v === undefined || v === '') return null;
  return v;
}
