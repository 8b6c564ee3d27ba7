/**
 * Writes sheets to an .xlsx file that Google Sheets imports (File → Import)
 * and load-workbook.ts reads back: typed cells (numbers, TRUE/FALSE, dates
 * as real dates, text as text), formulas as formulas with the value they
 * gave saved beside them (what a viewer shows before anything recalculates),
 * a bold frozen header row, number formats by column or by cell.
 *
 * - A formula is written as a formula only when the caller says so (a cell
 *   `{ formula }`); any string is text, whatever it starts with: nothing a
 *   person typed becomes a formula.
 * - A sheet KPI Lamp owns (`plainText`) is plain text throughout (format
 *   `@`, as GasWorkbook keeps those sheets), its dates stay the text they are.
 * - In other sheets an ISO date text (`2027-04-03`, `2027-04-03T09:30:00`)
 *   becomes a date cell, shown as yyyy-mm-dd: Sheets' own import makes such
 *   text a date too.
 * - exceljs refuses a worksheet named "History" (a name Excel reserves), yet
 *   it is KPI Lamp's default history sheet and Google Sheets exports and
 *   imports it as it is: such a sheet is written under a placeholder and
 *   renamed in the package's xl/workbook.xml (load-workbook.ts undoes the
 *   same on reading).
 * - The file is the same bytes for the same sheets: every date in the
 *   package is `modified`.
 *
 * Node only (exceljs, fflate); never part of the Apps Script bundle.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { CellValue } from '../ports/workbook';

export type XlsxCell = CellValue | { formula: string; cached?: CellValue };

export interface XlsxSheet {
  name: string;
  /** Row 0 is the header. */
  rows: XlsxCell[][];
  /** A sheet KPI Lamp owns: every cell plain text (`@`); text stays text, dates too. */
  plainText?: boolean;
  /** Number formats of columns' data rows (1-based column → Excel format code). */
  columnFormats?: Map<number, string>;
  /** Number formats of single cells ("B38"), also of blank ones (where an array result will spill). */
  cellFormats?: Map<string, string>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;
export const DATE_FORMAT = 'yyyy-mm-dd';
const RESERVED = ['History'];

/** The workbook's bytes. */
export async function xlsxBytes(sheets: XlsxSheet[], { modified }: { modified: Date }): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const book = new ExcelJS.Workbook();
  book.creator = 'KPI Lamp';
  book.created = modified;
  book.modified = modified;
  const renamed = new Map<string, string>();
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  for (const sheet of sheets) {
    let name = sheet.name;
    if (RESERVED.includes(name)) {
      name = `KPI Lamp ${sheet.name}`;
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `KPI Lamp ${sheet.name} ${i}`;
      taken.add(name.toLowerCase());
      renamed.set(name, sheet.name);
    }
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const widths: number[] = [];
    sheet.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === '') return;
        const cell = ws.getCell(r + 1, c + 1);
        const format = r === 0 ? undefined : sheet.columnFormats?.get(c + 1);
        if (typeof v === 'object') {
          cell.value = { formula: v.formula.replace(/^=/, ''), result: cachedValue(v.cached) } as never;
        } else if (typeof v === 'string' && !sheet.plainText && r > 0 && ISO_DATE.test(v)) {
          cell.value = dateOf(v);
          cell.numFmt = DATE_FORMAT;
        } else cell.value = v;
        if (format && typeof v !== 'string') cell.numFmt = format;
        widths[c] = Math.max(widths[c] ?? 0, String(typeof v === 'object' ? '' : v).length);
      });
    });
    for (const [ref, format] of sheet.cellFormats ?? []) ws.getCell(ref).numFmt = format;
    if (sheet.plainText) {
      // Every cell of the used area, blank ones too: later writes stay text.
      const height = Math.max(1, sheet.rows.length);
      let width = 1;
      for (const r of sheet.rows) if (r.length > width) width = r.length;
      for (let r = 1; r <= height; r++) for (let c = 1; c <= width; c++) ws.getCell(r, c).numFmt = '@';
    }
    ws.getRow(1).font = { bold: true };
    widths.forEach((w, c) => (ws.getColumn(c + 1).width = Math.min(40, Math.max(8, w + 2))));
  }
  const raw = new Uint8Array(await book.xlsx.writeBuffer());
  return repack(raw, renamed, modified);
}

/** A formula's saved value as exceljs takes it: a date as a Date, a blank as nothing. */
function cachedValue(v: CellValue | undefined): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string' && ISO_DATE.test(v)) return dateOf(v);
  return v;
}

/** The wall-clock date and time as exceljs writes it (its UTC fields; a workbook date has no zone). */
function dateOf(iso: string): Date {
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = ISO_DATE.exec(iso)!;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** Renames the placeholder sheets back and zips the package again with every entry dated `modified`. */
function repack(bytes: Uint8Array, renamed: Map<string, string>, modified: Date): Uint8Array {
  const files = unzipSync(bytes);
  for (const [placeholder, name] of renamed) {
    // The sheet's name in the workbook, and in the document properties' list of titles.
    for (const [file, from, to] of [
      ['xl/workbook.xml', `name="${placeholder}"`, `name="${name}"`],
      ['docProps/app.xml', `>${placeholder}<`, `>${name}<`],
    ]) {
      if (files[file]) files[file] = strToU8(strFromU8(files[file]).split(from).join(to));
    }
  }
  const out: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, data] of Object.entries(files)) out[name] = [data, { mtime: modified }];
  return zipSync(out, { level: 6 });
}
