/**
 * Spreadsheet service calls of one scheduled run, counted by the real Apps
 * Script adapter (GasWorkbook) over the counting fake of SpreadsheetApp
 * (test/helpers/apps-script-double.ts), for 1,000 and 100,000 accounts; and the same
 * run written row by row, as tutorials do, for comparison.
 *
 * "Calls" are the ones that move cell data, formats or rules (DATA_CALLS);
 * navigation (getSheetByName, getRange, getLastRow …) is reported apart.
 * The run measured is a daily run: the third run, after a few values
 * changed (the first run also creates the sheets, the column, the rules and
 * Snapshots; the second, the day after Snapshots changed, judges the
 * evidence again, which reads Snapshots: reported apart).
 */
import { evaluateAccounts } from '../src/core/lamps/evaluate';
import type { CellValue } from '../src/core/table';
import {
  settingsToRows,
  SETTINGS_HEADER,
  SETTINGS_SHEET,
  treeToRows,
  TREE_HEADER,
  TREE_SHEET,
} from '../src/core/tree/sheet-rows';
import { validateTree } from '../src/core/tree/validate';
import { GasWorkbook } from '../src/gas/gas-workbook';
import { MemoryWorkbook } from '../src/local/memory-workbook';
import { createApi } from '../src/server/api';
import type { RunHost } from '../src/ports/run-host';
import { runLamps } from '../src/server/run';
import { createDouble, installGlobals, seedSheet } from '../test/helpers/apps-script-double';

function tree() {
  const nodes: object[] = [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }];
  for (let k = 0; k < 5; k++)
    nodes.push({
      id: `k${k}`,
      parent: 'kgi',
      type: 'kpi',
      name: `KPI ${k}`,
      accounts_column: `k${k}`,
      warn: 0.3,
      alert: 0.1,
      action: 'Act',
    });
  const r = validateTree({ format: 'kpi-lamp/tree@1', nodes });
  if (!r.ok) throw new Error('bench tree invalid');
  return r.tree;
}

function accountsGrid(n: number, seed: number): CellValue[][] {
  let a = seed;
  const rnd = () => (a = (a * 16807) % 2147483647) / 2147483647;
  const grid: CellValue[][] = [
    ['account_id', 'account_name', 'csm', 'plan', 'arr', 'renewal_date', 'k0', 'k1', 'k2', 'k3', 'k4'],
  ];
  for (let i = 0; i < n; i++)
    grid.push([
      `A${i}`,
      `Account ${i}`,
      `CSM ${i % 7}`,
      'Growth',
      1000 * i,
      '2027-03-31',
      rnd(),
      rnd(),
      rnd(),
      rnd(),
      rnd(),
    ]);
  return grid;
}

const host = (day: number): RunHost => ({
  now: () => new Date(Date.UTC(2026, 10, day, 0, 30)),
  user: () => 'lead@example.com',
  tryLock: () => true,
  releaseLock: () => undefined,
});

export function countRun(n: number) {
  const env = createDouble();
  const undo = installGlobals(env);
  try {
    const t = tree();
    const grid = accountsGrid(n, 7);
    seedSheet(env, 'Accounts', grid);
    seedSheet(env, TREE_SHEET, [TREE_HEADER, ...treeToRows(t)]);
    seedSheet(env, SETTINGS_SHEET, [SETTINGS_HEADER, ...settingsToRows(t.settings)]);
    const wb = GasWorkbook.active();
    env.reset();
    const first = runLamps(wb, host(22));
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const firstData = env.dataCalls();
    const firstTotal = env.total();
    // The day after Snapshots changed (the first run started it, as the first run of each month adds a
    // month): the kept evidence no longer fits, so it is judged again, reading Snapshots and History.
    env.reset();
    if (!runLamps(wb, host(23)).ok) throw new Error('the second run failed');
    const snapshotDayData = env.dataCalls();
    // A few values change overnight: lamps go on and off. The daily run measured is this one.
    const sheet = env.sheets.get('Accounts')!;
    for (let i = 1; i <= Math.min(n, 50); i++) sheet.cell(i, 6).value = i % 2 ? 0.05 : 0.95;
    env.reset();
    const daily = runLamps(wb, host(24));
    if (!daily.ok || daily.on + daily.off === 0) throw new Error('the daily run changed nothing');
    return { data: env.dataCalls(), total: env.total(), firstData, firstTotal, snapshotDayData };
  } finally {
    undo();
  }
}

/** The same daily run written row by row: one read per account row, one write per lamp cell, state row and log line. */
export function countNaive(n: number): number {
  const env = createDouble();
  const undo = installGlobals(env);
  try {
    const t = tree();
    const grid = accountsGrid(n, 7);
    seedSheet(env, 'Accounts', grid);
    seedSheet(env, 'KPI Lamp State', [['account_id', 'severity']]);
    seedSheet(env, 'KPI Lamp Log', [['time', 'account_id', 'event']]);
    const ss = (env.services.SpreadsheetApp as { getActiveSpreadsheet(): any }).getActiveSpreadsheet();
    env.reset();
    const sheet = ss.getSheetByName('Accounts');
    const state = ss.getSheetByName('KPI Lamp State');
    const log = ss.getSheetByName('KPI Lamp Log');
    const header = sheet.getRange(1, 1, 1, grid[0].length).getValues()[0] as string[];
    for (let i = 0; i < n; i++) {
      const row = sheet.getRange(i + 2, 1, 1, header.length).getValues()[0] as CellValue[];
      const [acc] = evaluateAccounts(t, { name: 'Accounts', header, rows: [row] });
      sheet.getRange(i + 2, header.length + 1).setValue(`[${acc.severity}]`);
      state.appendRow([acc.id, acc.severity]);
      for (const l of acc.lamps)
        if (l.state === 'alert' || l.state === 'warn') log.appendRow(['2026-11-23', acc.id, 'on']);
    }
    return env.dataCalls();
  } finally {
    undo();
  }
}

/**
 * A daily run of n accounts over the in-memory workbook: the run's own work
 * (reading through the port, judging, writing state and log), without Sheets'
 * latency, to set beside Apps Script's 6-minute execution limit. The fixture
 * has had its first run; each timed run is a day later.
 */
export function runFixture(n: number): { wb: MemoryWorkbook; day: number } {
  const t = tree();
  const wb = new MemoryWorkbook();
  wb.addSheet('Accounts', accountsGrid(n, 7));
  wb.addSheet(TREE_SHEET, [TREE_HEADER, ...treeToRows(t)]);
  wb.addSheet(SETTINGS_SHEET, [SETTINGS_HEADER, ...settingsToRows(t.settings)]);
  if (!runLamps(wb, host(22)).ok) throw new Error('first run failed');
  return { wb, day: 22 };
}

export function dailyRun(f: { wb: MemoryWorkbook; day: number }): void {
  f.day = f.day >= 28 ? 23 : f.day + 1;
  if (!runLamps(f.wb, host(f.day)).ok) throw new Error('daily run failed');
}

/** The floor under any run: one bare loop over every value of the accounts sheet (read once through the port). */
export function bareLoop(f: { wb: MemoryWorkbook }): number {
  const table = f.wb.readSheet('Accounts')!;
  let sum = 0;
  for (const row of table.rows) for (const v of row) if (typeof v === 'number') sum += v;
  return sum;
}

/** Cells the sidebar reads to open on a 100,000-row active sheet (GasWorkbook over the Apps Script double). */
export function sidebarCells(n: number): number {
  const env = createDouble();
  const undo = installGlobals(env);
  try {
    seedSheet(env, 'Accounts', accountsGrid(n, 7));
    const wb = GasWorkbook.active();
    wb.select('Accounts', 'A2');
    env.cellsRead = 0;
    createApi(wb, host(22)).getContext();
    return env.cellsRead;
  } finally {
    undo();
  }
}
