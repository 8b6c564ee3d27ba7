/**
 * Every figure sample/README.md quotes, recomputed from the sample workbook
 * (sample/workbook/*.csv) the way a person would get it:
 * - a sheet's formulas (=LTV_SBG, =LTV, =MRR_MOVEMENTS, =ONBOARDING_RATE) and
 *   =NPS typed into an empty cell, computed by the built dist/Code.js through
 *   the playground's formula evaluation (run `npm run build` first);
 * - the KPI tree's verdicts and the backtest through the command line
 *   (`kpi-lamp check` / `kpi-lamp lamps --json`), for the KPIs and lamps the
 *   README's tables name (read from the README itself, so a re-tuned sample
 *   needs its figures rewritten, not this code);
 * - counts, dates and shares straight from the CSV cells.
 *
 * One list of figures (FIGURES, TABLES) serves both the test
 * (test/sample-readme.test.ts: every quoted figure equals its recomputed
 * value, and no number in the README is left unexplained) and the script
 * that rewrites the quoted figures from the current sample
 * (`npm run sample:readme`, scripts/sample-readme.mjs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
// The contract's least number of pairs for a lag (shared/spec/kpi-tree.md), as the core uses it.
import { MIN_PAIRS } from '../../src/core/tree/verdicts';
import { SETTINGS_SHEET, TREE_SHEET } from '../../src/core/tree/sheet-rows';
import { loadWorkbook } from '../../src/local/load-workbook';
import { isFormula, isImportedText, type MemoryWorkbook } from '../../src/local/memory-workbook';
import { a1 } from '../../src/core/a1';
import { columnLetter } from '../../src/core/table';
import { displayGrid, FormulaEngine, workbookCells, type GridCell } from '../../src/playground/formulas';
import { loadFunctionHost } from '../../src/playground/functions-vm';
import type { CellValue } from '../../src/ports/workbook';
import { asWritten, like } from './markdown-tables';

export { like };

export const ROOT = join(__dirname, '..', '..');
export const SAMPLE_DIR = join(ROOT, 'sample', 'workbook');
export const SAMPLE_README = join(ROOT, 'sample', 'README.md');
const GENERATOR = join(ROOT, 'sample', 'generate.py');

// ---- the sample, as the playground and the command line see it ------------------------------

type Row = CellValue[];

export class Sample {
  private readonly cliCache = new Map<string, Promise<unknown>>();
  private readonly shownCache = new Map<string, (GridCell | null)[][]>();
  private extra = 0;

  private constructor(
    readonly dir: string,
    readonly book: MemoryWorkbook,
    readonly engine: FormulaEngine,
  ) {}

  /** Loads a CSV-folder workbook with its formulas computed by the built script in dist/. */
  static async load(dir = SAMPLE_DIR, dist = join(ROOT, 'dist')): Promise<Sample> {
    let engine: FormulaEngine | null = null;
    const book = await loadWorkbook(dir, { evaluate: (s, r, c) => engine!.valueAt(s, r, c) });
    engine = new FormulaEngine(
      workbookCells(() => book),
      loadFunctionHost(readFileSync(join(dist, 'Code.js'), 'utf8')),
    );
    return new Sample(dir, book, engine);
  }

  header(sheet: string): string[] {
    const h = this.book.headerRow(sheet);
    if (h === null) throw new Error(`the sample has no sheet ${sheet}`);
    return h;
  }

  /** The rows below the header, each cell as Sheets would have imported it (numbers, TRUE/FALSE, dates as ISO text). */
  rows(sheet: string): Row[] {
    const grid = this.book.grid(sheet) ?? [];
    return grid
      .slice(1)
      .map((line) => line.map((c) => (isFormula(c) ? null : isImportedText(c) ? c.imported : (c ?? null))));
  }

  column(sheet: string, name: string): CellValue[] {
    const j = this.header(sheet).indexOf(name);
    if (j < 0) throw new Error(`the sample's ${sheet} sheet has no column ${name}`);
    return this.rows(sheet).map((r) => r[j] ?? null);
  }

  /** The sheet as the playground shows it: formulas computed by dist/Code.js and spilled. */
  shown(sheet: string): (GridCell | null)[][] {
    let g = this.shownCache.get(sheet);
    if (!g) {
      g = displayGrid(this.engine, sheet, this.book.grid(sheet) ?? []);
      this.shownCache.set(sheet, g);
    }
    return g;
  }

  /** The cells of the spilled result of the first formula calling `fn` on a sheet (header row first), and where it is. */
  spill(
    sheet: string,
    fn: string,
  ): { at: string; row: number; column: number; formula: string; values: CellValue[][] } {
    const grid = this.shown(sheet);
    for (let r = 0; r < grid.length; r++) {
      const c = grid[r].findIndex((x) => x?.k === 'f' && x.f?.startsWith(`=${fn}(`));
      if (c < 0) continue;
      const at = a1(r + 1, c + 1);
      const values: CellValue[][] = [];
      for (let i = r; i < grid.length && (i === r || grid[i][c]?.at === at); i++) {
        const line: CellValue[] = [];
        for (let j = c; j < grid[i].length && (j === c || grid[i][j]?.at === at); j++) line.push(grid[i][j]?.v ?? null);
        values.push(line);
      }
      return { at, row: r + 1, column: c + 1, formula: grid[r][c]!.f!, values };
    }
    throw new Error(`no =${fn} formula computed on the ${sheet} sheet`);
  }

  /** Every formula cell of a sheet calling `fn`, in order: its A1 address and text as stored. */
  formulas(sheet: string, fn: string): { row: number; column: number; formula: string }[] {
    const out: { row: number; column: number; formula: string }[] = [];
    (this.book.grid(sheet) ?? []).forEach((line, r) =>
      line.forEach((c, j) => {
        if (isFormula(c) && c.formula.startsWith(`=${fn}(`))
          out.push({ row: r + 1, column: j + 1, formula: c.formula });
      }),
    );
    return out;
  }

  /** A formula typed into an empty cell of a sheet, computed as the playground computes it. */
  formula(sheet: string, text: string): CellValue | CellValue[][] {
    const r = this.engine.evaluate(sheet, 1_000_000 + this.extra++, 1, text);
    if (r.kind === 'value') return r.value;
    if (r.kind === 'array') return r.values;
    throw new Error(`${text} on ${sheet}: ${r.kind === 'error' ? r.code : 'not computed'} ${JSON.stringify(r.note)}`);
  }

  /** The JSON a kpi-lamp command prints for this workbook with a tree (its nodes; the settings are the workbook's). */
  cli(command: 'check' | 'lamps', nodes: unknown[], extra: string[] = []): Promise<unknown> {
    const key = JSON.stringify([command, nodes, extra]);
    let p = this.cliCache.get(key);
    if (!p) {
      p = this.runCli(command, nodes, extra);
      this.cliCache.set(key, p);
    }
    return p;
  }

  private async runCli(command: string, nodes: unknown[], extra: string[]): Promise<unknown> {
    const call = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await run(argv, {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env: { LANG: 'en_US.UTF-8' },
      });
      if (code !== 0) throw new Error(`kpi-lamp ${argv.join(' ')}: exit ${code}: ${stderr}`);
      return stdout;
    };
    const settings = (JSON.parse(await call(['export-tree', this.dir])) as { settings: unknown }).settings;
    const tmp = mkdtempSync(join(tmpdir(), 'kpi-lamp-figures-'));
    try {
      const tree = join(tmp, 'tree.json');
      writeFileSync(tree, JSON.stringify({ format: 'kpi-lamp/tree@1', settings, nodes }));
      return JSON.parse(await call([command, this.dir, '--tree', tree, '--json', '--lang', 'en', ...extra]));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** The JSON a kpi-lamp command prints for this workbook with its own KPI tree (the starter tree it carries). */
  ownTree(command: 'check' | 'lamps'): Promise<unknown> {
    const key = JSON.stringify([command, 'own tree']);
    let p = this.cliCache.get(key);
    if (!p) {
      p = (async () => {
        let stdout = '';
        let stderr = '';
        const argv = [command, this.dir, '--json', '--lang', 'en'];
        const code = await run(argv, {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
          env: { LANG: 'en_US.UTF-8' },
        });
        if (code !== 0) throw new Error(`kpi-lamp ${argv.join(' ')}: exit ${code}: ${stderr}`);
        return JSON.parse(stdout);
      })();
      this.cliCache.set(key, p);
    }
    return p;
  }

  /** The tree settings of the workbook (KPI Lamp Settings). */
  setting(key: string): string {
    const rows = this.rows('KPI Lamp Settings');
    const row = rows.find((r) => r[0] === key);
    if (!row) throw new Error(`no setting ${key}`);
    return String(row[1]);
  }
}

// ---- how the README writes numbers ---------------------------------------------------------------

const MINUS = '−';
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

export const word = (n: number): string => WORDS[n] ?? String(n);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A p-value: two significant digits, in exponent form below 0.001 (3.3e-7). */
export function pValue(p: number): string {
  return p < 0.001 ? p.toExponential(1).replace('e+', 'e') : Number(p.toPrecision(2)).toString();
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const num = (v: CellValue): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN);
const sorted = <T>(xs: Iterable<T>) => [...xs].sort();
const distinct = <T>(xs: Iterable<T>) => sorted(new Set(xs));
const minOf = (xs: string[]) => xs.reduce((a, b) => (b < a ? b : a));
const maxOf = (xs: string[]) => xs.reduce((a, b) => (b > a ? b : a));

/** Whole months from one ISO date to another (rounded up). */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) + (d2 > d1 ? 1 : 0);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Items written like the quoted list `old`: its separators (a line break kept where it was) when the count is the same. */
function listLike(items: string[], old: string): string {
  const seps = old.split(/\d{4}-\d{2}/).slice(1, -1);
  if (seps.length !== items.length - 1) return items.join(', ');
  return items.map((x, i) => x + (seps[i] ?? '')).join('');
}

const JA_MONTH = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;

// ---- the facts the README quotes ------------------------------------------------------------------

/** The generator's own constants the README names (its seed and the date the sample is "as of"). */
export function generatorConstant(name: 'SEED' | 'TODAY' | 'NOT_ONBOARDED_HAZARD'): string {
  const text = readFileSync(GENERATOR, 'utf8');
  if (name === 'SEED') return /^SEED = (\d+)/m.exec(text)![1];
  if (name === 'NOT_ONBOARDED_HAZARD') return String(Number(/^NOT_ONBOARDED_HAZARD = ([\d.]+)/m.exec(text)![1]));
  const [, y, m, d] = /^TODAY = date\((\d+), (\d+), (\d+)\)/m.exec(text)!;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Month by month: the Snapshots rows and the rows with churned TRUE. */
function churnByMonth(s: Sample): { month: string; rows: number; churned: number }[] {
  const months = s.column('Snapshots', 'month').map(String);
  const churned = s.column('Snapshots', 'churned');
  const by = new Map<string, { month: string; rows: number; churned: number }>();
  months.forEach((m, i) => {
    const e = by.get(m) ?? { month: m, rows: 0, churned: 0 };
    e.rows++;
    if (churned[i] === true) e.churned++;
    by.set(m, e);
  });
  return sorted(by.keys()).map((m) => by.get(m)!);
}

/** The seasonal pauses: accounts with a month of mrr 0 that did not churn then, and how many months each paused. */
function pauses(s: Sample): number[] {
  const acc = s.column('Snapshots', 'account_id');
  const mrr = s.column('Snapshots', 'mrr');
  const churned = s.column('Snapshots', 'churned');
  const months = new Map<string, number>();
  acc.forEach((a, i) => {
    if (num(mrr[i]) === 0 && churned[i] !== true) months.set(String(a), (months.get(String(a)) ?? 0) + 1);
  });
  return [...months.values()];
}

/** =NPS(score, plan) on the NPS sheet, by plan: each plan's NPS and number of responses. */
function npsByPlan(s: Sample): Map<string, { nps: number; n: number }> {
  const h = s.header('NPS');
  const n = s.rows('NPS').length;
  const col = (name: string) => columnLetter(h.indexOf(name) + 1);
  const table = s.formula(
    'NPS',
    `=NPS(${col('score')}2:${col('score')}${n + 1},${col('plan')}2:${col('plan')}${n + 1})`,
  ) as CellValue[][];
  const head = table[0].map(String);
  const out = new Map<string, { nps: number; n: number }>();
  for (const r of table.slice(1))
    out.set(String(r[0]), { nps: num(r[head.indexOf('nps')]), n: num(r[head.indexOf('responses')]) });
  return out;
}

/** The months with a start in =MRR_MOVEMENTS (all but the first): the mean of a column over them. */
function mrrMean(s: Sample, column: string): { months: number; mean: number } {
  const t = s.spill('Metrics', 'MRR_MOVEMENTS').values;
  const j = t[0].indexOf(column);
  const vals = t
    .slice(1)
    .map((r) => r[j])
    .filter((v): v is number => typeof v === 'number');
  return { months: vals.length, mean: vals.reduce((a, b) => a + b, 0) / vals.length };
}

/** The =ONBOARDING_RATE table as rows keyed by month. */
function onboarding(s: Sample): { header: string[]; rows: CellValue[][] } {
  const t = s.spill('Metrics', 'ONBOARDING_RATE').values;
  return { header: t[0].map(String), rows: t.slice(1) };
}

function onboardingDays(s: Sample): number {
  return Number(/,\s*(\d+)\s*\)$/.exec(s.formulas('Metrics', 'ONBOARDING_RATE')[0].formula)![1]);
}

/** The latest date in the onboarding columns (=ONBOARDING_RATE's as_of when left out). */
function onboardingAsOf(s: Sample): string {
  const dates = [
    ...s.column('Accounts', 'onboarding_start_date'),
    ...s.column('Accounts', 'onboarding_completed_date'),
  ].filter((v): v is string => typeof v === 'string');
  return maxOf(dates);
}

// ---- the starter tree's evidence and the alert budget (kpi-lamp lamps on the workbook's own tree) ----

interface OwnLamps {
  backtest: { node: string; name: string; lift: number | null; lift_ci95: [number, number] | null; evidence: string }[];
  budget: {
    alert_budget: number;
    accounts: number;
    lit: number;
    lit_share: number;
    nodes: { node: string; lit: number; lit_share: number }[];
  };
}
interface OwnCheck {
  nodes: { id: string; name: string; best_lag: number | null }[];
}

const ownLamps = async (s: Sample) => (await s.ownTree('lamps')) as OwnLamps;

/** The starter tree's lamp node a row of the README's evidence table names: "30-day login rate (warn 0.5, alert 0.3)". */
async function ownNode(s: Sample, key: string): Promise<{ id: string; name: string }> {
  const name = key.replace(/ \((?:warn|alert)[^)]*\)$/, '');
  // The README may shorten a name ("Executive meetings" for "Executive meetings (90 days)"): one lamp must start with it.
  const found = (await ownLamps(s)).backtest.filter((x) => x.name === name || x.name.startsWith(`${name} (`));
  if (found.length !== 1) throw new Error(`the starter tree has ${found.length} lamps named "${name}"`);
  const b = found[0];
  return { id: b.node, name };
}

const pct = (share: number) => String(Math.round(share * 100));

/**
 * Different accounts that churned within the horizon while a lamp was lit
 * (the small-sample count the README quotes), from Snapshots, with the
 * contract's backtest windows; for a plain kpi node (no by_plan), read from
 * the starter tree in the workbook's KPI Lamp Tree sheet.
 */
function litChurnedAccounts(s: Sample, id: string): number {
  const tree = s.header(TREE_SHEET);
  const node = s.rows(TREE_SHEET).find((r) => r[tree.indexOf('id')] === id);
  if (!node) throw new Error(`no node ${id} in ${TREE_SHEET}`);
  const field = (f: string) => node[tree.indexOf(f)];
  if (field('type') !== 'kpi' || (field('by_plan') ?? '') !== '')
    throw new Error(`${id}: only a plain kpi node is recomputed here`);
  const column = String(field('accounts_column'));
  const lower = field('direction') === 'lower_is_better';
  const cut = [field('warn'), field('alert')].filter((v) => v !== null && v !== '').map(Number);
  const limit = lower ? Math.min(...cut) : Math.max(...cut);
  const h = Number(s.setting('horizon_months'));
  const months = s.column('Snapshots', 'month').map(String);
  const ids = s.column('Snapshots', 'account_id').map(String);
  const churned = s.column('Snapshots', 'churned');
  const values = s.column('Snapshots', column);
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const last = index(maxOf(months));
  const churnAt = new Map<string, number>();
  months.forEach((m, i) => churned[i] === true && churnAt.set(ids[i], index(m)));
  const found = new Set<string>();
  months.forEach((m, i) => {
    const t = index(m);
    const c = churnAt.get(ids[i]);
    if ((c !== undefined && t >= c) || t + h > last) return;
    const v = values[i];
    if (typeof v !== 'number' || !(lower ? v >= limit : v <= limit)) return;
    if (c !== undefined && c <= t + h) found.add(ids[i]);
  });
  return found.size;
}

// ---- figures in the text --------------------------------------------------------------------------

/**
 * A figure in running text: `pattern` (global; a space matches any white
 * space, as the text wraps anywhere) finds it; each
 * capture group is one quoted figure, recomputed by `values` (null keeps a
 * group as written: a key the others depend on).
 */
export interface TextFigure {
  name: string;
  pattern: RegExp;
  values(s: Sample, m: RegExpExecArray): Promise<(string | null)[]> | (string | null)[];
  /** How many times the pattern must match (default 1). */
  times?: number;
}

const sheetRow = (file: string, rest: string) => new RegExp(`^\\| \`${file}\` \\| ${rest} \\| (.*) \\|$`, 'gm');
const columnsOf = (s: Sample, sheet: string) => s.header(sheet).join(', ');

export const FIGURES: TextFigure[] = [
  // ---- the introduction
  {
    name: 'accounts (about N), as-of date, last month',
    pattern: /about (\d+)\s+customer accounts, as of (\d{4}-\d{2}-\d{2})\. The data runs to\s+month (\d{4}-\d{2})\./g,
    values: (s) => [
      String(Math.round(s.rows('Accounts').length / 10) * 10),
      generatorConstant('TODAY'),
      maxOf(s.column('Snapshots', 'month').map(String)),
    ],
  },
  { name: "the generator's seed", pattern: /\(`SEED = (\d+)`\)/g, values: () => [generatorConstant('SEED')] },
  // ---- the table of sheets: counts and columns
  {
    name: 'Accounts rows and columns',
    pattern: sheetRow('Accounts.csv', '(\\d+) current accounts'),
    values: (s) => [String(s.rows('Accounts').length), `\`${columnsOf(s, 'Accounts')}\``],
  },
  {
    name: 'Snapshots rows, accounts, months and columns',
    pattern: sheetRow(
      'Snapshots.csv',
      '([\\d,]+) \\((\\d+) accounts × their months, (\\d{4}-\\d{2}) \\.\\. (\\d{4}-\\d{2})\\)',
    ),
    values: (s) => {
      const months = s.column('Snapshots', 'month').map(String);
      return [
        thousands(months.length),
        String(distinct(s.column('Snapshots', 'account_id').map(String)).length),
        minOf(months),
        maxOf(months),
        `\`${columnsOf(s, 'Snapshots')}\``,
      ];
    },
  },
  {
    name: 'History months and columns',
    pattern: sheetRow('History.csv', '(\\d+) months, (\\d{4}-\\d{2}) \\.\\. (\\d{4}-\\d{2})'),
    values: (s) => {
      const months = s.column('History', 'month').map(String);
      return [String(months.length), minOf(months), maxOf(months), `\`${columnsOf(s, 'History')}\``];
    },
  },
  {
    name: 'NPS answers and columns',
    pattern: sheetRow('NPS.csv', '(\\d+) survey answers'),
    values: (s) => [String(s.rows('NPS').length), `\`${columnsOf(s, 'NPS')}\``],
  },
  {
    name: 'Cohorts periods, cohorts and columns',
    pattern: sheetRow('Cohorts.csv', 'periods 0\\.\\.(\\d+) of (\\d+) sign-up cohorts, then formulas'),
    values: (s) => {
      const periods = s.column('Cohorts', 'period').filter((v) => typeof v === 'number') as number[];
      const h = s.header('Cohorts');
      return [String(periods[periods.length - 1]), String(h.length - 1), `\`${h.join(', ')}\``];
    },
  },
  {
    name: 'Metrics formula cells',
    pattern:
      /^\| `Metrics\.csv` \| a row of titles, then two formulas \| `=MRR_MOVEMENTS` in ([A-Z]+\d+), `=ONBOARDING_RATE` in ([A-Z]+\d+) \|$/gm,
    values: (s) =>
      ['MRR_MOVEMENTS', 'ONBOARDING_RATE'].map((fn) =>
        a1(s.formulas('Metrics', fn)[0].row, s.formulas('Metrics', fn)[0].column),
      ),
  },
  // ---- Accounts
  {
    name: 'accounts without an NPS answer',
    pattern: /`last_nps` is blank for the ([\d.]+%) of accounts/g,
    values: (s) => {
      const v = s.column('Accounts', 'last_nps');
      return [like(v.filter((x) => x === null).length / v.length, '0.0%')];
    },
  },
  {
    name: 'CSMs',
    pattern: /ARR is in yen\. (\w+) CSMs are/g,
    values: (s) => [capital(word(distinct(s.column('Accounts', 'csm').map(String)).length))],
  },
  {
    name: 'renewals within N months of the as-of date',
    pattern: /contract anniversary, which falls within (\d+) months of (\d{4}-\d{2}-\d{2})\./g,
    values: (s) => {
      const asOf = generatorConstant('TODAY');
      const renewals = s.column('Accounts', 'renewal_date').map(String);
      if (minOf(renewals) < asOf) throw new Error(`a renewal date ${minOf(renewals)} is before ${asOf}`);
      return [String(monthsBetween(asOf, maxOf(renewals))), asOf];
    },
  },
  {
    name: 'the month of the Snapshots row an account copies',
    pattern: /same text as\s+its (\d{4}-\d{2}) row in Snapshots/g,
    values: (s) => [maxOf(s.column('Snapshots', 'month').map(String))],
  },
  {
    name: 'onboarding dates recorded since',
    pattern: /The team has recorded\s+them since (\w+ \d{4}),/g,
    values: (s) => {
      const first = minOf(
        s.column('Accounts', 'onboarding_start_date').filter((v): v is string => typeof v === 'string'),
      );
      return [
        new Date(`${first.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString('en-US', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }),
      ];
    },
  },
  {
    name: 'onboarding completion blank for an account not completed by the last month',
    pattern: /completed onboarding by (\d{4}-\d{2})\./g,
    values: (s) => [maxOf(s.column('Snapshots', 'month').map(String))],
  },
  // ---- Snapshots
  {
    name: 'first month of Snapshots (accounts that signed up after it)',
    pattern: /Accounts that signed up\s+after (\d{4}-\d{2}) start partway/g,
    values: (s) => [minOf(s.column('Snapshots', 'month').map(String))],
  },
  {
    name: 'churned accounts and mean monthly churn',
    pattern: /(\d+)\s+accounts churned, a mean monthly churn of ([\d.]+%)\./g,
    values: (s) => {
      const by = churnByMonth(s);
      const mean = by.reduce((a, m) => a + m.churned / m.rows, 0) / by.length;
      return [String(s.column('Snapshots', 'churned').filter((v) => v === true).length), like(mean, '0.0%')];
    },
  },
  {
    name: 'seasonal pauses',
    pattern: /during the seasonal pause of (\w+) accounts: each stops paying for (\w+) to (\w+)\s+months/g,
    values: (s) => {
      const p = pauses(s);
      return [word(p.length), word(Math.min(...p)), word(Math.max(...p))];
    },
  },
  // ---- NPS
  {
    name: 'survey months and their interval',
    pattern:
      /a relationship survey sent every (\w+) months \((\d{4}-\d{2}), (\d{4}-\d{2}),\s+(\d{4}-\d{2}), (\d{4}-\d{2})\), to which about (\d+)% of accounts reply/g,
    values: (s) => {
      const months = distinct(s.column('NPS', 'month').map(String));
      const gaps = distinct(months.slice(1).map((m, i) => monthsBetween(`${months[i]}-01`, `${m}-01`)));
      if (gaps.length !== 1) throw new Error(`the survey months are not evenly spaced: ${months.join(', ')}`);
      // The reply rate: answers in a survey month over the accounts in Snapshots that month.
      const snapMonths = s.column('Snapshots', 'month').map(String);
      const answered = s.column('NPS', 'month').length;
      const asked = months.reduce((a, m) => a + snapMonths.filter((x) => x === m).length, 0);
      return [word(gaps[0]), ...months, String(Math.round((100 * answered) / asked))];
    },
  },
  {
    name: 'NPS by plan (=NPS through the built functions)',
    pattern:
      /NPS is\s+Starter ([+\-−]?[\d.]+) \(n=(\d+)\), Growth ([+\-−]?[\d.]+) \(n=(\d+)\) and Enterprise ([+\-−]?[\d.]+) \(n=(\d+)\)\./g,
    values: (s, m) => {
      const by = npsByPlan(s);
      return ['Starter', 'Growth', 'Enterprise'].flatMap((plan, i) => [
        like(by.get(plan)!.nps, m[1 + 2 * i]),
        String(by.get(plan)!.n),
      ]);
    },
  },
  // ---- Cohorts
  {
    name: 'rows of the =LTV_SBG formulas and the first one',
    pattern: /`LTV_SBG <cohort>` in rows (\d+), (\d+), (\d+) and (\d+):\s+`(=LTV_SBG\([^`]*\))` for column B/g,
    values: (s) => {
      const f = s.formulas('Cohorts', 'LTV_SBG');
      return [...f.map((x) => String(x.row)), f[0].formula];
    },
  },
  {
    name: 'the size of an =LTV_SBG spill',
    pattern: /because its result spills a table (\d+) rows high and (\d+) columns wide/g,
    values: (s) => {
      const v = s.spill('Cohorts', 'LTV_SBG').values;
      return [String(v.length), String(v[0].length)];
    },
  },
  {
    name: 'the constant-churn =LTV formula',
    pattern: /`LTV constant churn` in row (\d+): `(=LTV\([^`]*\))`/g,
    values: (s) => {
      const f = s.formulas('Cohorts', 'LTV');
      return [String(f[0].row), f[0].formula];
    },
  },
  // ---- Metrics
  {
    name: 'the =MRR_MOVEMENTS formula, its cell and width',
    pattern:
      /- ([A-Z]+\d+): `(=MRR_MOVEMENTS\([^`]*\))`\s+spills the MRR movements of Snapshots: one row per month, (\d+) columns\s+\(([A-Z]+)\.\.([A-Z]+)\)\./g,
    values: (s) => {
      const sp = s.spill('Metrics', 'MRR_MOVEMENTS');
      const w = sp.values[0].length;
      return [sp.at, sp.formula, String(w), columnLetter(sp.column), columnLetter(sp.column + w - 1)];
    },
  },
  {
    name: 'the =ONBOARDING_RATE formula, its cell and width',
    pattern:
      /- ([A-Z]+\d+): `(=ONBOARDING_RATE\([^`]*\))` spills the\s+share of onboardings completed within (\d+) days, by start month\s+\(([A-Z]+)\.\.([A-Z]+)\)\./g,
    values: (s) => {
      const sp = s.spill('Metrics', 'ONBOARDING_RATE');
      return [
        sp.at,
        sp.formula,
        String(onboardingDays(s)),
        columnLetter(sp.column),
        columnLetter(sp.column + sp.values[0].length - 1),
      ];
    },
  },
  {
    name: 'first month of Snapshots (only the end filled)',
    pattern: /(\d{4}-\d{2}) is the first month of Snapshots\./g,
    values: (s) => [String(s.spill('Metrics', 'MRR_MOVEMENTS').values[1][0])],
  },
  {
    name: 'months with reactivations',
    pattern: /after a pause are `reactivated_customers` \(((?:\d{4}-\d{2},\s+)*\d{4}-\d{2})\)/g,
    values: (s, m) => {
      const t = s.spill('Metrics', 'MRR_MOVEMENTS').values;
      const j = t[0].indexOf('reactivated_customers');
      return [
        listLike(
          t
            .slice(1)
            .filter((r) => num(r[j]) > 0)
            .map((r) => String(r[0])),
          m[1],
        ),
      ];
    },
  },
  {
    name: 'means of the monthly rates',
    pattern:
      /their means over the (\d+) months that have a\s+start: customer churn ([\d.]+%), GRR ([\d.]+%), NRR ([\d.]+%) and upsell rate ([\d.]+%)/g,
    values: (s, m) => {
      const cols = ['logo_churn_rate', 'grr', 'nrr', 'upsell_rate'];
      return [String(mrrMean(s, cols[0]).months), ...cols.map((c, i) => like(mrrMean(s, c).mean, m[2 + i]))];
    },
  },
  {
    name: 'onboarding as_of and the first month without starts',
    pattern:
      /`as_of` is left out, so it is the latest date in either column\s+\((\d{4}-\d{2}-\d{2})\)\. No account started in (\d{4}-\d{2}), so that row/g,
    values: (s) => {
      const { header, rows } = onboarding(s);
      const empty = rows.find((r) => num(r[header.indexOf('started')]) === 0);
      return [onboardingAsOf(s), empty ? String(empty[0]) : 'none'];
    },
  },
  {
    name: 'the windows not over yet',
    pattern: /The (\d+)-day windows that began after (\d{4}-\d{2}-\d{2}) are not\s+over yet\./g,
    values: (s) => [String(onboardingDays(s)), addDays(onboardingAsOf(s), -onboardingDays(s))],
  },
  {
    name: 'a month with open onboardings',
    pattern:
      /(\d{4}-\d{2})'s rate of\s+([\d.]+%) is the rate among its (\d+) decided onboardings, while (\d+) more are still\s+open\./g,
    values: (s, m) => {
      const { header, rows } = onboarding(s);
      const r = rows.find((x) => x[0] === m[1]);
      if (!r) throw new Error(`=ONBOARDING_RATE has no row ${m[1]}`);
      const v = (c: string) => num(r[header.indexOf(c)]);
      return [null, like(v('rate'), m[2]), String(v('started') - v('still_open')), String(v('still_open'))];
    },
  },
  {
    name: 'tracked onboardings and the share completed in time',
    pattern:
      /Over the (\d+) tracked accounts, the\s+generator counts ([\d.]+%) completed within (\d+) days among those decided\./g,
    values: (s, m) => {
      const { header, rows } = onboarding(s);
      const sum = (c: string) => rows.reduce((a, r) => a + num(r[header.indexOf(c)]), 0);
      const tracked = s.column('Accounts', 'onboarding_start_date').filter((v) => v !== null).length;
      return [
        String(tracked),
        like(sum('completed_in_time') / (sum('started') - sum('still_open')), m[2]),
        String(onboardingDays(s)),
      ];
    },
  },
  {
    name: 'History and Snapshots lengths',
    pattern:
      /\*\*History\*\* is planted, as said above, and covers (\d+) months\. Snapshots\s+covers only the last (\d+)\./g,
    values: (s) => [
      String(s.rows('History').length),
      String(distinct(s.column('Snapshots', 'month').map(String)).length),
    ],
  },
  // ---- the verdicts' settings
  {
    name: 'lags, pairs, Bonferroni factor and significance',
    pattern:
      /for lags (−\d+)\.\.(\+\d+)\. They keep only lags\s+with at least (\d+) pairs and apply a Bonferroni correction over those lags\s+\(p × (\d+) < ([\d.]+)\)\./g,
    values: (s) => {
      const lag = Number(s.setting('max_lag'));
      return [`${MINUS}${lag}`, `+${lag}`, String(MIN_PAIRS), String(2 * lag + 1), s.setting('significance')];
    },
  },
  // ---- the story, in words
  {
    name: 'login leads by its best lag',
    pattern: /`login_rate` \*\*leads\*\*: churn moves (\w+) months after login does/g,
    values: async (s) => [word((await verdict(s, 'login_rate')).best_lag!)],
  },
  {
    name: 'executive meetings follow churn',
    pattern: /CSMs add executive meetings (the month|\w+ months) after\s+churn rises\./g,
    values: async (s) => {
      const lag = -(await verdict(s, 'exec_meetings')).best_lag!;
      return [lag === 1 ? 'the month' : `${word(lag)} months`];
    },
  },
  {
    name: 'nrr follows churn',
    pattern: /`nrr` is another KGI-type outcome that moves (one month|\w+ months) after churn\./g,
    values: async (s) => {
      const lag = -(await verdict(s, 'nrr')).best_lag!;
      return [lag === 1 ? 'one month' : `${word(lag)} months`];
    },
  },
  {
    name: 'the login lamp comes on within its lag',
    pattern: /usually churns within about (\w+) months/g,
    values: async (s) => [word((await verdict(s, 'login_rate')).best_lag!)],
  },
  {
    name: 'History too short to confirm the planted onboarding lead',
    pattern: /small effect\. (\d+) months of data cannot confirm it/g,
    values: (s) => [String(s.rows('History').length)],
  },
  {
    name: 'backtest horizon',
    pattern: /\*\*Account-level backtest on Snapshots, horizon (\d+)\.\*\*/g,
    values: (s) => [s.setting('horizon_months')],
  },
  {
    name: 'the budget with the gate, and the executive-meetings lamp without it',
    pattern:
      /With the gate, (\d+) of the (\d+) accounts \((\d+)%\) are at risk, within the (\d+)% budget\. Without it, the executive-meetings lamp alone would light (\d+) \((\d+)%\)\./g,
    values: async (s) => {
      const b = (await ownLamps(s)).budget;
      const exec = b.nodes.find((n) => n.node === 'exec')!;
      return [
        String(b.lit),
        String(b.accounts),
        pct(b.lit_share),
        pct(b.alert_budget),
        String(exec.lit),
        pct(exec.lit_share),
      ];
    },
  },
  {
    name: "the starter tree's alert budget",
    pattern: /`"evidence": "gate"` and an alert budget of (\d+)%/g,
    values: async (s) => [pct((await ownLamps(s)).budget.alert_budget)],
  },
  {
    name: "the generator's decline hazard without onboarding",
    pattern: /is (\w+) times as likely to begin a decline/g,
    values: () => [word(Number(generatorConstant('NOT_ONBOARDED_HAZARD')))],
  },
  // ---- 日本語
  {
    name: 'ja: accounts and last month',
    pattern: /顧客アカウントは約(\d+)社、対象期間は (\d{4}-\d{2}) までです/g,
    values: (s) => [
      String(Math.round(s.rows('Accounts').length / 10) * 10),
      maxOf(s.column('Snapshots', 'month').map(String)),
    ],
  },
  {
    name: 'ja: onboarding dates since',
    pattern: /(\d{4}年\d{1,2}月)以降に始まった顧客にはオンボーディング開始日・完了日あり/g,
    values: (s) => [
      JA_MONTH(minOf(s.column('Accounts', 'onboarding_start_date').filter((v): v is string => typeof v === 'string'))),
    ],
  },
  {
    name: "ja: the number of sheets of data (not KPI Lamp's own)",
    pattern: /で90日以内のオンボーディング完了率を計算\)の(\d+)つです。/g,
    values: (s) => [String(s.book.sheetNames().filter((n) => n !== TREE_SHEET && n !== SETTINGS_SHEET).length)],
  },
  {
    name: 'ja: onboarding days',
    pattern: /`=ONBOARDING_RATE` で(\d+)日以内のオンボーディング完了率/g,
    values: (s) => [String(onboardingDays(s))],
  },
  {
    name: 'ja: seasonal pauses',
    pattern: /(\d+)社の季節的な一時休止\((\d+)〜(\d+)か月/g,
    values: (s) => {
      const p = pauses(s);
      return [String(p.length), String(Math.min(...p)), String(Math.max(...p))];
    },
  },
  {
    name: 'ja: lags of login and executive meetings',
    pattern: /ログイン率は解約率より(\d+)か月先に動く先行指標です。エグゼクティブ面談数は解約の(\d+)か月後に増える/g,
    values: async (s) => [
      String((await verdict(s, 'login_rate')).best_lag),
      String(-(await verdict(s, 'exec_meetings')).best_lag!),
    ],
  },
  {
    name: 'ja: backtest of the two lamps',
    pattern:
      /バックテスト\((\d+)か月\)では、ログイン率ランプのリフトは ([\d.]+)\(95%区間 ([\d.]+)〜([\d.]+)\)です。一方、「面談が少ない=危険」というよくある設定の面談数ランプはリフト ([\d.]+)\(([\d.]+)〜([\d.]+)\)で/g,
    values: async (s, m) => {
      const [login, exec] = await backtestRows(s);
      return [
        s.setting('horizon_months'),
        like(login.lift, m[2]),
        like(login.lift_ci95[0], m[3]),
        like(login.lift_ci95[1], m[4]),
        like(exec.lift, m[5]),
        like(exec.lift_ci95[0], m[6]),
        like(exec.lift_ci95[1], m[7]),
      ];
    },
  },
  {
    name: 'ja: the budget with the gate',
    pattern:
      /アラート上限 (\d+)%\)では、面談数ランプは反証ありとして様子見になり、要対応は (\d+) 社中 (\d+) 社\((\d+)%\)で上限内です/g,
    values: async (s) => {
      const b = (await ownLamps(s)).budget;
      return [pct(b.alert_budget), String(b.accounts), String(b.lit), pct(b.lit_share)];
    },
  },
];

// ---- figures in tables ------------------------------------------------------------------------------

/**
 * A Markdown table (indented or not) found by its header row; each row's
 * first cell is its key, the rest are recomputed by `row` (written like the
 * old cells where a format is needed).
 */
export interface TableFigures {
  name: string;
  /** Whether a table with this header is one of these (all must be found). */
  matches(header: string[]): boolean;
  row(s: Sample, key: string, header: string[], old: string[]): Promise<string[]> | string[];
  /** How many such tables the README must have (default 1). */
  times?: number;
}

interface Verdict {
  id: string;
  inferred_kind: string;
  best_lag: number | null;
  r: number | null;
  pairs: number | null;
  p_value: number | null;
  levels_significant: boolean;
}

/** The KGI of the README's verdicts: "The KGI is `churn_rate` (lower_is_better)". */
function readmeKgi(s: Sample): { column: string; direction: string } {
  const m = /The KGI is `(\w+)` \((\w+)\)/.exec(readFileSync(SAMPLE_README, 'utf8'));
  if (!m) throw new Error('sample/README.md does not say which History column is the KGI');
  void s;
  return { column: m[1], direction: m[2] };
}

/** The verdicts of the README's History table: each History column as a KPI of the README's KGI, through `kpi-lamp check`. */
async function verdicts(s: Sample): Promise<Verdict[]> {
  const text = readFileSync(SAMPLE_README, 'utf8');
  const table = markdownTables(text).find((t) => TABLES[0].matches(t.header));
  if (!table) throw new Error('sample/README.md has no table of History verdicts');
  const kgi = readmeKgi(s);
  const nodes = [
    { id: 'kgi', parent: null, type: 'kgi', name: kgi.column, history_column: kgi.column, direction: kgi.direction },
    ...table.rows.map((r) => ({
      id: r[0],
      parent: 'kgi',
      type: 'kpi',
      name: r[0],
      kind: 'leading',
      history_column: r[0],
      direction: 'higher_is_better',
    })),
  ];
  const out = (await s.cli('check', nodes)) as { nodes: Verdict[] };
  return out.nodes;
}

async function verdict(s: Sample, column: string): Promise<Verdict> {
  const v = (await verdicts(s)).find((x) => x.id === column);
  if (!v) throw new Error(`sample/README.md's verdict table has no row ${column}`);
  return v;
}

interface Backtest {
  considered: number;
  lit: number;
  churned: number;
  lit_churned: number;
  base_rate: number;
  precision: number;
  recall: number;
  lift: number;
  lift_ci95: [number, number];
}

/** One lamp as the README's backtest table names it: "login_rate_30d, higher_is_better, warn 0.5, alert 0.3". */
function lampOf(key: string): Record<string, unknown> {
  const m = /^(\w+), (higher_is_better|lower_is_better)((?:, (?:warn|alert) [\d.]+)+)$/.exec(key);
  if (!m) throw new Error(`not a lamp: "${key}"`);
  const node: Record<string, unknown> = {
    id: 'lamp',
    parent: 'kgi',
    type: 'kpi',
    name: m[1],
    kind: 'leading',
    accounts_column: m[1],
    direction: m[2],
  };
  for (const [, k, v] of m[3].matchAll(/(warn|alert) ([\d.]+)/g)) node[k] = Number(v);
  return node;
}

/** `kpi-lamp lamps --json` for one lamp of the README's table, over the README's horizon. */
async function backtestOf(s: Sample, key: string): Promise<Backtest> {
  const kgi = readmeKgi(s);
  const nodes = [
    { id: 'kgi', parent: null, type: 'kgi', name: kgi.column, history_column: kgi.column, direction: kgi.direction },
    lampOf(key),
  ];
  const out = (await s.cli('lamps', nodes, ['--horizon', s.setting('horizon_months')])) as { backtest: Backtest[] };
  return out.backtest[0];
}

/** The backtests of the two lamps of the README's table, in its order. */
async function backtestRows(s: Sample): Promise<Backtest[]> {
  const table = markdownTables(readFileSync(SAMPLE_README, 'utf8')).find((t) => TABLES[1].matches(t.header));
  if (!table) throw new Error('sample/README.md has no backtest table');
  return Promise.all(table.rows.map((r) => backtestOf(s, r[0])));
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const TABLES: TableFigures[] = [
  {
    name: 'History verdicts (kpi-lamp check)',
    matches: (h) => same(h, ['node', 'best lag', 'r', 'pairs', 'p', 'significant', 'levels significant', 'inferred']),
    row: async (s, key, _h, old) => {
      const v = await verdict(s, key);
      return [
        like(v.best_lag!, old[0]),
        like(v.r!, old[1]),
        String(v.pairs),
        pValue(v.p_value!),
        yes(v.inferred_kind !== 'none'),
        yes(v.levels_significant),
        v.inferred_kind,
      ];
    },
  },
  {
    name: 'backtest of two lamps (kpi-lamp lamps)',
    matches: (h) =>
      same(h, [
        'lamp',
        'considered',
        'lit',
        'churned',
        'lit_churned',
        'base_rate',
        'precision',
        'recall',
        'lift',
        'lift_ci95',
      ]),
    row: async (s, key, _h, old) => {
      const b = await backtestOf(s, key);
      const ci = /^\[([\d.]+), ([\d.]+)\]$/.exec(old[8]) ?? ['', '0.00', '0.00'];
      return [
        String(b.considered),
        String(b.lit),
        String(b.churned),
        String(b.lit_churned),
        like(b.base_rate, old[4]),
        like(b.precision, old[5]),
        like(b.recall, old[6]),
        like(b.lift, old[7]),
        `[${like(b.lift_ci95[0], ci[1])}, ${like(b.lift_ci95[1], ci[2])}]`,
      ];
    },
  },
  {
    name: 'sBG fits and constant-churn LTV by cohort (=LTV_SBG, =LTV)',
    matches: (h) => same(h, ['cohort', 'alpha', 'beta', 'expected_lifetime', 'ltv (sBG)', 'LTV constant churn']),
    row: (s, key, _h, old) => {
      const cohorts = s.header('Cohorts');
      const j = cohorts.indexOf(key);
      if (j < 1) throw new Error(`Cohorts has no cohort ${key}`);
      const grid = s.shown('Cohorts');
      const sbg = s
        .formulas('Cohorts', 'LTV_SBG')
        .find((f) => f.formula.startsWith(`=LTV_SBG(${columnLetter(j + 1)}2:`));
      if (!sbg) throw new Error(`no =LTV_SBG formula for cohort ${key}`);
      const head = grid[sbg.row - 1].slice(sbg.column - 1).map((c) => c?.v);
      const vals = grid[sbg.row].slice(sbg.column - 1).map((c) => c?.v ?? null);
      const at = (name: string) => num(vals[head.indexOf(name)]);
      const ltv = s.formulas('Cohorts', 'LTV').find((f) => f.column === j + 1);
      if (!ltv) throw new Error(`no =LTV formula for cohort ${key}`);
      const constant = num(grid[ltv.row - 1][ltv.column - 1]!.v);
      return [
        like(at('alpha'), old[0]),
        like(at('beta'), old[1]),
        like(at('expected_lifetime'), old[2]),
        like(at('ltv'), old[3]),
        like(constant, old[4]),
      ];
    },
  },
  {
    name: 'MRR movements by month (=MRR_MOVEMENTS)',
    matches: (h) => h[0] === 'month' && h.includes('customers_end'),
    row: (s, key, h, old) => monthRow(s.spill('Metrics', 'MRR_MOVEMENTS').values, key, h, old),
  },
  {
    name: 'onboarding rate by start month (=ONBOARDING_RATE)',
    matches: (h) => h[0] === 'month' && h.includes('completed_in_time'),
    row: (s, key, h, old) => monthRow(s.spill('Metrics', 'ONBOARDING_RATE').values, key, h, old),
  },
  {
    name: "the starter tree's evidence per lamp (kpi-lamp lamps, kpi-lamp check)",
    matches: (h) => same(h, ['lamp', 'evidence', 'why', 'on today']),
    row: async (s, key, _h, old) => {
      const { id } = await ownNode(s, key);
      const lamps = await ownLamps(s);
      const b = lamps.backtest.find((x) => x.node === id)!;
      const words: Record<string, string> = {
        proven: 'proven',
        unproven: 'not yet proven',
        contradicted: 'contradicted',
      };
      const evidence = old[0].replace(/^(proven|not yet proven|contradicted)/, words[b.evidence]);
      let why = old[1].replace(
        /lift ([\d.]+) \[([\d.]+), ([\d.]+)\]/,
        (_m, l, a, c) => `lift ${like(b.lift!, l)} [${like(b.lift_ci95![0], a)}, ${like(b.lift_ci95![1], c)}]`,
      );
      if (/leads by \d+ months/.test(why)) {
        const v = ((await s.ownTree('check')) as OwnCheck).nodes.find((n) => n.id === id)!;
        why = why.replace(/leads by \d+ months/, `leads by ${v.best_lag} months`);
      }
      why = why.replace(
        /(\d+) churned accounts behind it/,
        () => `${litChurnedAccounts(s, id)} churned accounts behind it`,
      );
      return [evidence, why, String(lamps.budget.nodes.find((n) => n.node === id)!.lit)];
    },
  },
];

/** A month's row of a function's table, in the quoted columns, written like the old cells (blank for a blank). */
function monthRow(table: CellValue[][], month: string, header: string[], old: string[]): string[] {
  const head = table[0].map(String);
  const row = table.find((r, i) => i > 0 && r[0] === month);
  if (!row) throw new Error(`the function's table has no month ${month}`);
  return header.slice(1).map((h, i) => {
    const j = head.indexOf(h);
    if (j < 0) throw new Error(`the function's table has no column ${h}`);
    // A cell the README left blank that is a number now: written as its column's kind of number.
    return asWritten(
      row[j],
      old[i] !== '' ? old[i] : h === 'mrr_end' ? '0,000' : /rate|grr|nrr/.test(h) ? '0.00%' : '0',
    );
  });
}

// ---- finding, checking and rewriting ---------------------------------------------------------------

interface MdTable {
  header: string[];
  /** Line index of the header. */
  line: number;
  rows: string[][];
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim().replace(/^`|`$/g, ''));

/** Every Markdown table of a text (indented ones too). */
export function markdownTables(text: string): MdTable[] {
  const lines = text.split('\n');
  const out: MdTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].trim().startsWith('|') || !/^\s*\|[-:| ]+\|\s*$/.test(lines[i + 1])) continue;
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j].trim().startsWith('|'); j++) rows.push(cellsOf(lines[j]));
    out.push({ header: cellsOf(lines[i]), line: i, rows });
    i += rows.length + 1;
  }
  return out;
}

export interface Difference {
  figure: string;
  quoted: string;
  computed: string;
}

/**
 * Recomputes every figure the README quotes. `differences` lists each quoted
 * figure that differs; `rewritten` is the README with every figure replaced by
 * its recomputed value; `checked` counts the figures compared. A figure whose
 * text is not found (the README was reworded) throws, naming it.
 */
export async function recompute(
  text: string,
  s: Sample,
): Promise<{ checked: number; differences: Difference[]; rewritten: string; spans: [number, number][] }> {
  const differences: Difference[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const spans: [number, number][] = [];
  let checked = 0;
  const compare = (figure: string, quoted: string, computed: string) => {
    checked++;
    if (quoted !== computed) differences.push({ figure, quoted, computed });
  };

  for (const f of FIGURES) {
    // Running text wraps anywhere: a space in a pattern matches any white space, line breaks too.
    const matches = [...text.matchAll(new RegExp(f.pattern.source.replace(/ /g, '\\s+'), f.pattern.flags))];
    if (matches.length !== (f.times ?? 1))
      throw new Error(
        `sample/README.md: "${f.name}" found ${matches.length} times, expected ${f.times ?? 1} (${f.pattern})`,
      );
    for (const m of matches) {
      const values = await f.values(s, m as RegExpExecArray);
      if (values.length !== m.length - 1)
        throw new Error(`"${f.name}": ${values.length} values for ${m.length - 1} figures`);
      // Where each group sits: search the groups in order inside the match.
      let from = 0;
      for (let g = 1; g < m.length; g++) {
        const quoted = m[g];
        const at = m[0].indexOf(quoted, from);
        const start = m.index! + at;
        from = at + quoted.length;
        spans.push([start, start + quoted.length]);
        if (values[g - 1] === null) continue;
        compare(`${f.name} (#${g})`, quoted, values[g - 1]!);
        if (quoted !== values[g - 1]) edits.push({ start, end: start + quoted.length, text: values[g - 1]! });
      }
    }
  }

  const lines = text.split('\n');
  const lineStart: number[] = [];
  let pos = 0;
  for (const l of lines) {
    lineStart.push(pos);
    pos += l.length + 1;
  }
  const tables = markdownTables(text);
  for (const spec of TABLES) {
    const found = tables.filter((t) => spec.matches(t.header));
    if (found.length < (spec.times ?? 1)) throw new Error(`sample/README.md has no table "${spec.name}"`);
    for (const t of found) {
      for (let r = 0; r < t.rows.length; r++) {
        const cells = t.rows[r];
        const computed = await spec.row(s, cells[0], t.header, cells.slice(1));
        if (computed.length !== cells.length - 1)
          throw new Error(`"${spec.name}": ${computed.length} values for ${cells.length - 1} cells`);
        const li = t.line + 2 + r;
        const line = lines[li];
        spans.push([lineStart[li], lineStart[li] + line.length]);
        cells.slice(1).forEach((q, i) => compare(`${spec.name}: ${cells[0]} ${t.header[i + 1]}`, q, computed[i]));
        if (cells.slice(1).some((q, i) => q !== computed[i])) {
          const indent = /^\s*/.exec(line)![0];
          const key = line.trim().split('|')[1];
          edits.push({
            start: lineStart[li],
            end: lineStart[li] + line.length,
            text: `${indent}|${key}| ${computed.join(' | ')} |`,
          });
        }
      }
    }
  }

  edits.sort((a, b) => b.start - a.start);
  let rewritten = text;
  for (const e of edits) rewritten = rewritten.slice(0, e.start) + e.text + rewritten.slice(e.end);
  return { checked, differences, rewritten, spans };
}
