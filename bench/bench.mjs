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
  check_tree_ms: timeCore(core.checkFixture, core.run.check, 7, 2),
  evaluate_100k_ms: timeCore(core.evaluateFixture, core.run.evaluate, 9, 2),
  evaluate_100k_baseline_ms: timeCore(core.evaluateFixture, core.baseline.evaluate, 9, 2),
  evaluate_all_lamps_100k_ms: timeCore(core.evaluateFixture, core.run.evaluateAllLamps, 7, 1),
  backtest_1m_ms: timeCore(core.backtestFixture, core.run.backtest, 3, 1),
  backtest_1m_baseline_ms: timeCore(core.backtestFixture, core.baseline.backtest, 3, 1),
  ...timePanel(),
  bundle_kb: Math.round((statSync(codePath).size / 1024) * 10) / 10,
};
// Call counts last: their 100,000-account fakes would slow the timings above.
const run1k = trig.countRun(1000);
const run100k = trig.countRun(100000);
Object.assign(results, {
  trigger_calls_1k: run1k.data,
  trigger_calls_100k: run100k.data,
  naive_calls_100k: trig.countNaive(100000),
  trigger_navigation_calls_100k: run100k.total - run100k.data,
  trigger_first_run_calls_100k: run100k.firstData,
});
for (const k of Object.keys(results)) if (k.endsWith('_ms')) results[k] = Math.round(results[k] * 100) / 100;

const budgets = { bundle_kb: 150, check_tree_ms: 200, evaluate_100k_ms: 500, backtest_1m_ms: 2000, trigger_calls_1k: 8, trigger_calls_100k: 8 };
/** Measures reported for information, without a budget. */
const unbudgeted = new Set(['evaluate_all_lamps_100k_ms', 'evaluate_100k_baseline_ms', 'backtest_1m_baseline_ms', 'lamps_panel_100k_ms', 'lamps_panel_cached_100k_ms', 'lamps_panel_baseline_ms']);
const budget = (k) => (unbudgeted.has(k) ? undefined : budgets[k] ?? (k.endsWith('_ms') ? 100 : undefined));

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
