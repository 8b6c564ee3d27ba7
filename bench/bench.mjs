/**
 * npm run bench [-- --json]: the speed of KPI Lamp, measured (never asserted
 * in a test). Each figure is the median of several runs, through the same
 * top-level functions Sheets calls, loaded from the built dist/ into a vm
 * context as Apps Script loads them.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { loadTs } from '../scripts/load-ts.mjs';
import { revenueBenchmarks, sheetLimitBenchmarks } from './revenue-bench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const codePath = join(root, 'dist', 'Code.js');
const ctx = vm.createContext({});
vm.runInContext(readFileSync(codePath, 'utf8'), ctx, { filename: 'Code.js' });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `warmup` times unmeasured, then `runs` times; returns the median in ms. */
function time(fn, runs = 7, warmup = 2) {
  for (let i = 0; i < warmup; i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

/** time() for an async fn. */
async function timeAsync(fn, runs = 3, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

// The core (KPI tree, lamps), bundled from TypeScript on the fly.
const core = loadTs('bench/core-bench.ts');
const { rng } = core;
const r = rng(42);
const column = (n, f) => Array.from({ length: n }, (_, i) => [f(i)]);

const scores = column(1_000_000, () => Math.floor(r() * 11));
const groups = column(1_000_000, () => `segment ${Math.floor(r() * 50)}`);
const value = column(100_000, () => 1000 + Math.floor(r() * 100000));
const churn = column(100_000, () => 0.005 + r() * 0.1);
const lead = [];
const lag = [];
{
  let level = 0;
  for (let i = 0; i < 10_000; i++) {
    level += r() - 0.5;
    lead.push([level]);
  }
  for (let i = 0; i < 10_000; i++) lag.push([(i >= 3 ? lead[i - 3][0] : 0) + (r() - 0.5)]);
}
const cohort = [[10000]];
for (let t = 1; t < 36; t++) cohort.push([Math.round(cohort[t - 1][0] * (0.9 + 0.08 * (1 - Math.exp(-t / 6))))]);

const call = (name, ...args) => ctx[name](...args);

// Worst cases at the ceilings of src/functions (LTV_SBG_MAX_PERIODS,
// LEADLAG_MAX_CELLS, LEADLAG_MAX_WORK): the slowest of several shapes, each
// a median of 3 runs. They must stay far below Sheets' 30 s per call.
function cohortOf(n, kind) {
  const c = [1_000_000];
  for (let t = 1; t < n; t++) {
    const prev = c[t - 1];
    if (kind === 'constant')
      c.push(prev * 0.999); // no finite fit: the simplex meets its wall
    else if (kind === 'rising') c.push(Math.floor(prev * (1 - 0.0002 * (1 + t / n))));
    else c.push(prev - Math.floor(prev * r() * r() * 0.01)); // random losses
  }
  return c.map((v) => [v]);
}
/** A cohort drawn from an sBG with small α: its lifetime sum needs ~35/d terms at d = 1e-6. */
function sbgCohort(n) {
  const c = new Array(n).fill(0);
  for (let k = 0; k < 20_000; k++) {
    const theta = r() ** 3 * 0.2;
    let t = 0;
    while (t < n - 1 && r() > theta) t++;
    for (let j = 0; j <= t; j++) c[j]++;
  }
  return c.map((v) => [v]);
}
const sbgCeiling = [
  [sbgCohort(5000), 1e-6],
  [cohortOf(5000, 'constant'), 0.1],
  [cohortOf(5000, 'rising'), 0.1],
  [cohortOf(5000, 'random'), 0.1],
];
const wave = (n, f) => Array.from({ length: n }, (_, i) => [Math.sin(i * f) + i * 1e-3]);
const leadlagCeiling = [
  // [periods, max_lag, method, differenced]: periods × (2 × max_lag + 1) ≤ 5,000,000
  [200_000, 12, 'spearman', true],
  [200_000, 12, 'pearson', false],
  [1582, 1579, 'spearman', false],
  [10_000, 249, 'spearman', false],
].map(([n, m, method, diff]) => [wave(n, 1), wave(n, 1.3), m, method, diff]);
const worst = (cases, run) =>
  cases.reduce(
    (most, c) =>
      Math.max(
        most,
        time(() => run(c), 3, 1),
      ),
    0,
  );
/** A bare loop in the same vm: 5,000,000 logarithms, the unit of the ceilings' work. */
const bareLoop = vm.runInContext(
  '(function () { var log = Math.log, s = 0; for (var i = 1; i <= 5e6; i++) s += log(i); return s; })',
  ctx,
);

/** Times a core run on a fixture made just before and dropped right after (the heap stays small). */
function timeCore(make, run, runs, warmup) {
  let data = make();
  const ms = time(() => run(data), runs, warmup);
  data = null;
  return ms;
}

/** The Lamps tab on one fixture (it takes a while to build): judged afresh, then with the evidence kept, and the bare loop. */
function timePanel() {
  let f = core.panelFixture();
  const out = {
    lamps_panel_100k_ms: time(() => core.run.panel(f), 3, 1),
    lamps_panel_cached_100k_ms: time(() => core.run.panelCached(f), 3, 1),
    lamps_panel_baseline_ms: time(() => core.baseline.panel(f), 3, 1),
  };
  f = null;
  return out;
}

const trig = loadTs('bench/trigger-bench.ts');
const results = {
  nps_1m_ms: time(() => call('NPS', scores)),
  nps_grouped_1m_ms: time(() => call('NPS', scores, groups)),
  ltv_100k_ms: time(() => call('LTV', value, 0.8, churn, 0.01, 5000)),
  leadlag_10k_ms: time(() => call('LEADLAG', lead, lag, 24, 'pearson', false)),
  leadlag_spearman_10k_ms: time(() => call('LEADLAG', lead, lag, 24, 'spearman', false)),
  sbg_fit_ms: time(() => call('LTV_SBG', cohort, 100, 0.01)),
  ...revenueBenchmarks(ctx, time),
  sbg_ceiling_worst_ms: worst(sbgCeiling, ([a, d]) => call('LTV_SBG', a, 100, d)),
  leadlag_ceiling_worst_ms: worst(leadlagCeiling, (args) => call('LEADLAG', ...args)),
  bare_loop_5m_logs_ms: time(bareLoop, 3, 1),
  check_tree_ms: timeCore(core.checkFixture, core.run.check, 7, 2),
  evaluate_100k_ms: timeCore(core.evaluateFixture, core.run.evaluate, 9, 2),
  evaluate_100k_baseline_ms: timeCore(core.evaluateFixture, core.baseline.evaluate, 9, 2),
  evaluate_all_lamps_100k_ms: timeCore(core.evaluateFixture, core.run.evaluateAllLamps, 7, 1),
  backtest_1m_ms: timeCore(core.backtestFixture, core.run.backtest, 3, 1),
  backtest_1m_baseline_ms: timeCore(core.backtestFixture, core.baseline.backtest, 3, 1),
  ...timePanel(),
  bundle_kb: Math.round((statSync(codePath).size / 1024) * 10) / 10,
  // The BigQuery deployment's script (dist-bigquery/): dist/Code.js plus the SQL compiler and the BigQuery adapter.
  bundle_bigquery_kb: Math.round((statSync(join(root, 'dist-bigquery', 'Code.js')).size / 1024) * 10) / 10,
};
// A daily run of 100,000 accounts (the work of the run, no Sheets latency), beside a bare loop over the same values.
{
  const f = trig.runFixture(100_000);
  results.run_100k_ms = time(() => trig.dailyRun(f), 5, 1);
  results.bare_loop_100k_ms = time(() => trig.bareLoop(f), 5, 1);
}
// The slowest custom-function figure above, against the 30 s Sheets allows a call.
results.custom_function_worst_ms = Math.max(
  results.nps_1m_ms,
  results.nps_grouped_1m_ms,
  results.ltv_100k_ms,
  results.leadlag_10k_ms,
  results.leadlag_spearman_10k_ms,
  results.sbg_fit_ms,
);
// Reading: KPI Lamp's loaders beside the libraries alone, on the same files, in this run.
const reading = loadTs('bench/read-bench.ts');
{
  const CSV_ROWS = 1_000_000;
  const XLSX_ROWS = 100_000;
  const files = await reading.readFixtures(CSV_ROWS, XLSX_ROWS);
  try {
    const check = (n, want, what) => {
      if (n !== want) throw new Error(`${what} read ${n} rows, not ${want}`);
    };
    Object.assign(results, {
      csv_read_1m_rows_ms: time(() => check(reading.csvRead(files), CSV_ROWS, 'csvRead'), 3, 0),
      csv_parse_1m_rows_ms: time(() => check(reading.csvParseBare(files), CSV_ROWS, 'csv-parse'), 3, 0),
      xlsx_read_100k_rows_ms: await timeAsync(
        async () => check(await reading.xlsxRead(files), XLSX_ROWS, 'xlsxRead'),
        3,
        0,
      ),
      xlsx_parse_100k_rows_ms: await timeAsync(
        async () => check(await reading.xlsxParseBare(files), XLSX_ROWS, 'exceljs'),
        3,
        0,
      ),
    });
  } finally {
    reading.removeFixtures(files);
  }
}

// `kpi-lamp lamps --all --json` on a million rows (about 1 GB of JSON, streamed), in a child process
// beside `kpi-lamp info` reading the same folder; once each (a run takes about a minute).
Object.assign(results, await loadTs('bench/lamps-bench.ts').lampsMillionRows());

// Issue 15: the lamps, backtest and curve of 200,000 accounts × 50 months of Snapshots, computed by
// DuckDB over the CSV files and by the TypeScript path in memory, each in its own process with its
// peak memory, beside DuckDB's one scan of the file (a few minutes; `--no-sql` leaves it out).
if (!process.argv.includes('--no-sql')) Object.assign(results, await loadTs('bench/sql-bench.ts').sqlLamps());

// Call counts last: their 100,000-account fakes would slow the timings above.
const run1k = trig.countRun(1000);
const run100k = trig.countRun(100000);
Object.assign(results, {
  trigger_calls_1k: run1k.data,
  trigger_calls_100k: run100k.data,
  naive_calls_100k: trig.countNaive(100000),
  trigger_navigation_calls_100k: run100k.total - run100k.data,
  trigger_first_run_calls_100k: run100k.firstData,
  trigger_snapshot_day_calls_100k: run100k.snapshotDayData,
  sidebar_context_cells_100k: trig.sidebarCells(100000),
});
for (const k of Object.keys(results)) if (k.endsWith('_ms')) results[k] = Math.round(results[k] * 100) / 100;

const budgets = {
  bundle_kb: 150,
  check_tree_ms: 200,
  evaluate_100k_ms: 500,
  backtest_1m_ms: 2000,
  trigger_calls_1k: 8,
  trigger_calls_100k: 8,
  // Apps Script's limits (https://developers.google.com/apps-script/guides/services/quotas):
  // 6 minutes an execution, 30 seconds a custom-function call. Node on this machine, not Apps Script's V8.
  run_100k_ms: 360000,
  custom_function_worst_ms: 30000,
  // A tenth of Sheets' 30 s per custom-function call: room for a server several times slower.
  sbg_ceiling_worst_ms: 3000,
  leadlag_ceiling_worst_ms: 3000,
};
/** Measures reported for information, without a budget. */
const unbudgeted = new Set([
  'evaluate_all_lamps_100k_ms',
  'bare_loop_100k_ms',
  'bare_loop_5m_logs_ms',
  'evaluate_100k_baseline_ms',
  'backtest_1m_baseline_ms',
  'lamps_panel_100k_ms',
  'lamps_panel_cached_100k_ms',
  'lamps_panel_baseline_ms',
  // Reading is reported beside the library alone on the same file (its baseline), not against a fixed budget.
  'csv_read_1m_rows_ms',
  'csv_parse_1m_rows_ms',
  'xlsx_read_100k_rows_ms',
  'xlsx_parse_100k_rows_ms',
  // The million-row listing is reported beside reading the same workbook (its floor), with both peaks of memory.
  'lamps_json_1m_rows_ms',
  'read_1m_rows_info_ms',
  // The SQL path is reported beside the TypeScript path on the same data (a ratio) and DuckDB's scan of the file.
  'sql_lamps_10m_ms',
  'ts_lamps_10m_ms',
  'sql_lamps_fit_ms',
  'ts_lamps_fit_ms',
  'sql_scan_10m_loop_ms',
]);
// Bare loops over the same rows: the baseline a function's time is compared with.
for (const k of Object.keys(results)) if (k.endsWith('_loop_ms')) unbudgeted.add(k);
// The biggest inputs a spreadsheet can hold (10 million cells), on request: Sheets stops a call at 30 s.
if (process.argv.includes('--sheet-limit')) {
  for (const [k, v] of Object.entries(sheetLimitBenchmarks(ctx))) {
    results[k] = v;
    budgets[k] = 30000;
  }
}
const budget = (k) => (unbudgeted.has(k) ? undefined : (budgets[k] ?? (k.endsWith('_ms') ? 100 : undefined)));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results));
} else {
  console.log(`KPI Lamp benchmark (medians of several runs, node ${process.version})\n`);
  console.log('measure                       value     budget');
  for (const [k, v] of Object.entries(results)) {
    const b = budget(k);
    const flag = b === undefined ? '' : (k.includes('_calls') ? v <= b : v < b) ? 'ok' : 'OVER';
    const sign = k.includes('_calls') ? '<=' : '<';
    console.log(`${k.padEnd(30)}${String(v).padStart(9)}  ${b === undefined ? '' : `${sign} ${b}`.padEnd(8)} ${flag}`);
  }
}
