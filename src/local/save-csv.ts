/**
 * Writes sheets of an in-memory workbook back into a CSV folder (UTF-8, no
 * BOM, "\n"), one `<sheet name>.csv` each. Text that a spreadsheet (or our
 * own loader) would read as a formula is neutralised with an apostrophe.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainText } from '../core/text/plain-text';
import type { CellValue, Workbook } from '../ports/workbook';

function field(v: CellValue): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? plainText(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CellValue[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** Saves the named sheets of a workbook into a CSV folder. */
export function saveSheetsAsCsv(wb: Workbook, folder: string, sheets: string[]): string[] {
  const written: string[] = [];
  for (const name of sheets) {
    const table = wb.readSheet(name);
    if (!table) continue;
    const file = join(folder, `${name}.csv`);
    writeFileSync(file, toCsv(table.header, table.rows));
    written.push(file);
  }
  return written;
}
