/**
 * Nothing is lost or retyped on the way in or out: the sample workbook and
 * hostile tables go through every reader and writer KPI Lamp has and come
 * back the same, cell by cell, as the workbook port gives them:
 * - a CSV folder: read (UTF-8 with or without BOM, or Shift_JIS/CP932;
 *   CRLF, LF, CR or all three), written back (save-csv), read again;
 * - an .xlsx file, written here by exceljs (as Excel or a Sheets export
 *   would) and by KPI Lamp's own writer (save-xlsx), read;
 * - the Apps Script workbook (GasWorkbook over the Apps Script double of
 *   test/helpers/apps-script-double.ts): values as Sheets holds them, read;
 *   and values KPI Lamp writes, read back;
 * - the in-memory workbook's own write and read.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { GasWorkbook } from '../src/gas/gas-workbook';
import { loadCsvFolder, loadXlsx } from '../src/local/load-workbook';
import { MemoryWorkbook } from '../src/local/memory-workbook';
import { saveSheetsAsCsv } from '../src/local/save-csv';
import { xlsxBytes } from '../src/local/save-xlsx';
import type { CellValue, SheetTable, Workbook } from '../src/ports/workbook';
import { createDouble, installGlobals, seedSheet } from './helpers/apps-script-double';
import { cp932 } from './helpers/cp932';

const SAMPLE = join(__dirname, '..', 'sample', 'workbook');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-round-trip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Every sheet of a workbook as the port gives it, without trailing rows
 * that are blank through the port: a row of formulas only (the sample's
 * Metrics sheet, read without computing them) has no value a writer could
 * carry, and a spreadsheet's data range ends at its last value anyway.
 */
function tables(wb: Workbook): SheetTable[] {
  return wb.sheetNames().map((n) => {
    const t = wb.readSheet(n) as SheetTable;
    let end = t.rows.length;
    while (end > 0 && t.rows[end - 1].every((v) => v === null)) end--;
    return end === t.rows.length ? t : { ...t, rows: t.rows.slice(0, end) };
  });
}

/** Compares two sets of tables cell by cell (same type, same value: Object.is), naming the first difference. */
function expectSameTables(got: SheetTable[], want: SheetTable[], via: string): void {
  expect({ via, sheets: got.map((t) => t.name) }).toEqual({ via, sheets: want.map((t) => t.name) });
  want.forEach((w, i) => {
    const g = got[i];
    expect({ via, sheet: w.name, header: g.header }).toEqual({ via, sheet: w.name, header: w.header });
    expect({ via, sheet: w.name, rows: g.rows.length }).toEqual({ via, sheet: w.name, rows: w.rows.length });
    let cells = 0;
    w.rows.forEach((row, r) => {
      if (g.rows[r].length !== row.length)
        expect({ via, sheet: w.name, row: r + 2, width: g.rows[r].length }).toEqual({
          via,
          sheet: w.name,
          row: r + 2,
          width: row.length,
        });
      row.forEach((v, c) => {
        cells++;
        if (!Object.is(g.rows[r][c], v)) {
          const at = `${w.name}!R${r + 2}C${c + 1}`;
          expect({ via, at, value: g.rows[r][c] }).toEqual({ via, at, value: v });
        }
      });
    });
    expect(cells).toBe(w.rows.length * w.header.length);
  });
}

/** A hostile table: ids and names that look like numbers, booleans, dates or formulas; quotes, line breaks, spaces. */
const HOSTILE_ROWS: string[][] = [
  ['account_id', 'account_name', 'plan', 'login_rate_30d', 'churned', 'note'],
  ['1.1', '80%', 'Enterprise', '0.5', 'TRUE', 'plain'],
  ['1.10', '1,234', ' Growth ', '80%', 'false', '"quoted" text, with comma'],
  ['00123', '0.10', '1,000', '0.10', '1', 'line one\nline two'],
  ['-0', 'true', '2025', '1e3', '0', '\'=HYPERLINK("http://x")'],
  ['+7', '2027/4/5', 'TRUE', '.5', '', '-cmd'],
  ['1e21', '2027-04-05', '80%', '-3.5', 'FALSE', '@mention'],
  ['12345678901234567890', '株式会社サクラ ①', 'NaN', '１２', 'True', ' padded '],
  ['A0001', 'Infinity', '0x1F', '14.3%', 'yes', "it's"],
];

function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

let hostile: string[] | null = null;

/** The hostile table written as a CSV file in several ways that must all read the same (made once). */
function hostileFolders(): string[] {
  if (hostile) return hostile;
  const body = (eol: (i: number) => string) => HOSTILE_ROWS.map((r, i) => r.map(csvField).join(',') + eol(i)).join('');
  const variants: Record<string, string | Buffer> = {
    lf: body(() => '\n'),
    crlf: body(() => '\r\n'),
    cr: body(() => '\r'),
    mixed: body((i) => ['\r\n', '\n', '\r'][i % 3]),
    bom: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        body(() => '\r\n'),
        'utf8',
      ),
    ]),
    // Shift_JIS as Windows writes it (CP932), the other encoding the contract allows.
    sjis: cp932(body(() => '\r\n')),
  };
  hostile = Object.entries(variants).map(([name, text]) => {
    const folder = join(dir, `hostile-${name}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'Accounts.csv'), text);
    return folder;
  });
  return hostile;
}

/** Writes tables into an .xlsx with exceljs (strings as text cells, numbers as numbers), History under its real name. */
async function toXlsx(ts: SheetTable[], path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const t of ts) {
    // exceljs refuses to write a sheet named History (a name Excel reserves); a Sheets export has one.
    const ws = book.addWorksheet(t.name === 'History' ? 'XHistoryX' : t.name);
    ws.addRow(t.header);
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
  }
  await book.xlsx.writeFile(path);
  const files = unzipSync(readFileSync(path));
  files['xl/workbook.xml'] = strToU8(strFromU8(files['xl/workbook.xml']).replace('name="XHistoryX"', 'name="History"'));
  writeFileSync(path, zipSync(files));
}

/**
 * What a writer's output reads back as: every value as it was, except the one
 * documented change of both writers (core/text/plain-text.ts): a text with a
 * leading = + - @ gets an apostrophe, so that it never runs as a formula in
 * a spreadsheet that opens it. (KPI Lamp's own sheets read it back off:
 * core/tree/sheet-rows.ts.)
 */
function neutralised(ts: SheetTable[]): SheetTable[] {
  return ts.map((t) => ({
    ...t,
    rows: t.rows.map((r) => r.map((v: CellValue) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v))),
  }));
}

jest.setTimeout(120_000);

describe('every reader and writer keeps every cell', () => {
  const sources = () => [SAMPLE, ...hostileFolders()];

  it("the hostile table reads the same whatever the line endings and BOM, and every text is the file's", () => {
    const [first, ...rest] = hostileFolders().map((f) => tables(loadCsvFolder(f)));
    for (const t of rest) expectSameTables(t, first, 'line endings / BOM');
    const t = first[0];
    expect(t.header).toEqual(HOSTILE_ROWS[0]);
    // Every cell reads back as its very text (a number only where the text is the number's own spelling).
    t.rows.forEach((row, r) =>
      row.forEach((v, c) =>
        expect(v === null ? '' : String(v)).toBe(HOSTILE_ROWS[r + 1][c].trim() === '' ? '' : HOSTILE_ROWS[r + 1][c]),
      ),
    );
    expect(new Set(t.rows.map((row) => String(row[0]))).size).toBe(t.rows.length); // 1.1 and 1.10 stay two ids
  });

  it('CSV folder: read, write back, read again; text that a spreadsheet would run keeps the apostrophe that neutralises it', () => {
    for (const source of sources()) {
      const wb = loadCsvFolder(source);
      const want = tables(wb);
      const out = join(dir, `csv-${readdirSync(dir).length}`);
      mkdirSync(out);
      saveSheetsAsCsv(wb, out, wb.sheetNames());
      expectSameTables(tables(loadCsvFolder(out)), neutralised(want), `csv ${source}`);
    }
  });

  it('.xlsx: the same tables saved by exceljs read back the same', async () => {
    for (const source of sources()) {
      const want = tables(loadCsvFolder(source));
      const path = join(dir, `book-${readdirSync(dir).length}.xlsx`);
      await toXlsx(want, path);
      expectSameTables(tables(await loadXlsx(path)), want, `xlsx ${source}`);
    }
  });

  it('.xlsx: our own writer (save-xlsx, which makes the sample .xlsx) and our reader keep every cell', async () => {
    for (const source of sources()) {
      const want = tables(loadCsvFolder(source));
      const path = join(dir, `ours-${readdirSync(dir).length}.xlsx`);
      writeFileSync(
        path,
        await xlsxBytes(
          want.map((t) => ({ name: t.name, rows: [t.header, ...t.rows] })),
          { modified: new Date('2026-01-01T00:00:00Z') },
        ),
      );
      expectSameTables(tables(await loadXlsx(path)), want, `our xlsx ${source}`);
    }
  });

  describe('the Apps Script workbook (GasWorkbook over the Apps Script double)', () => {
    let undo: () => void = () => undefined;
    afterEach(() => undo());

    it('reads what Sheets holds as it is', () => {
      for (const source of sources()) {
        const want = tables(loadCsvFolder(source));
        const double = createDouble();
        undo = installGlobals(double);
        for (const t of want)
          seedSheet(double, t.name, [t.header, ...t.rows.map((r) => r.map((v) => (v === null ? '' : v)))]);
        expectSameTables(tables(GasWorkbook.active()), want, `gas read ${source}`);
        undo();
      }
    });

    it('writes every value as it is; text that a spreadsheet would run keeps the apostrophe that neutralises it', () => {
      for (const source of sources()) {
        const want = tables(loadCsvFolder(source));
        const double = createDouble();
        undo = installGlobals(double);
        const wb = GasWorkbook.active();
        for (const t of want) {
          wb.ensureSheet(t.name, t.header);
          if (t.rows.length) wb.writeValues(t.name, 2, 1, t.rows, true);
        }
        expectSameTables(tables(wb), neutralised(want), `gas write ${source}`);
        const formulas = [...double.spreadsheets.get(double.defaultId)!.sheets.values()].flatMap((m) =>
          m.cells.flat().filter((c) => c.formula !== undefined),
        );
        expect(formulas).toEqual([]);
        undo();
      }
    });
  });

  it('the in-memory workbook: written through the port, read back the same', () => {
    for (const source of sources()) {
      const want = tables(loadCsvFolder(source));
      const wb = new MemoryWorkbook();
      for (const t of want) {
        wb.ensureSheet(t.name, t.header);
        wb.replaceRows(t.name, t.rows);
      }
      expectSameTables(tables(wb), want, `memory ${source}`);
    }
  });

  it('the sample copied as a folder reads the same as the original', () => {
    const copy = join(dir, 'sample-copy');
    cpSync(SAMPLE, copy, { recursive: true });
    expectSameTables(tables(loadCsvFolder(copy)), tables(loadCsvFolder(SAMPLE)), 'copy');
  });
});
