/**
 * =MRR_MOVEMENTS and =ONBOARDING_RATE, timed beside a bare loop over the
 * same rows in the same run. The tables are built inside the script's vm
 * context (its own arrays, strings and Dates, as Sheets passes them), and
 * the bare loop runs there too, so both pay the same cost of reading cells.
 */
import vm from 'node:vm';

/** Defines the fixtures and the bare loops inside the context. */
const FIXTURES = `
var __bench = (function () {
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function month(k) {
    var y = 2024 + Math.floor(k / 12), m = (k % 12) + 1;
    return y + '-' + (m < 10 ? '0' : '') + m;
  }
  /** accounts × months snapshot rows, month by month: joins, upgrades, downgrades, pauses and churn. */
  function snapshots(accounts, months, seed) {
    var r = rng(seed), ids = [], mons = [], mrr = [];
    var current = [];
    for (var a = 0; a < accounts; a++) current.push(r() < 0.7 ? 100 + Math.floor(r() * 9900) : 0);
    for (var k = 0; k < months; k++) {
      var label = month(k);
      for (var a = 0; a < accounts; a++) {
        var x = current[a], u = r();
        if (x === 0) { if (u < 0.05) x = 100 + Math.floor(r() * 9900); }
        else if (u < 0.02) x = 0;
        else if (u < 0.08) x = Math.round(x * (1 + r() * 0.5));
        else if (u < 0.11) x = Math.round(x * (0.5 + r() * 0.49));
        current[a] = x;
        ids.push(['A' + (100000 + a)]);
        mons.push([label]);
        mrr.push([x]);
      }
    }
    return { ids: ids, months: mons, mrr: mrr };
  }
  /** rows onboardings over three years: most completed within 0–90 days, some not yet. */
  function onboardings(rows, seed) {
    var r = rng(seed), starts = [], done = [];
    for (var i = 0; i < rows; i++) {
      var s = new Date(2023, 0, 1 + Math.floor(r() * 1095));
      starts.push([s]);
      done.push([r() < 0.8 ? new Date(s.getFullYear(), s.getMonth(), s.getDate() + Math.floor(r() * 90)) : '']);
    }
    return { starts: starts, done: done };
  }
  /** The least any function must do: read every cell of the three columns once. */
  function mrrLoop(t) {
    var n = 0, sum = 0;
    for (var i = 0; i < t.ids.length; i++) {
      var a = t.ids[i][0], m = t.months[i][0], x = t.mrr[i][0];
      if (typeof x === 'number' && a !== '' && typeof m === 'string') { n++; sum += x; }
    }
    return n + sum;
  }
  function onboardingLoop(t) {
    var n = 0, late = 0;
    for (var i = 0; i < t.starts.length; i++) {
      var s = t.starts[i][0], c = t.done[i][0];
      if (s !== '') { n++; if (c !== '' && c.getTime() - s.getTime() > 2592000000) late++; }
    }
    return n + late;
  }
  return { snapshots: snapshots, onboardings: onboardings, mrrLoop: mrrLoop, onboardingLoop: onboardingLoop };
})();`;

const round = (x) => Math.round(x * 100) / 100;

/**
 * Returns {mrr_movements_100k_ms, mrr_movements_100k_loop_ms, mrr_movements_100k_x_loop,
 * onboarding_rate_100k_ms, onboarding_rate_100k_loop_ms, onboarding_rate_100k_x_loop}.
 */
export function revenueBenchmarks(ctx, time) {
  vm.runInContext(FIXTURES, ctx, { filename: 'revenue-bench-fixtures.js' });
  const b = ctx.__bench;
  const out = {};
  {
    let t = b.snapshots(5000, 20, 16);
    out.mrr_movements_100k_ms = time(() => ctx.MRR_MOVEMENTS(t.ids, t.months, t.mrr));
    out.mrr_movements_100k_loop_ms = time(() => b.mrrLoop(t));
    t = null;
  }
  {
    let t = b.onboardings(100000, 17);
    out.onboarding_rate_100k_ms = time(() => ctx.ONBOARDING_RATE(t.starts, t.done, 30));
    out.onboarding_rate_100k_loop_ms = time(() => b.onboardingLoop(t));
    t = null;
  }
  out.mrr_movements_100k_x_loop = round(out.mrr_movements_100k_ms / out.mrr_movements_100k_loop_ms);
  out.onboarding_rate_100k_x_loop = round(out.onboarding_rate_100k_ms / out.onboarding_rate_100k_loop_ms);
  return out;
}

/**
 * The biggest inputs a spreadsheet can hold (10 million cells): 3,333,333
 * snapshot rows in three columns, 5,000,000 onboardings in two. One run
 * each, for `npm run bench -- --sheet-limit`.
 */
export function sheetLimitBenchmarks(ctx) {
  if (!ctx.__bench) vm.runInContext(FIXTURES, ctx, { filename: 'revenue-bench-fixtures.js' });
  const b = ctx.__bench;
  const once = (fn) => {
    const t0 = process.hrtime.bigint();
    fn();
    return round(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  const out = {};
  {
    let t = b.snapshots(166667, 20, 18);
    out.mrr_movements_3_3m_rows_ms = once(() => ctx.MRR_MOVEMENTS(t.ids, t.months, t.mrr));
    t = null;
  }
  {
    let t = b.onboardings(5000000, 19);
    out.onboarding_rate_5m_rows_ms = once(() => ctx.ONBOARDING_RATE(t.starts, t.done, 30));
    t = null;
  }
  return out;
}
