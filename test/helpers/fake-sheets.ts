/**
 * A counting fake of the Spreadsheet service (SpreadsheetApp and the objects
 * it hands out), plus Session and PropertiesService, for testing the Apps
 * Script adapters in Node. Every method call on a Spreadsheet-service object
 * is counted, so a test can prove that the number of calls does not grow
 * with rows. Values behave as Sheets' do: a value written into a cell whose
 * number format is not plain text and that starts with "=" becomes a formula.
 */
type Grid = unknown[][];

export interface FakeCell {
  value: unknown;
  format: string;
  formula?: string;
}

export class FakeSheetModel {
  cells: FakeCell[][] = [];
  rules: unknown[] = [];
  frozenRows = 0;
  maxColumns = 26;
  maxRows = 1000;
  constructor(public name: string) {}

  cell(r: number, c: number): FakeCell {
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
    for (const row of this.cells) for (let c = row.length - 1; c >= 0; c--) if (row[c].value !== '') { m = Math.max(m, c + 1); break; }
    return m;
  }
  values(): Grid {
    const h = this.lastRow;
    const w = this.lastColumn;
    return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => this.cell(r, c).value));
  }
}

/**
 * Calls that move cell data, formats or rules between the script and the
 * spreadsheet: what batching is about. Navigation (getSheetByName, getRange,
 * getLastRow, getMaxColumns …) is counted in `total` only.
 */
export const DATA_CALLS = new Set([
  'Range.getValues', 'Range.setValues', 'Range.getNumberFormats', 'Range.setNumberFormats', 'Range.setNumberFormat',
  'Range.clearContent', 'Range.getValue', 'Range.setValue', 'Sheet.appendRow', 'Range.getFormulas', 'Range.setFormulas', 'Range.getBackgrounds', 'Range.setBackgrounds',
  'Sheet.getConditionalFormatRules', 'Sheet.setConditionalFormatRules', 'Range.activate',
]);

export interface FakeEnv {
  SpreadsheetApp: unknown;
  Session: unknown;
  PropertiesService: unknown;
  ScriptApp: unknown;
  calls: Map<string, number>;
  total(): number;
  /** Calls in DATA_CALLS. */
  dataCalls(): number;
  reset(): void;
  sheets: Map<string, FakeSheetModel>;
  documentProps: Map<string, string>;
  metadata: { key: string; value: string; visibility: string }[];
}

export function createFakeSheets(opts: { timeZone?: string; locale?: string; id?: string; noDocumentProperties?: boolean } = {}): FakeEnv {
  const calls = new Map<string, number>();
  const sheets = new Map<string, FakeSheetModel>();
  const documentProps = new Map<string, string>();
  const userProps = new Map<string, string>();
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  /** Wraps an object so that every method call is counted as "Type.method". */
  const counted = <T extends object>(type: string, obj: T): T =>
    new Proxy(obj, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v === 'function' && typeof prop === 'string') {
          return (...args: unknown[]) => {
            count(`${type}.${prop}`);
            return v.apply(target, args);
          };
        }
        return v;
      },
    });

  const rangeOf = (sheet: FakeSheetModel, row: number, col: number, h: number, w: number): object => {
    if (row + h - 1 > sheet.maxRows || col + w - 1 > sheet.maxColumns) {
      throw new Error(`Exception: The coordinates of the range are outside the dimensions of the sheet.`);
    }
    return counted('Range', {
      getValues: () => Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => sheet.cell(row - 1 + r, col - 1 + c).value)),
      setValues: (v: Grid) => {
        if (v.length !== h || v.some((r) => r.length !== w)) throw new Error('setValues: dimensions do not match the range');
        v.forEach((r, i) =>
          r.forEach((x, j) => {
            const cell = sheet.cell(row - 1 + i, col - 1 + j);
            if (typeof x === 'string' && x.startsWith('=') && cell.format !== '@') {
              cell.formula = x;
              cell.value = '#FORMULA';
            } else {
              delete cell.formula;
              cell.value = x;
            }
          }),
        );
        return undefined;
      },
      getValue: () => sheet.cell(row - 1, col - 1).value,
      setValue: (x: unknown) => {
        sheet.cell(row - 1, col - 1).value = x;
        return undefined;
      },
      getNumberFormats: () => Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => sheet.cell(row - 1 + r, col - 1 + c).format)),
      setNumberFormat: (f: string) => {
        for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) sheet.cell(row - 1 + r, col - 1 + c).format = f;
        return undefined;
      },
      setNumberFormats: (f: string[][]) => {
        f.forEach((r, i) => r.forEach((x, j) => (sheet.cell(row - 1 + i, col - 1 + j).format = x)));
        return undefined;
      },
      clearContent: () => {
        for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) sheet.cell(row - 1 + r, col - 1 + c).value = '';
        return undefined;
      },
      getA1Notation: () => `R${row}C${col}:R${row + h - 1}C${col + w - 1}`,
      getSheet: () => sheetOf(sheet),
      activate: () => undefined,
    });
  };

  const sheetOf = (m: FakeSheetModel): object =>
    counted('Sheet', {
      getName: () => m.name,
      getDataRange: () => rangeOf(m, 1, 1, Math.max(1, m.lastRow), Math.max(1, m.lastColumn)),
      getRange: (row: number, col: number, h = 1, w = 1) => rangeOf(m, row, col, h, w),
      getLastRow: () => m.lastRow,
      appendRow: (values: unknown[]) => {
        const r = m.lastRow;
        values.forEach((v, c) => (m.cell(r, c).value = v));
        return undefined;
      },
      getLastColumn: () => m.lastColumn,
      getMaxColumns: () => m.maxColumns,
      getMaxRows: () => m.maxRows,
      insertColumnsAfter: (after: number, n: number) => ((m.maxColumns += n), undefined),
      insertRowsAfter: (after: number, n: number) => ((m.maxRows += n), undefined),
      deleteColumn: (c: number) => {
        for (const row of m.cells) if (row.length >= c) row.splice(c - 1, 1);
        m.maxColumns--;
        return undefined;
      },
      setFrozenRows: (n: number) => ((m.frozenRows = n), undefined),
      getConditionalFormatRules: () => m.rules.slice(),
      setConditionalFormatRules: (rules: unknown[]) => ((m.rules = rules.slice()), undefined),
      getRangeList: (a1s: string[]) => counted('RangeList', { getRanges: () => a1s.map((a1) => ({ getA1Notation: () => a1 })) }),
    });

  const metadata: { key: string; value: string; visibility: string }[] = [];
  const metaObject = (m: { key: string; value: string; visibility: string }) =>
    counted('DeveloperMetadata', {
      getKey: () => m.key,
      getValue: () => m.value,
      getVisibility: () => m.visibility,
      setValue: (v: string) => ((m.value = v), undefined),
      remove: () => (metadata.splice(metadata.indexOf(m), 1), undefined),
    });
  const ss = counted('Spreadsheet', {
    getDeveloperMetadata: () => metadata.map(metaObject),
    addDeveloperMetadata: (key: string, value: string, visibility: string) => (metadata.push({ key, value, visibility }), undefined),
    getId: () => opts.id ?? 'fake-spreadsheet-id',
    getSpreadsheetTimeZone: () => opts.timeZone ?? 'Asia/Tokyo',
    getSpreadsheetLocale: () => opts.locale ?? 'ja_JP',
    getSheets: () => [...sheets.values()].map(sheetOf),
    getSheetByName: (n: string) => (sheets.has(n) ? sheetOf(sheets.get(n)!) : null),
    insertSheet: (n: string) => {
      if (sheets.has(n)) throw new Error(`A sheet with the name "${n}" already exists.`);
      const m = new FakeSheetModel(n);
      sheets.set(n, m);
      return sheetOf(m);
    },
    deleteSheet: (s: { getName(): string }) => (sheets.delete(s.getName()), undefined),
    getActiveRange: () => null,
  });

  const builder = () => {
    const rule: Record<string, unknown> = {};
    const b = counted('ConditionalFormatRuleBuilder', {
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

  const SpreadsheetApp = counted('SpreadsheetApp', {
    getActiveSpreadsheet: () => ss,
    openById: () => ss,
    newConditionalFormatRule: builder,
    flush: () => undefined,
    BooleanCriteria: { CUSTOM_FORMULA: 'CUSTOM_FORMULA' },
    DeveloperMetadataVisibility: { PROJECT: 'PROJECT', DOCUMENT: 'DOCUMENT' },
  });
  const store = (m: Map<string, string>) => ({
    getProperty: (k: string) => m.get(k) ?? null,
    setProperty: (k: string, v: string) => (m.set(k, v), undefined),
    deleteProperty: (k: string) => (m.delete(k), undefined),
    getKeys: () => [...m.keys()],
  });
  return {
    SpreadsheetApp,
    Session: { getActiveUserLocale: () => opts.locale ?? 'ja', getScriptTimeZone: () => opts.timeZone ?? 'Asia/Tokyo' },
    PropertiesService: {
      // null, as in an Editor add-on's time trigger, when the test says so
      getDocumentProperties: () => (opts.noDocumentProperties ? null : store(documentProps)),
      getUserProperties: () => store(userProps),
    },
    ScriptApp: { getProjectTriggers: () => [] },
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    dataCalls: () => [...calls].filter(([k]) => DATA_CALLS.has(k)).reduce((a, [, v]) => a + v, 0),
    reset: () => calls.clear(),
    sheets,
    documentProps,
    metadata,
  };
}

/** Installs the fake's services as globals (what the Apps Script adapters read); returns an undo. */
export function installGlobals(env: FakeEnv): () => void {
  const g = globalThis as Record<string, unknown>;
  const names = ['SpreadsheetApp', 'Session', 'PropertiesService', 'ScriptApp'] as const;
  const before = names.map((n) => g[n]);
  for (const n of names) g[n] = env[n];
  return () => names.forEach((n, i) => (before[i] === undefined ? delete g[n] : (g[n] = before[i])));
}

/** Fills a fake sheet with a header and rows in one go (not counted). */
export function seedSheet(env: FakeEnv, name: string, grid: unknown[][]): FakeSheetModel {
  const m = new FakeSheetModel(name);
  grid.forEach((row, r) => row.forEach((v, c) => (m.cell(r, c).value = v)));
  m.maxRows = Math.max(1000, grid.length);
  m.maxColumns = Math.max(26, ...grid.map((r) => r.length));
  env.sheets.set(name, m);
  return m;
}
