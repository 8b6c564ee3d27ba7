/**
 * The sample workbook (sample/workbook/*.csv) as one .xlsx a person imports
 * into Google Sheets (File → Import): `npm run sample:xlsx` writes
 * sample/kpi-lamp-sample.xlsx with it (scripts/sample-xlsx.mjs), and
 * test/sample-xlsx.test.ts regenerates it to check the committed file.
 *
 * Each cell is what Sheets makes of the CSV cell on import (numbers,
 * TRUE/FALSE, dates as real dates); the formulas (=LTV_SBG, =LTV,
 * =MRR_MOVEMENTS, =ONBOARDING_RATE) stay formulas, with the value the built
 * functions give saved beside them (the top-left cell of a table result), so
 * the file reads well before the script is pasted; the cells where a table
 * result will spill are empty, only formatted. KPI Lamp's own sheets (the
 * tree and its settings) are plain text, as KPI Lamp keeps them. Rates show
 * as percentages and yen with thousands separators, by column name.
 */
import { join } from 'node:path';
import { TREE_SHEET, SETTINGS_SHEET } from '../../src/core/tree/sheet-rows';
import { isFormula, isImportedText, portValue } from '../../src/local/memory-workbook';
import { xlsxBytes, type XlsxCell, type XlsxSheet } from '../../src/local/save-xlsx';
import { a1 } from '../../src/core/a1';
import { generatorConstant, ROOT, type Sample } from './sample-figures';

export const SAMPLE_XLSX = join(ROOT, 'sample', 'kpi-lamp-sample.xlsx');

/** The order a person meets the sheets in: the data first, then the functions, then KPI Lamp's own. */
export const SHEET_ORDER = [
  'Accounts',
  'Snapshots',
  'History',
  'NPS',
  'Cohorts',
  'Metrics',
  TREE_SHEET,
  SETTINGS_SHEET,
];

/** Sheets KPI Lamp owns: plain text, as GasWorkbook writes them. */
export const OWN_SHEETS = [TREE_SHEET, SETTINGS_SHEET];

const PERCENT = '0.0%';
const RATE = '0.00%';
const YEN = '#,##0';

/**
 * Number formats by column name, in a sheet's data or in a table a formula
 * spills (its header row names the columns). test/sample-xlsx.test.ts checks
 * that every name here occurs.
 */
export const FORMATS: Record<string, string> = {
  // Accounts, Snapshots
  arr: YEN,
  mrr: YEN,
  login_rate_30d: PERCENT,
  key_feature_usage: PERCENT,
  // History
  login_rate: PERCENT,
  onboarding_completion: PERCENT,
  churn_rate: RATE,
  nrr: RATE,
  // =MRR_MOVEMENTS
  mrr_start: YEN,
  new_mrr: YEN,
  expansion_mrr: YEN,
  contraction_mrr: YEN,
  churned_mrr: YEN,
  reactivation_mrr: YEN,
  mrr_end: YEN,
  logo_churn_rate: RATE,
  gross_mrr_churn_rate: RATE,
  net_mrr_churn_rate: RATE,
  grr: RATE,
  upsell_rate: RATE,
  // =ONBOARDING_RATE
  rate: PERCENT,
  // =LTV_SBG
  alpha: '0.0000',
  beta: '0.0000',
  expected_lifetime: '0.00',
  ltv: YEN,
};

/** Number formats of a formula's single value, by the function it calls. */
export const FORMULA_FORMATS: Record<string, string> = { LTV: YEN };

/** The sheets of the .xlsx, from the sample as loaded (formulas computed by the built functions). */
export function sampleSheets(s: Sample): XlsxSheet[] {
  const names = s.book.sheetNames();
  const order = [...SHEET_ORDER.filter((n) => names.includes(n)), ...names.filter((n) => !SHEET_ORDER.includes(n))];
  return order.map((name) => {
    const grid = s.book.grid(name) ?? [];
    const own = OWN_SHEETS.includes(name);
    const columnFormats = new Map<number, string>();
    (grid[0] ?? []).forEach((h, c) => {
      const f = typeof h === 'string' ? FORMATS[h] : undefined;
      if (f) columnFormats.set(c + 1, f);
    });
    const cellFormats = new Map<string, string>();
    const rows: XlsxCell[][] = grid.map((line, r) =>
      line.map((cell, c): XlsxCell => {
        if (isFormula(cell)) {
          const res = s.engine.evaluate(name, r + 1, c + 1, cell.formula);
          if (res.kind === 'array') {
            // The table it spills: its header row names the columns, formatted below it.
            res.values[0].forEach((h, j) => {
              const f = typeof h === 'string' ? FORMATS[h] : undefined;
              if (f) for (let i = 1; i < res.values.length; i++) cellFormats.set(a1(r + 1 + i, c + 1 + j), f);
            });
            return { formula: cell.formula, cached: res.values[0][0] };
          }
          if (res.kind !== 'value')
            throw new Error(`${name}!${a1(r + 1, c + 1)} ${cell.formula} does not compute: ${JSON.stringify(res)}`);
          const f = FORMULA_FORMATS[/^=([A-Z_]+)\(/.exec(cell.formula)?.[1] ?? ''];
          if (f) cellFormats.set(a1(r + 1, c + 1), f);
          return { formula: cell.formula, cached: res.value };
        }
        if (cell === null || cell === undefined) return null;
        // KPI Lamp's own sheets: the text as written (a number as a number); others: as Sheets imports the CSV.
        if (own) return portValue(cell);
        return isImportedText(cell) ? cell.imported : cell;
      }),
    );
    return { name, rows, plainText: own, columnFormats: own ? undefined : columnFormats, cellFormats };
  });
}

/** The .xlsx file's bytes. */
export function sampleXlsx(s: Sample): Promise<Uint8Array> {
  return xlsxBytes(sampleSheets(s), { modified: new Date(`${generatorConstant('TODAY')}T00:00:00Z`) });
}
