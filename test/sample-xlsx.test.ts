/**
 * sample/kpi-lamp-sample.xlsx, the sample a person imports into Google
 * Sheets (File → Import), against the CSVs it comes from (run `npm run build`
 * first): up to date (regenerated here, cell by cell), every CSV cell in it
 * with the type Sheets gives it (numbers, TRUE/FALSE, real dates, text),
 * every formula a formula, KPI Lamp's own sheets plain text, rates and yen
 * formatted; and our own .xlsx loader reads it back to the same tables as
 * the CSV folder, down to the same `kpi-lamp` reports.
 *
 * Out of date after `python3 sample/generate.py`? `npm run sample:xlsx`.
 */
import { readFileSync } from 'node:fs';
import { loadCsvFolder, loadWorkbook, typeCsvCell } from '../src/local/load-workbook';
import {
  isFormula,
  isImportedText,
  portValue,
  type MemoryWorkbook,
  type StoredCell,
} from '../src/local/memory-workbook';
import { DATE_FORMAT } from '../src/local/save-xlsx';
import { cli } from './helpers/cli';
import { Sample, SAMPLE_DIR } from './helpers/sample-figures';
import { FORMATS, OWN_SHEETS, SAMPLE_XLSX, sampleXlsx } from './helpers/sample-xlsx';

type ExcelJS = typeof import('exceljs');
const Excel: ExcelJS = require('exceljs');

/** Every cell of every sheet as exceljs reads it: type, value, formula, number format. */
async function cellsOf(
  bytes: Uint8Array,
): Promise<Map<string, Map<string, { type: number; value: unknown; formula?: string; numFmt?: string }>>> {
  const book = new Excel.Workbook();
  // exceljs refuses to load a sheet named History: read it under another name, as load-workbook.ts does.
  const { renameReservedSheets } = await import('../src/local/load-workbook');
  const prepared = renameReservedSheets(bytes);
  await book.xlsx.load(Buffer.from(prepared.bytes) as never);
  const out = new Map<string, Map<string, { type: number; value: unknown; formula?: string; numFmt?: string }>>();
  for (const ws of book.worksheets) {
    const cells = new Map<string, { type: number; value: unknown; formula?: string; numFmt?: string }>();
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const value = c.value instanceof Date ? c.value.toISOString() : c.value;
        cells.set(c.address, { type: c.type, value, formula: c.formula || undefined, numFmt: c.numFmt || undefined });
      }),
    );
    out.set(prepared.renamed.get(ws.name) ?? ws.name, cells);
  }
  return out;
}

const committed = readFileSync(SAMPLE_XLSX);
const A1 = (r: number, c: number) => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r}`;
};

describe('sample/kpi-lamp-sample.xlsx', () => {
  let csv: MemoryWorkbook;
  let cells: Awaited<ReturnType<typeof cellsOf>>;
  let sample: Sample;
  beforeAll(async () => {
    csv = loadCsvFolder(SAMPLE_DIR);
    cells = await cellsOf(committed);
    sample = await Sample.load();
  }, 60000);

  it('is up to date with the CSVs: regenerated, the same cells (values, types, formulas, formats) and the same bytes (if not: npm run sample:xlsx)', async () => {
    const fresh = await sampleXlsx(sample);
    const again = await cellsOf(fresh);
    expect([...again.keys()]).toEqual([...cells.keys()]);
    const differ: string[] = [];
    for (const [sheet, map] of again) {
      const old = cells.get(sheet)!;
      for (const [ref, cell] of map)
        if (JSON.stringify(old.get(ref)) !== JSON.stringify(cell))
          differ.push(`${sheet}!${ref}: ${JSON.stringify(old.get(ref))} → ${JSON.stringify(cell)}`);
      for (const ref of old.keys()) if (!map.has(ref)) differ.push(`${sheet}!${ref}: no longer written`);
    }
    expect(differ.slice(0, 10)).toEqual([]);
    expect(Buffer.from(fresh).equals(committed)).toBe(true);
  }, 60000);

  it("holds every CSV cell as Sheets would import it, every formula as a formula, KPI Lamp's own sheets as plain text", () => {
    expect([...cells.keys()].sort()).toEqual(csv.sheetNames().slice().sort());
    let compared = 0;
    const wrong: string[] = [];
    const same = (where: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${where}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    };
    for (const sheet of csv.sheetNames()) {
      const grid = csv.grid(sheet)!;
      const xs = cells.get(sheet)!;
      const own = OWN_SHEETS.includes(sheet);
      const seen = new Set<string>();
      grid.forEach((line, r) =>
        line.forEach((cell, c) => {
          const ref = A1(r + 1, c + 1);
          const x = xs.get(ref);
          const where = `${sheet}!${ref}`;
          if (cell === null || cell === undefined) return same(where, x?.value ?? null, null);
          seen.add(ref);
          compared++;
          if (isFormula(cell))
            return same(where, [x?.type, x?.formula], [Excel.ValueType.Formula, cell.formula.slice(1)]);
          const text = isImportedText(cell) ? cell.text : String(cell);
          // Plain text, as KPI Lamp keeps its sheets: the text as written, a number as a number.
          if (own) return same(where, [x?.value, x?.numFmt], [portValue(cell), '@']);
          const typed = r === 0 ? text : typeCsvCell(text);
          if (typeof typed === 'string' && r > 0 && /^\d{4}-\d{2}-\d{2}$/.test(typed))
            return same(
              where,
              [x?.type, x?.value, x?.numFmt],
              [Excel.ValueType.Date, `${typed}T00:00:00.000Z`, DATE_FORMAT],
            );
          return same(where, x?.value, typed);
        }),
      );
      // Nothing else has a value (formatted blank cells where a table result will spill are fine).
      for (const [ref, x] of xs)
        if (!seen.has(ref) && x.value !== null)
          wrong.push(`${sheet}!${ref} holds ${JSON.stringify(x.value)}, which the CSV does not`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(80000);
  });

  it("formats rates as percentages and yen with separators, by column name, in the data and where the formulas' tables spill; every name is used", () => {
    const wrong: string[] = [];
    const used = new Set<string>();
    for (const [sheet, xs] of cells) {
      if (OWN_SHEETS.includes(sheet)) continue;
      const formatOf = new Map<string, string>();
      csv.headerRow(sheet)!.forEach((h, c) => {
        if (FORMATS[h]) formatOf.set(A1(1, c + 1).replace(/\d+$/, ''), FORMATS[h]), used.add(h);
      });
      for (const [ref, x] of xs) {
        const want = formatOf.get(ref.replace(/\d+$/, ''));
        if (want && !/^[A-Z]+1$/.test(ref) && x.value !== null && x.numFmt !== want)
          wrong.push(`${sheet}!${ref}: ${x.numFmt}, expected ${want}`);
      }
    }
    // Where a formula's table will spill: the cells below its header row, by the column names the function gives.
    for (const [sheet, fn] of [
      ['Metrics', 'MRR_MOVEMENTS'],
      ['Metrics', 'ONBOARDING_RATE'],
      ['Cohorts', 'LTV_SBG'],
    ]) {
      const sp = sample.spill(sheet, fn);
      sp.values[0].forEach((h, j) => {
        const want = FORMATS[String(h)];
        if (!want) return;
        used.add(String(h));
        for (let i = 1; i < sp.values.length; i++) {
          const ref = A1(sp.row + i, sp.column + j);
          if (cells.get(sheet)!.get(ref)?.numFmt !== want)
            wrong.push(`${sheet}!${ref} (${fn} ${String(h)}): ${cells.get(sheet)!.get(ref)?.numFmt}, expected ${want}`);
        }
      });
    }
    expect(cells.get('Cohorts')!.get('B45')?.numFmt).toBe('#,##0');
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(Object.keys(FORMATS).filter((n) => !used.has(n))).toEqual([]);
  });

  it('saves the value each formula gives beside it (the top-left cell of a table), so it reads well before the script is pasted', () => {
    const cohorts = cells.get('Cohorts')!;
    expect((cohorts.get('B37')!.value as { result: unknown }).result).toBe('alpha');
    expect((cohorts.get('B45')!.value as { result: number }).result).toBeCloseTo(155414.94, 1);
    expect((cells.get('Metrics')!.get('A2')!.value as { result: unknown }).result).toBe('month');
  });

  it('our .xlsx loader reads it back to the same tables as the CSV folder, and kpi-lamp reports the same', async () => {
    const xlsx = await loadWorkbook(SAMPLE_XLSX);
    expect(xlsx.sheetNames().slice().sort()).toEqual(csv.sheetNames().slice().sort());
    // What a formula or Sheets reads in each cell: a formula's text, else the imported value (the own sheets: their text).
    const norm = (sheet: string, cell: StoredCell | undefined) =>
      cell === null || cell === undefined
        ? null
        : isFormula(cell)
          ? cell.formula
          : isImportedText(cell)
            ? OWN_SHEETS.includes(sheet)
              ? cell.text
              : cell.imported
            : cell;
    const trim = (rows: unknown[][]) => {
      const out = rows.map((r) => {
        const x = [...r];
        while (x.length && x[x.length - 1] === null) x.pop();
        return x;
      });
      while (out.length && out[out.length - 1].length === 0) out.pop();
      return out;
    };
    for (const sheet of csv.sheetNames()) {
      const a = trim(csv.grid(sheet)!.map((r) => r.map((c) => norm(sheet, c))));
      const b = trim(xlsx.grid(sheet)!.map((r) => r.map((c) => norm(sheet, c))));
      expect({ sheet, rows: b }).toEqual({ sheet, rows: a });
    }
    for (const command of ['check', 'lamps']) {
      const fromCsv = await cli([command, SAMPLE_DIR, '--json', '--lang', 'en']);
      const fromXlsx = await cli([command, SAMPLE_XLSX, '--json', '--lang', 'en']);
      expect(fromXlsx.code).toBe(0);
      expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromCsv.stdout));
    }
  }, 120000);
});
