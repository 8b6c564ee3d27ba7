/**
 * Writes sheets of an in-memory workbook back into a CSV folder (UTF-8, no
 * BOM, "\n"), one `<sheet name>.csv` each. Text that a spreadsheet (or our
 * own loader) would read as a formula is neutralised with an apostrophe.
 *
 * All or nothing: every file is first written beside its target under a
 * hidden temporary name (which the loader never reads), then each is moved
 * into place. A failure while writing leaves the folder as it was; a failure
 * while moving puts back the files already replaced. Either way the error
 * names the file, and nothing is left half written.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { plainText } from '../core/text/plain-text';
import { KeyedError } from '../i18n/keyed-error';
import { localText, type LocalKey } from '../i18n/local-messages';
import type { CellValue, Workbook } from '../ports/workbook';

function field(v: CellValue): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? plainText(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CellValue[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** The file operations saving uses (tests make one fail in turn). */
export interface SaveFs {
  writeFileSync(path: string, data: string): void;
  readFileSync(path: string): Buffer;
  existsSync(path: string): boolean;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** A file that could not be written: `file` is the CSV file concerned, `cause` what the system said. */
export class SaveError extends KeyedError<LocalKey> {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super('cli.error.write', { file, detail }, 'en', localText);
    this.name = 'SaveError';
  }
}

const detailOf = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err && err.code ? `${err.code}: ${String(err.message).split('\n')[0]}` : String((err && err.message) ?? e);
};

/** Saves the named sheets of a workbook into a CSV folder, all or nothing. Returns the files written. */
export function saveSheetsAsCsv(wb: Workbook, folder: string, sheets: string[], io: SaveFs = fs): string[] {
  // Everything is made before anything is written.
  const files: { file: string; temp: string; text: string }[] = [];
  for (const name of sheets) {
    const table = wb.readSheet(name);
    if (!table) continue;
    const file = join(folder, `${name}.csv`);
    files.push({
      file,
      temp: join(folder, `.${name}.csv.kpi-lamp-${process.pid}.tmp`),
      text: toCsv(table.header, table.rows),
    });
  }
  const removeTemps = () => {
    for (const f of files) {
      try {
        if (io.existsSync(f.temp)) io.unlinkSync(f.temp);
      } catch {
        // a temporary file the loader never reads
      }
    }
  };
  // 1. Write every file under its temporary name.
  for (const f of files) {
    try {
      io.writeFileSync(f.temp, f.text);
    } catch (e) {
      removeTemps();
      throw new SaveError(f.file, detailOf(e));
    }
  }
  // 2. Keep what is there now, then move each file into place.
  const before = new Map<string, Buffer | null>();
  for (const f of files) {
    try {
      before.set(f.file, io.existsSync(f.file) ? io.readFileSync(f.file) : null);
    } catch (e) {
      removeTemps();
      throw new SaveError(f.file, detailOf(e));
    }
  }
  const moved: string[] = [];
  for (const f of files) {
    try {
      io.renameSync(f.temp, f.file);
      moved.push(f.file);
    } catch (e) {
      // Put back what was replaced.
      for (const file of moved) {
        const old = before.get(file) ?? null;
        try {
          if (old === null) io.unlinkSync(file);
          else io.writeFileSync(file, old as unknown as string);
        } catch {
          // reported below: the first failure is the one to fix
        }
      }
      removeTemps();
      throw new SaveError(f.file, detailOf(e));
    }
  }
  return files.map((f) => f.file);
}
