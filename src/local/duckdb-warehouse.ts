/**
 * A workbook folder read by embedded DuckDB (`--engine duckdb`): the big
 * sheets (Accounts, Snapshots) stay in their files, as DuckDB views, and
 * only the small ones (the tree's sheets, History) are read by the CSV
 * loader into a MemoryWorkbook, as the TypeScript path reads them.
 *
 * A sheet is `<sheet name>.csv` or `<sheet name>.parquet` (the Parquet file
 * is read when both exist). A CSV file goes through the loader's own rules
 * before DuckDB sees it, in streaming readings that never hold the file as
 * one string (readCsvText: a UTF-8 file read once; a Shift_JIS file as UTF-8
 * up to its first piece that is not, then once as Shift_JIS, copied as it is
 * checked): its encoding (UTF-8 with or without BOM, else Shift_JIS/CP932,
 * a UTF-16 file refused: load-workbook.ts csvTextStart, CSV_ENCODINGS), its
 * quoting (QuoteCheck, the loader's checkQuotes in pieces), its header row
 * (parseCsv, checkHeader; the header texts as MemoryWorkbook.headerRow gives
 * them). A Shift_JIS file, or one whose lines end in a lone CR (which
 * DuckDB's reader does not take as a line end), is copied as UTF-8 with LF
 * line ends to a temporary folder, removed by close(). DuckDB then reads
 * every cell as text (all_varchar), so src/sql/cells.ts converts it exactly
 * as the TypeScript reader does. A Parquet file keeps its types.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import type {
  AsyncWarehouse,
  CompiledQuery,
  ResultRow,
  SourceColumn,
  SourceColumnType,
  SourceTable,
  SqlParamType,
} from '../ports/warehouse';
import type { Table } from '../core/table';
import type { Workbook } from '../ports/workbook';
import {
  CSV_ENCODINGS,
  checkHeader,
  csvSheetName,
  csvTextStart,
  loadCsvFolder,
  type LoadOptions,
  parseCsv,
  QuoteCheck,
  sheetFiles,
  WorkbookError,
  type WorkbookErrorParams,
  workbookKind,
} from './load-workbook';
import { MemoryWorkbook } from './memory-workbook';

/** How the engine quotes an identifier (src/sql/dialects.ts DUCKDB.ident, given by the caller: one rule, one place). */
export type QuoteIdent = (name: string) => string;

const PARAM_TYPES: Record<SqlParamType, DuckDBType> = {
  STRING: VARCHAR,
  FLOAT64: DOUBLE,
  INT64: BIGINT,
  BOOL: BOOLEAN,
};
const CHUNK = 1 << 20;
/** The piece a header-only read takes at a time: a header row is short, and what follows it is not read. */
const HEAD_CHUNK = 1 << 16;

interface SheetFile {
  sheet: string;
  file: string;
  kind: 'csv' | 'parquet';
}

type Where = WorkbookErrorParams & { file: string; sheet: string };

/**
 * A CSV file's header row from the start of its text (`prefix`, fed to
 * `check`): the first record, cut at its line end as QuoteCheck found it,
 * parsed by the loader (raw), and its texts as MemoryWorkbook.headerRow gives
 * them (header).
 */
function headerOf(prefix: string, check: QuoteCheck, f: SheetFile, where: Where): { raw: unknown[]; header: string[] } {
  const end = check.firstRecordEnd === null ? prefix.length : check.firstRecordEnd + 1;
  const grid = parseCsv(prefix.slice(0, end), where);
  checkHeader(grid, where);
  const book = new MemoryWorkbook();
  book.addSheet(f.sheet, [grid[0] ?? []], false);
  return { raw: grid[0] ?? [], header: book.headerRow(f.sheet) ?? [] };
}

/** Where a CSV file's text starts (after a UTF-8 BOM; a UTF-16 file refused: csvTextStart). */
function textStart(fd: number, where: Where): number {
  const head = Buffer.alloc(4);
  return csvTextStart(head.subarray(0, readSync(fd, head, 0, 4, 0)), where);
}

/**
 * One reading of a CSV file's text from `start` as `encoding`, in pieces of
 * `chunk` bytes, through QuoteCheck (the loader's quotes; with `out`, the
 * text given back as UTF-8 with LF record ends: the copy, written as it is
 * checked). Keeps the text's start, which holds the header row. `headOnly`:
 * stops at the first record's end. Null when the bytes read are not of the
 * encoding.
 */
function readCsvText(
  fd: number,
  start: number,
  encoding: string,
  where: Where,
  chunk: number,
  o: { headOnly?: boolean; out?: (text: string) => void } = {},
): { check: QuoteCheck; prefix: string } | null {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const check = new QuoteCheck(where, o.out);
  const buf = Buffer.alloc(chunk);
  let prefix = '';
  try {
    for (let pos = start, n = readSync(fd, buf, 0, chunk, pos); n > 0; pos += n, n = readSync(fd, buf, 0, chunk, pos)) {
      const text = decoder.decode(buf.subarray(0, n), { stream: true });
      if (prefix.length < CHUNK) prefix += text;
      check.feed(text);
      if (o.headOnly && check.firstRecordEnd !== null) return { check, prefix };
    }
    const last = decoder.decode();
    prefix += last;
    check.feed(last);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    return null;
  }
  check.end();
  return { check, prefix };
}

/** A CSV header's columns as the view names them: each non-empty text once (the first such column), read as text. */
function firstColumns(header: readonly string[]): number[] {
  return header.flatMap((h, i) => (h === '' || header.indexOf(h) < i ? [] : [i]));
}

/**
 * A plain decimal number (`12`, `-3.50`, `007`, `0.0000001`) of at most 15
 * significant digits: the CSV reader reads such a cell as Number(text),
 * whether it takes it as a number spelt as JavaScript spells it
 * (load-workbook.ts CsvCells) or as numeric text (core/table.ts
 * parseNumberText rounds to 15 digits, which gives the same double back),
 * and DuckDB's cast to DOUBLE is correctly rounded: the same double.
 */
const PLAIN_NUMBER = '-?[0-9]+(\\.[0-9]+)?';

/** A month as `yyyy-mm` (01 to 12), read as that month by core/table.ts monthKey and as the first of it by DuckDB. */
const PLAIN_MONTH = '[0-9]{4}-(0[1-9]|1[0-2])';

/** A value of a result row as the compiled queries' readers expect: BIGINT, HUGEINT and DECIMAL as numbers, dates as ISO text. */
export function resultValue(v: unknown): ResultRow[string] {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** DuckDB's type of a Parquet column → how the compiler reads it, and the view's expression for it. */
function parquetColumn(type: string, e: string): { type: SourceColumnType; expr: string } {
  const t = type.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(
      t,
    )
  )
    return { type: 'number', expr: `CAST(${e} AS DOUBLE)` };
  if (t === 'BOOLEAN') return { type: 'boolean', expr: e };
  if (t === 'DATE') return { type: 'date', expr: e };
  if (t.startsWith('TIMESTAMP WITH TIME ZONE')) return { type: 'timestamp', expr: e };
  // A timestamp without a zone is a wall-clock time, as a sheet's date is: read as its ISO text (midnight: the date).
  if (t.startsWith('TIMESTAMP'))
    return {
      type: 'text',
      expr: `CASE WHEN CAST(${e} AS TIME) = TIME '00:00:00' THEN strftime(${e}, '%Y-%m-%d') ELSE strftime(${e}, '%Y-%m-%dT%H:%M:%S') END`,
    };
  return { type: 'text', expr: `CAST(${e} AS VARCHAR)` };
}

/**
 * A workbook folder open on DuckDB. `smallBook` reads the sheets the
 * TypeScript path reads whole (through the CSV loader); `table` makes a view
 * of a big one; `headers` answers the binding check (server/bindings.ts)
 * over both, so a missing sheet or a misspelt column gets the diagnosis the
 * TypeScript path gives. close() ends DuckDB and removes the temporary copies.
 */
export class DuckFolder implements AsyncWarehouse {
  private readonly views = new Map<string, SourceTable>();
  private readonly headerRows = new Map<string, string[]>();
  /** The file of the folder each path DuckDB reads stands for (our links and copies), for its messages. */
  private readonly readAs = new Map<string, string>();
  private tmp: string | null = null;
  private serial = 0;

  private constructor(
    readonly path: string,
    private readonly options: LoadOptions,
    private readonly files: Map<string, SheetFile>,
    private readonly ident: QuoteIdent,
    private readonly tempParent: string,
    private db: DuckDBInstance,
    private conn: DuckDBConnection,
  ) {}

  /**
   * Opens a folder (an .xlsx file is refused: DuckDB reads files of one
   * sheet each). Temporary copies go to a folder made in `tempParent`
   * (default: the system's).
   */
  static async open(
    path: string,
    options: LoadOptions,
    ident: QuoteIdent,
    tempParent: string = tmpdir(),
  ): Promise<DuckFolder> {
    if (workbookKind(path) !== 'csv-folder') throw new WorkbookError('unsupported', { path }, 'duckdb_xlsx');
    const files = new Map<string, SheetFile>();
    for (const n of sheetFiles(path, ['.csv', '.parquet'])) {
      const ext = extname(n).toLowerCase();
      const file = join(path, n);
      const sheet = csvSheetName(n);
      if (ext === '.csv' && files.get(sheet)?.kind === 'parquet') continue;
      files.set(sheet, { sheet, file, kind: ext === '.csv' ? 'csv' : 'parquet' });
    }
    if (files.size === 0) throw new WorkbookError('no_sheets', { path }, 'no_csv');
    const db = await DuckDBInstance.create(':memory:');
    return new DuckFolder(path, options, files, ident, tempParent, db, await db.connect());
  }

  /** Every sheet's name (CSV or Parquet), in file-name order. */
  sheetNames(): string[] {
    return [...this.files.keys()];
  }

  /** The CSV sheets `only` accepts, read whole by the loader (the tree's sheets, History); with `into`, added to that book. */
  smallBook(only: (sheet: string) => boolean, into?: MemoryWorkbook): MemoryWorkbook {
    const csv = [...this.files.values()].filter((f) => f.kind === 'csv' && only(f.sheet));
    const book = into ?? new MemoryWorkbook({ ...this.options, id: this.path });
    if (csv.length === 0) return book;
    return loadCsvFolder(this.path, this.options, (s) => only(s) && this.files.get(s)?.kind === 'csv', book);
  }

  /** Header rows: of the views made (the big sheets) or read by `header`, else of `small` (read by the loader). */
  headers(small: Pick<Workbook, 'headerRow'>): Pick<Workbook, 'sheetNames' | 'headerRow'> {
    return {
      sheetNames: () => this.sheetNames(),
      headerRow: (sheet) => {
        if (!this.files.has(sheet)) return null;
        return this.headerRows.get(sheet) ?? small.headerRow(sheet);
      },
    };
  }

  /**
   * A sheet's header row read alone, null when the folder has no such sheet:
   * of a CSV file, its text up to the first record's end (the encoding, the
   * quotes and the header checked as the loader checks them, the rest of the
   * file not read); of a Parquet file, DuckDB's DESCRIBE (its metadata).
   * `headers` answers with it until `table` reads the whole file. For the
   * binding check before the full read, and for a schema without the data.
   */
  async header(sheet: string): Promise<string[] | null> {
    return (await this.head(sheet))?.header ?? null;
  }

  /**
   * A sheet's columns from its header alone (see `header`), null when the
   * folder has no such sheet: a CSV file's as text (what `table` gives with
   * no column typed), a Parquet file's with their types.
   */
  async columns(sheet: string): Promise<SourceColumn[] | null> {
    return (await this.head(sheet))?.columns ?? null;
  }

  private async head(sheet: string): Promise<{ header: string[]; columns: SourceColumn[] } | null> {
    const f = this.files.get(sheet);
    if (!f) return null;
    let out: { header: string[]; columns: SourceColumn[] };
    if (f.kind === 'csv') {
      const { header } = this.csvHead(f);
      out = { header, columns: firstColumns(header).map((i) => ({ name: header[i], type: 'text' })) };
    } else {
      const p = await this.parquetColumns(f, `read_parquet('${this.linked(f.file, `s${this.serial++}.parquet`)}')`);
      out = { header: p.header, columns: p.columns };
    }
    if (!this.views.has(sheet)) this.headerRows.set(sheet, out.header);
    return out;
  }

  /**
   * The view of a sheet as a source table, null when the folder has no such
   * sheet. `numbers`: the CSV columns read only as numbers (never as an id, a
   * name, a plan, a month); each whose every cell is a plain number
   * (PLAIN_NUMBER) or TRUE/FALSE is typed so (plainCells), and the queries
   * need not convert its text. `months`: the columns read only as months,
   * typed a date where every cell is `yyyy-mm`.
   */
  async table(
    sheet: string,
    numbers: readonly string[] = [],
    months: readonly string[] = [],
  ): Promise<SourceTable | null> {
    const known = this.views.get(sheet);
    if (known) return known;
    const f = this.files.get(sheet);
    if (!f) return null;
    const view = `sheet${this.views.size}`;
    const source = this.linked(f.file, `s${this.serial++}${f.kind === 'csv' ? '.csv' : '.parquet'}`);
    const columns: SourceColumn[] = [];
    const items: string[] = [];
    let from: string;
    if (f.kind === 'csv') {
      const csv = this.prepareCsv(f);
      const file = csv.copy ?? source;
      this.readAs.set(file.replace(/''/g, "'"), f.file);
      const names = csv.raw.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
      // DuckDB's parallel reader cannot pad short rows of a file whose quoted cells hold line ends: one thread then.
      const parallel = csv.quotedLineEnd ? ', parallel = false' : '';
      from = `read_csv('${file}', auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', null_padding = true, strict_mode = false, all_varchar = true${parallel}, columns = {${names}})`;
      const first = firstColumns(csv.header);
      const wanted = new Set(numbers.map((n) => n.trim()));
      const monthly = new Set(months.map((n) => n.trim()).filter((n) => !wanted.has(n)));
      const typed = await this.plainCells(
        from,
        first.filter((i) => wanted.has(csv.header[i])),
        first.filter((i) => monthly.has(csv.header[i])),
      );
      for (const i of first) {
        const h = csv.header[i];
        const c = this.ident(`c${i}`);
        const type = typed.get(i) ?? 'text';
        columns.push({ name: h, type });
        const expr =
          type === 'number'
            ? `CAST(${c} AS DOUBLE)`
            : type === 'boolean'
              ? `upper(${c}) = 'TRUE'`
              : type === 'date'
                ? `CAST(${c} || '-01' AS DATE)`
                : c;
        items.push(`${expr} AS ${this.ident(h)}`);
      }
      this.headerRows.set(sheet, csv.header);
    } else {
      from = `read_parquet('${source}')`;
      const p = await this.parquetColumns(f, from);
      for (const c of p.columns) columns.push(c);
      for (const item of p.items) items.push(item);
      this.headerRows.set(sheet, p.header);
    }
    const select = items.length ? items.join(', ') : 'NULL AS "(none)"';
    await this.conn.run(`CREATE VIEW ${this.ident(view)} AS SELECT ${select} FROM ${from}`);
    const table: SourceTable = { label: f.file, path: [view], columns };
    this.views.set(sheet, table);
    return table;
  }

  /** A Parquet file's header, columns (typed) and the view's expressions for them, from DuckDB's DESCRIBE of `from`. */
  private async parquetColumns(
    f: SheetFile,
    from: string,
  ): Promise<{ header: string[]; columns: SourceColumn[]; items: string[] }> {
    const described = await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`).catch((e) => {
      throw this.unreadable(f, e);
    });
    const header: string[] = [];
    const columns: SourceColumn[] = [];
    const items: string[] = [];
    for (const r of described.getRowObjectsJS()) {
      const name = String(r.column_name);
      const h = name.trim();
      header.push(h);
      if (h === '' || columns.some((c) => c.name === h)) continue;
      const c = parquetColumn(String(r.column_type), this.ident(name));
      columns.push({ name: h, type: c.type });
      items.push(`${c.expr} AS ${this.ident(h)}`);
    }
    return { header, columns, items };
  }

  /** A file DuckDB cannot read as Parquet: the loader's 'unreadable', naming it, not a crash. */
  private unreadable(f: SheetFile, e: unknown): WorkbookError {
    return new WorkbookError('unreadable', {
      path: this.path,
      file: f.file,
      sheet: f.sheet,
      detail: String((e as Error).message ?? e).split('\n')[0],
    });
  }

  /**
   * Of these columns (by index), in one scan: of `numbers`, those whose every
   * non-blank cell is a PLAIN_NUMBER (a number), else TRUE or FALSE in any
   * case (a boolean: the reader takes them as 1 and 0, as cells.ts takes a
   * boolean); of `months`, those whose every non-blank cell is `yyyy-mm`
   * (month 01 to 12: the month core/table.ts monthKey reads), typed a date,
   * the first of that month.
   */
  private async plainCells(
    from: string,
    numbers: number[],
    months: number[],
  ): Promise<Map<number, 'number' | 'boolean' | 'date'>> {
    const out = new Map<number, 'number' | 'boolean' | 'date'>();
    if (numbers.length === 0 && months.length === 0) return out;
    const items = numbers.flatMap((i) => {
      const c = this.ident(`c${i}`);
      return [
        `bool_and(${c} IS NULL OR (regexp_full_match(${c}, '${PLAIN_NUMBER}') AND length(trim(replace(replace(${c}, '-', ''), '.', ''), '0')) <= 15)) AS ${this.ident(`n${i}`)}`,
        `bool_and(${c} IS NULL OR upper(${c}) IN ('TRUE', 'FALSE')) AS ${this.ident(`b${i}`)}`,
      ];
    });
    for (const i of months) {
      const c = this.ident(`c${i}`);
      items.push(`bool_and(${c} IS NULL OR regexp_full_match(${c}, '${PLAIN_MONTH}')) AS ${this.ident(`m${i}`)}`);
    }
    const row = (await this.conn.runAndReadAll(`SELECT ${items.join(', ')} FROM ${from}`)).getRowObjectsJS()[0] ?? {};
    for (const i of numbers) {
      if (row[`n${i}`] !== false) out.set(i, 'number');
      else if (row[`b${i}`] !== false) out.set(i, 'boolean');
    }
    for (const i of months) if (row[`m${i}`] !== false) out.set(i, 'date');
    return out;
  }

  async run(q: CompiledQuery): Promise<ResultRow[]> {
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    for (const p of q.params) {
      values[p.name] = p.value;
      types[p.name] = PARAM_TYPES[p.type];
    }
    let reader: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;
    try {
      reader = await this.conn.runAndReadAll(q.sql, values, types);
    } catch (e) {
      const message = (e as Error).message ?? '';
      // Out of memory or of threads: once more on one thread, which needs the least.
      if (!/out of memory|thread|failed to allocate/i.test(message)) throw this.inputError(e);
      await this.conn.run('SET threads = 1');
      reader = await this.conn.runAndReadAll(q.sql, values, types).catch((e2) => {
        throw this.inputError(e2);
      });
    }
    return reader.getRowObjectsJS().map((o) => {
      const row: ResultRow = {};
      for (const k of Object.keys(o)) row[k] = resultValue(o[k]);
      return row;
    });
  }

  /**
   * A small sheet kept as a Parquet file (History), read whole as a Table, as
   * the loader reads a CSV one: numbers, booleans and text as they are,
   * dates as ISO text. Null when the sheet is not a Parquet file.
   */
  async parquetSheet(sheet: string): Promise<Table | null> {
    const f = this.files.get(sheet);
    if (!f || f.kind !== 'parquet') return null;
    const source = this.linked(f.file, `s${this.serial++}.parquet`);
    const r = await this.conn.runAndReadAll(`SELECT * FROM read_parquet('${source}')`).catch((e) => {
      throw this.unreadable(f, e);
    });
    const header = r.columnNames().map((n) => n.trim());
    this.headerRows.set(sheet, header);
    return { name: sheet, header, rows: r.getRowsJS().map((row) => row.map((v) => resultValue(v))) };
  }

  close(): void {
    try {
      this.conn.closeSync();
      this.db.closeSync();
    } finally {
      if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
      this.tmp = null;
    }
  }

  /** A CSV that DuckDB cannot read (a broken file the checks let through): the loader's 'unparsable', naming its line. */
  private inputError(e: unknown): unknown {
    const message = String((e as Error).message ?? e);
    const file = /file = (.*)/.exec(message)?.[1]?.trim();
    if (!/CSV Error|CSV Parser|read_csv/i.test(message)) return e;
    const line = Number(/Line:\s*(\d+)/.exec(message)?.[1] ?? 1);
    return new WorkbookError('unparsable', {
      path: this.path,
      file: (file !== undefined ? this.readAs.get(file) : undefined) ?? this.path,
      line,
      detail: message.split('\n')[0],
    });
  }

  /** Our temporary folder (made when first needed). */
  private temp(): string {
    if (!this.tmp) this.tmp = mkdtempSync(join(this.tempParent, 'kpi-lamp-duckdb-'));
    return this.tmp;
  }

  /**
   * A path of our own for a file of the folder (a link in the temporary
   * folder), so that no name from the file system is written into SQL
   * text; where links cannot be made, the path as a quoted literal.
   */
  private linked(file: string, name: string): string {
    const link = join(this.temp(), name);
    try {
      symlinkSync(resolve(file), link);
      return link.replace(/'/g, "''");
    } catch {
      return file.replace(/'/g, "''");
    }
  }

  /**
   * The loader's checks of a CSV file, streaming: encoding, quoting, header
   * row. Returns the header (raw, and as headerRow gives it) and, when DuckDB
   * cannot read the file as it is, a UTF-8 copy, written by the reading that
   * checks it as Shift_JIS (a UTF-8 file with lone CRs: a second reading).
   */
  private prepareCsv(f: SheetFile): { raw: unknown[]; header: string[]; copy: string | null; quotedLineEnd: boolean } {
    const where: Where = { path: this.path, file: f.file, sheet: f.sheet };
    const fd = openSync(f.file, 'r');
    try {
      const start = textStart(fd, where);
      const [utf8, sjis] = CSV_ENCODINGS;
      // UTF-8 first: a Shift_JIS file's reading stops at its first byte that is not UTF-8.
      let read = readCsvText(fd, start, utf8, where, CHUNK);
      let copy: string | null = null;
      if (read === null || read.check.bareCr) {
        // Shift_JIS (or UTF-8 with lone CRs): read again, checked and copied as UTF-8 in the same reading.
        const out = join(this.temp(), `u${this.serial++}.csv`);
        const w = openSync(out, 'w');
        try {
          read = readCsvText(fd, start, read === null ? sjis : utf8, where, CHUNK, {
            out: (text) => {
              if (text) writeSync(w, text);
            },
          });
        } finally {
          closeSync(w);
        }
        copy = out.replace(/'/g, "''");
      }
      if (read === null) throw new WorkbookError('unreadable', where, 'encoding');
      // The header row with its line end, as the loader parses the whole file's first record.
      const { raw, header } = headerOf(read.prefix, read.check, f, where);
      return { raw, header, copy, quotedLineEnd: read.check.quotedLineEnd };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * A CSV file's header row, reading its text only up to the first record's
   * end (in pieces of HEAD_CHUNK): the encoding chosen as prepareCsv chooses
   * it (UTF-8 unless the bytes read are not UTF-8, then Shift_JIS), the
   * quotes and the header checked by the loader's rules. Where the bytes
   * after the header decide the encoding otherwise, prepareCsv's full read
   * gives the header that counts (`table`).
   */
  private csvHead(f: SheetFile): { raw: unknown[]; header: string[] } {
    const where: Where = { path: this.path, file: f.file, sheet: f.sheet };
    const fd = openSync(f.file, 'r');
    try {
      const start = textStart(fd, where);
      for (const encoding of CSV_ENCODINGS) {
        const read = readCsvText(fd, start, encoding, where, HEAD_CHUNK, { headOnly: true });
        if (read) return headerOf(read.prefix, read.check, f, where);
      }
      throw new WorkbookError('unreadable', where, 'encoding');
    } finally {
      closeSync(fd);
    }
  }
}
