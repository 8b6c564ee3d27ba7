/**
 * Loads a workbook for the command line and the playground: a folder of CSV
 * files (one `<sheet name>.csv` per sheet) or an .xlsx file, into a
 * MemoryWorkbook. Node only; never part of the Apps Script bundle.
 *
 * CSV cells read through the port as the very text of the file (see
 * CsvCells): ids and names keep their identity, and a KPI column's reader
 * applies the contract's number rules. What Sheets would have typed them as
 * on import (typeCsvCell) is kept beside, for the playground's formulas.
 */
import { constants } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { KeyedError } from '../i18n/keyed-error';
import { localText, isLocalKey, type LocalKey } from '../i18n/local-messages';
import type { CellValue } from '../ports/workbook';
import {
  type ImportedText,
  isFormula,
  MemoryWorkbook,
  type MemoryWorkbookOptions,
  type StoredCell,
} from './memory-workbook';

export type WorkbookErrorCode =
  /** The path does not exist. */
  | 'not_found'
  /** The path is neither a folder nor an .xlsx file. */
  | 'unsupported'
  /** A file could not be read or decoded (permissions, encoding, a broken .xlsx). */
  | 'unreadable'
  /** A CSV file is not valid CSV; `line` says where. */
  | 'unparsable'
  /** A sheet's header row (row 1) is empty. */
  | 'empty_header'
  /** A CSV file longer than the longest text Node can hold (`bytes`, `max`). */
  | 'too_large'
  /** A folder without any CSV file, or an .xlsx without a worksheet. */
  | 'no_sheets';

/** A finer cause, each with its own message. */
export type WorkbookErrorReason =
  | 'single_csv'
  | 'xls'
  | 'duckdb_xlsx'
  | 'utf16'
  | 'encoding'
  | 'unclosed_quote'
  | 'closing_quote'
  | 'stray_quote'
  | 'no_csv'
  | 'no_worksheet';

export type WorkbookErrorParams = {
  /** The workbook path as given. */
  path: string;
  /** The file concerned (a CSV file of the folder, or the workbook path itself). */
  file?: string;
  /** The sheet concerned. */
  sheet?: string;
  /** 1-based line of a CSV file. */
  line?: number;
  /** The line where the quoted field in question opened. */
  opened?: number;
  /** What follows a closing quote, as JSON text. */
  after?: string;
  /** What the underlying reader said, in English. */
  detail?: string;
  /** A file's size and the most it may be, as people read numbers ("536,870,888"). */
  bytes?: string;
  max?: string;
};

/**
 * A workbook that cannot be loaded. `message` is English; `key` and
 * `params` give the same message in any language: `e.messageIn(lang)`.
 */
export class WorkbookError extends KeyedError<LocalKey> {
  readonly code: WorkbookErrorCode;
  readonly reason: WorkbookErrorReason | undefined;
  declare readonly params: WorkbookErrorParams & { file: string };

  constructor(code: WorkbookErrorCode, params: WorkbookErrorParams, reason?: WorkbookErrorReason) {
    const p = { ...params, file: params.file ?? params.path, detail: params.detail ?? '' };
    const key = `workbook.${code}${reason ? `.${reason}` : ''}`;
    super(isLocalKey(key) ? key : (`workbook.${code}` as LocalKey), p, 'en', localText);
    this.name = 'WorkbookError';
    this.code = code;
    this.reason = reason;
  }
}

export type LoadOptions = Omit<MemoryWorkbookOptions, 'id'>;

/**
 * Loads a CSV folder or an .xlsx file. Throws WorkbookError for anything a
 * person can fix. Async because the .xlsx reader is.
 */
export async function loadWorkbook(path: string, options: LoadOptions = {}): Promise<MemoryWorkbook> {
  const kind = workbookKind(path);
  return kind === 'csv-folder' ? loadCsvFolder(path, options) : loadXlsx(path, options);
}

/** What a path holds, or a WorkbookError ('not_found', 'unsupported'). */
export function workbookKind(path: string): 'csv-folder' | 'xlsx' {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookError('not_found', { path });
    throw new WorkbookError('unreadable', { path, detail: errorDetail(e) });
  }
  if (st.isDirectory()) return 'csv-folder';
  const ext = extname(path).toLowerCase();
  if (st.isFile() && ext === '.xlsx') return 'xlsx';
  throw new WorkbookError('unsupported', { path }, ext === '.csv' ? 'single_csv' : ext === '.xls' ? 'xls' : undefined);
}

// ---- CSV ------------------------------------------------------------------

/**
 * The file names of a workbook folder's sheets: those ending in one of `exts`
 * (lowercase, with the dot; in any case), not hidden (a dot-file), files (not
 * folders), in file-name order. A folder that cannot be listed is a
 * WorkbookError: 'not_found', 'unsupported' (not a folder), 'unreadable'.
 * The one listing of the CSV loader and of the DuckDB engine.
 */
export function sheetFiles(path: string, exts: readonly string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookError('not_found', { path });
    if (code === 'ENOTDIR') throw new WorkbookError('unsupported', { path });
    throw new WorkbookError('unreadable', { path, detail: errorDetail(e) });
  }
  return names
    .filter((n) => exts.includes(extname(n).toLowerCase()) && !n.startsWith('.'))
    .filter((n) => {
      try {
        return statSync(join(path, n)).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Loads a folder with one `<sheet name>.csv` per sheet, sheets in file-name
 * order; with `only`, just the sheets it accepts (the DuckDB engine leaves
 * Accounts and Snapshots in their files); with `into`, added to that
 * workbook (the DuckDB engine reads History after the tree's sheets).
 */
export function loadCsvFolder(
  path: string,
  options: LoadOptions = {},
  only?: (sheet: string) => boolean,
  into?: MemoryWorkbook,
): MemoryWorkbook {
  const files = sheetFiles(path, ['.csv']);
  if (files.length === 0) throw new WorkbookError('no_sheets', { path }, 'no_csv');

  const wb = into ?? new MemoryWorkbook({ ...options, id: path });
  for (const file of files) {
    const full = join(path, file);
    const sheet = csvSheetName(file);
    if (only && !only(sheet)) continue;
    let bytes: Uint8Array;
    try {
      checkCsvSize(statSync(full).size, { path, file: full, sheet });
      bytes = readFileSync(full);
    } catch (e) {
      if (e instanceof WorkbookError) throw e;
      throw new WorkbookError('unreadable', { path, file: full, sheet, detail: errorDetail(e) });
    }
    const text = decodeCsvBytes(bytes, { path, file: full, sheet });
    const grid = parseCsv(text, { path, file: full, sheet });
    checkHeader(grid, { path, file: full, sheet });
    wb.addSheet(sheet, grid, false);
  }
  return wb;
}

/** The sheet a file of a workbook folder holds: its name without the extension; macOS writes names decomposed (NFD), a sheet name is compared composed. */
export function csvSheetName(file: string): string {
  return basename(file, extname(file)).normalize('NFC');
}

/** The first row of a file's grid as the loader checks it: a header row of blanks is an 'empty_header' error. */
export function checkHeader(grid: StoredCell[][], where: WorkbookErrorParams & { file: string; sheet: string }): void {
  const header = grid[0] ?? [];
  if (!header.some((c) => c !== null && String(c).trim() !== '')) throw new WorkbookError('empty_header', where);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** The longest text Node can hold (536,870,888 characters in Node 20): the most bytes one CSV file may have. */
export const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/**
 * A CSV file whose text could not be made (a UTF-8 byte is at most one
 * character) is refused as too large, before it is read, rather than as an
 * encoding it does not have.
 */
function checkCsvSize(size: number, where: WorkbookErrorParams): void {
  if (size > MAX_STRING_LENGTH) {
    throw new WorkbookError('too_large', {
      ...where,
      bytes: size.toLocaleString('en-US'),
      max: MAX_STRING_LENGTH.toLocaleString('en-US'),
    });
  }
}

/** The encodings a CSV file may have, tried in this order (the first that decodes every byte). */
export const CSV_ENCODINGS = ['utf-8', 'shift_jis'] as const;

/**
 * Where a CSV file's text starts (after a UTF-8 BOM); a UTF-16 file (its
 * BOM) is refused: an 'unreadable' error whose message says to save it as
 * UTF-8 or Shift_JIS.
 */
export function csvTextStart(bytes: Uint8Array, where: WorkbookErrorParams): number {
  if (bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b)) return 3;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    throw new WorkbookError('unreadable', where, 'utf16');
  return 0;
}

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
 * Shift_JIS as WHATWG defines it (which is CP932 / Windows-31J: NEC and IBM
 * extensions such as ① and ㈱ included).
 */
export function decodeCsvBytes(bytes: Uint8Array, where: WorkbookErrorParams = { path: '' }): string {
  checkCsvSize(bytes.length, where);
  bytes = bytes.subarray(csvTextStart(bytes, where));
  for (const encoding of CSV_ENCODINGS) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding: try the next
    }
  }
  throw new WorkbookError('unreadable', where, 'encoding');
}

/**
 * Parses CSV text into a grid (row 0 is the header row, kept as text).
 * Records end at CRLF, LF or CR, mixed in one file as they may be. A file
 * that cannot be read whole is a WorkbookError naming its line, never a
 * shorter table: see checkQuotes for the one relaxation, a quote inside an
 * unquoted field (`27" monitor`), which is kept as a character.
 */
export function parseCsv(text: string, where: WorkbookErrorParams = { path: '' }): StoredCell[][] {
  checkQuotes(text, where);
  const cells = new CsvCells();
  let first = true;
  try {
    // Each record becomes cells as it is parsed, so the parser's strings die young.
    // A trailing newline gives no record; a file of blank lines gives [''] records.
    return parse(text, {
      relax_column_count: true,
      // Safe after checkQuotes: only a quote inside an unquoted field is left to relax.
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      // csv-parse's typings want a record of strings back; a record of cells is what it passes on.
      on_record: ((record: string[]) => {
        if (first) {
          first = false;
          return record.map(headerCell);
        }
        const out: StoredCell[] = new Array(record.length);
        for (let i = 0; i < record.length; i++) out[i] = cells.cell(record[i]);
        return out;
      }) as unknown as (record: string[]) => string[],
    }) as unknown as StoredCell[][];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    const detail = String(err.message ?? e).replace(/\s+/g, ' ');
    throw new WorkbookError('unparsable', { ...where, line: err.lines ?? 1, detail });
  }
}

/** First characters after which Sheets may type a text (spaces, digits, + - . =, t/f of TRUE/FALSE). */
const MAY_TYPE: boolean[] = [];
for (const ch of ' \t\n\r\v\f0123456789+-.=tTfF') MAY_TYPE[ch.charCodeAt(0)] = true;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 quoting, checked in one pass before parsing: a field that starts
 * with a quote runs to the quote that is followed by a comma, a line end or
 * the end of the file ("" inside it is one quote). Two mistakes are errors
 * naming the line, because any reading of them moves text between rows:
 * a quoted field never closed, and one closed by a quote followed by
 * anything else (`"abc"def`, or a stray quote that swallowed the rows down
 * to the next quote). A quote inside an unquoted field is a character.
 */
function checkQuotes(text: string, where: WorkbookErrorParams): void {
  const check = new QuoteCheck(where);
  check.feed(text);
  check.end();
}

/** Characters the check looks past the one it reads: a line end's LF, a quote's next quote, `after`'s ten. */
const LOOKAHEAD = 16;

/**
 * checkQuotes over text given in pieces (a file too large to be one string,
 * read by DuckDB: src/local/duckdb-warehouse.ts), the same rule in one
 * piece of code: the pieces are read with the next ones' first characters
 * in view, so a file gives the same verdict whole or in pieces.
 */
export class QuoteCheck {
  private line = 1;
  private fieldStart = true;
  private quoted = false;
  private openedOn = 0;
  private rest = '';
  /** Whether a line ends in a lone CR (outside quotes or in). */
  bareCr = false;
  /** Whether a quoted field holds a line end (a cell of two lines). */
  quotedLineEnd = false;
  /** Where the first record (the header row) ends: the offset of its line end in the whole text, null before one is read. */
  firstRecordEnd: number | null = null;
  /** Characters read before the current piece's. */
  private consumed = 0;

  /**
   * With `out`, the text read is also given back, in order, with every lone
   * CR that ends a record (outside quotes) written as LF: the file as a
   * reader that knows only LF and CRLF reads it (a CR inside quotes is the
   * cell's own).
   */
  constructor(
    private readonly where: WorkbookErrorParams,
    private readonly out?: (text: string) => void,
  ) {}

  feed(piece: string): void {
    const text = this.rest + piece;
    const read = this.scan(text, Math.max(0, text.length - LOOKAHEAD));
    this.consumed += read;
    this.rest = text.slice(read);
  }

  end(): void {
    this.consumed += this.scan(this.rest, this.rest.length);
    this.rest = '';
    if (this.quoted) throw new WorkbookError('unparsable', { ...this.where, line: this.openedOn }, 'unclosed_quote');
  }

  /** Reads text[0 .. stop) (each character with what follows it in view); returns where it stopped. */
  private scan(text: string, stop: number): number {
    const n = text.length;
    let i = 0;
    let given = 0;
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        if (this.quoted) this.quotedLineEnd = true;
        else if (this.firstRecordEnd === null) this.firstRecordEnd = this.consumed + i;
        if (c === CR) {
          this.bareCr = true;
          if (this.out && !this.quoted) {
            this.out(`${text.slice(given, i)}\n`);
            given = i + 1;
          }
        }
        this.line++;
        if (!this.quoted) this.fieldStart = true;
        continue;
      }
      if (this.quoted) {
        if (c !== QUOTE) continue;
        if (text.charCodeAt(i + 1) === QUOTE) {
          i++;
          continue;
        }
        this.quoted = false;
        this.fieldStart = false;
        const next = text.charCodeAt(i + 1);
        if (i + 1 < n && next !== COMMA && next !== LF && next !== CR) {
          const after = JSON.stringify(text.slice(i + 1, i + 11).split(/[\r\n]/)[0]);
          throw new WorkbookError(
            'unparsable',
            { ...this.where, line: this.line, opened: this.openedOn, after },
            this.openedOn === this.line ? 'closing_quote' : 'stray_quote',
          );
        }
        continue;
      }
      if (c === COMMA) this.fieldStart = true;
      else if (c === QUOTE && this.fieldStart) {
        this.quoted = true;
        this.openedOn = this.line;
      } else this.fieldStart = false;
    }
    if (this.out) this.out(text.slice(given, i));
    return i;
  }
}

function headerCell(field: string): StoredCell {
  return field === '' ? null : field;
}

/**
 * The cells of one CSV file, as the workbook port gives them: every cell
 * reads back as exactly the text the file has, so ids and names keep their
 * identity (`1.10` is not `1.1`; `80%`, `1,234`, `0.10`, `true`,
 * `2027/4/5`, `'=x` stay text):
 * - empty or only spaces → null (a blank);
 * - `=...` → a formula (the playground computes it);
 * - a number written as JavaScript writes it (`12`, `-3.5`, `0.25`) → that
 *   number, whose text is the same;
 * - any other text → the text. Where Sheets would import it as another value
 *   (see typeCsvCell) it is an ImportedText: the port still reads the text,
 *   and a KPI column reads it as a number by the contract's rules
 *   (core/table.ts numberFromCell: `80%` → 0.8, TRUE → 1); the playground's
 *   formulas read the imported value.
 * Repeated texts share one ImportedText (a churned column of a million
 * TRUE/FALSE costs two objects).
 */
export class CsvCells {
  private readonly shared = new Map<string, ImportedText>();
  /** Results for short repeated texts (months, plans, TRUE/FALSE, percentages), up to a bound. */
  private readonly seen = new Map<string, StoredCell>();

  cell(field: string): StoredCell {
    if (field === '') return null;
    const c = field.charCodeAt(0);
    // Most cells: a number spelt as JavaScript spells it, or a text Sheets could not type.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
      const n = Number(field);
      if (Number.isFinite(n) && String(n) === field) return n;
    } else if (!MAY_TYPE[c] && !(c > 0x7f && /^\s/.test(field))) return field;
    let cell = this.seen.get(field);
    if (cell === undefined) {
      cell = this.typed(field);
      if (field.length <= 32 && this.seen.size < 100_000) this.seen.set(field, cell);
    }
    return cell;
  }

  private typed(field: string): StoredCell {
    const imported = typeCsvCell(field);
    if (imported === null || isFormula(imported) || imported === field) return imported;
    if (typeof imported === 'number' && String(imported) === field) return imported;
    let cell = this.shared.get(field);
    if (!cell) {
      cell = Object.freeze({ text: field, imported: imported as CellValue });
      this.shared.set(field, cell);
    }
    return cell;
  }
}

const DECIMAL = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * A number written plainly, or null. "00123", "A0001" and whole numbers of
 * more than 15 digits (ids, card numbers) are not numbers; "1,234" is.
 */
export function parsePlainNumber(text: string): number | null {
  let t = text;
  if (GROUPED.test(t)) t = t.replace(/,/g, '');
  else if (!DECIMAL.test(t)) return null;
  // More digits than a double keeps: an id or a code, not a quantity.
  if ((t.replace(/[eE].*$/, '').match(/\d/g) ?? []).length > 15 && !/[.eE]/.test(t)) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

/**
 * The value Sheets would give one CSV data cell on import (the playground's
 * formulas read it; the workbook port reads the text, see CsvCells):
 * - empty or only spaces → null (a blank);
 * - TRUE / FALSE, any case → boolean;
 * - a plain decimal number → number: `12`, `-3.5`, `.5`, `1e3`, `1,234,567.8`
 *   (comma groups of three only); a whole number with a leading zero
 *   (`00123`, `0123`) or more than 15 digits stays text, as do ids like
 *   `A0001`, `1.2.3`, `0x1F`;
 * - such a number followed by `%` → the fraction (`80%` → 0.8);
 * - a date `yyyy-mm-dd` or `yyyy/m/d`, with an optional time `h:mm[:ss]` →
 *   ISO text as the port gives dates (`2027-04-05`, `2027-04-05T09:30:00`);
 *   a month `yyyy-mm` stays as it is;
 * - `=...` → a formula;
 * - anything else → the text, untouched (spaces kept).
 */
export function typeCsvCell(field: string): StoredCell {
  const t = field.trim();
  if (t === '') return null;
  if (t.startsWith('=') && t.length > 1) return { formula: t };
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  const n = parsePlainNumber(t);
  if (n !== null) return n;
  if (t.endsWith('%')) {
    const body = t.slice(0, -1).trim();
    const p = parsePlainNumber(body);
    if (p !== null) {
      // "14.3e-2" rounds once, where 14.3 / 100 would round twice.
      const v = Number(`${body.replace(/,/g, '')}e-2`);
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : p / 100;
    }
  }
  const date = isoDateText(t);
  if (date !== null) return date;
  return field;
}

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** ISO text of a written date (and time), or null when the text is not a valid one. */
export function isoDateText(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // The separators must agree: 2027-04/05 is not a date.
  if (text[4] !== text[5 + mo.length]) return null;
  const date = `${y}-${pad2(month)}-${pad2(day)}`;
  if (h === undefined) return date;
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (hour === 0 && minute === 0 && second === 0) return date;
  return `${date}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---- XLSX -----------------------------------------------------------------

/**
 * Loads an .xlsx file with exceljs: every worksheet, in workbook order.
 * Numbers, booleans and text as they are; rich text and hyperlinks as their
 * text; error cells as their text ("#N/A"); dates as ISO text; formulas as
 * `{ formula, cached }` with the value Excel stored. A worksheet with no
 * cell at all is kept as an empty sheet; one with cells but an empty row 1
 * is an 'empty_header' error.
 */
export async function loadXlsx(path: string, options: LoadOptions = {}): Promise<MemoryWorkbook> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookError('not_found', { path });
    throw new WorkbookError('unreadable', { path, detail: errorDetail(e) });
  }
  // Loaded on demand (it is large). A real dynamic import of this CommonJS
  // package (the bundled CLI) puts it under `default`; ts-jest's require has both.
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const book = new ExcelJS.Workbook();
  let renamed: Map<string, string>;
  try {
    const prepared = renameReservedSheets(bytes);
    renamed = prepared.renamed;
    // exceljs' typings want its own Buffer type; a Node Buffer is what it reads.
    await book.xlsx.load(prepared.bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  } catch (e) {
    throw new WorkbookError('unreadable', { path, detail: errorDetail(e) });
  }
  if (book.worksheets.length === 0) throw new WorkbookError('no_sheets', { path }, 'no_worksheet');
  const wb = new MemoryWorkbook({ ...options, id: path });
  for (const ws of book.worksheets) {
    const name = renamed.get(ws.name) ?? ws.name;
    const grid: StoredCell[][] = [];
    let any = false;
    // exceljs' columnCount walks every row: read once, not per cell (that made
    // loading quadratic: the sample as .xlsx took minutes).
    const height = ws.rowCount;
    const width = ws.columnCount;
    for (let r = 1; r <= height; r++) {
      const row = ws.findRow(r);
      const out: StoredCell[] = [];
      if (row) {
        const last = Math.min(width, row.cellCount);
        for (let c = 1; c <= last; c++) {
          const v = xlsxCell(row.getCell(c) as unknown as XlsxCellLike);
          if (v !== null) any = true;
          out.push(v);
        }
      }
      grid.push(out);
    }
    if (any && !(grid[0] ?? []).some((c) => c !== null && (typeof c !== 'string' || c.trim() !== ''))) {
      throw new WorkbookError('empty_header', { path, sheet: name });
    }
    wb.addSheet(name, grid, false);
  }
  return wb;
}

/**
 * exceljs refuses to load a worksheet named "History" (a name Excel
 * reserves), yet History is KPI Lamp's default sheet and Google Sheets
 * exports it as it is. Such sheets are renamed in the package's
 * xl/workbook.xml before loading; the map gives their real names back.
 */
export function renameReservedSheets(bytes: Uint8Array): { bytes: Uint8Array; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  const BOOK = 'xl/workbook.xml';
  const head = unzipSync(bytes, { filter: (f) => f.name === BOOK });
  const xml = head[BOOK] ? strFromU8(head[BOOK]) : undefined;
  const reserved = /(<(?:\w+:)?sheet\b[^>]*?\bname=)(["'])History\2/;
  if (!xml || !reserved.test(xml)) return { bytes, renamed };
  const names = new Set(
    [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname=(["'])(.*?)\1/g)].map((m) => m[2].toLowerCase()),
  );
  let placeholder = 'KPI Lamp History';
  for (let i = 2; names.has(placeholder.toLowerCase()); i++) placeholder = `KPI Lamp History ${i}`;
  renamed.set(placeholder, 'History');
  const files = unzipSync(bytes);
  files[BOOK] = strToU8(xml.replace(reserved, `$1$2${placeholder}$2`));
  return { bytes: zipSync(files), renamed };
}

interface XlsxCellLike {
  type: number;
  value: unknown;
  formula?: string;
  result?: unknown;
  isMerged?: boolean;
  master?: unknown;
}

// exceljs ValueType
const X_NULL = 0;
const X_MERGE = 1;
const X_FORMULA = 6;

function xlsxCell(cell: XlsxCellLike): StoredCell {
  if (cell.type === X_NULL || cell.type === X_MERGE) return null;
  if (cell.type === X_FORMULA) {
    const f = cell.formula;
    const cached = xlsxValue(cell.result);
    if (!f) return cached; // an array formula's follower cell: just its value
    const formula: StoredCell = { formula: `=${f}` };
    if (cell.result !== undefined) formula.cached = cached;
    return formula;
  }
  return xlsxValue(cell.value);
}

/** A plain value from exceljs: Date → ISO text, rich text → text, error → its text. */
export function xlsxValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return isoFromXlsxDate(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return xlsxValue(o.text);
    if ('result' in o) return xlsxValue(o.result);
  }
  return String(v);
}

/**
 * exceljs gives a date cell as the Date whose UTC fields are the cell's
 * wall-clock fields (a workbook date has no zone). Rounded to the second,
 * since Excel stores times as fractions of a day.
 */
function isoFromXlsxDate(d: Date): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const t = new Date(Math.round(ms / 1000) * 1000);
  const date = `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  const s = t.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date}T${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

function errorDetail(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'EISDIR') return 'is a folder';
  const msg = err && typeof err.message === 'string' ? err.message : String(e);
  return msg.split('\n')[0];
}
