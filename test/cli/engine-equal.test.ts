/**
 * The DuckDB engine gives the TypeScript engine's reports (issue 15, item 2):
 * `kpi-lamp lamps|check --engine duckdb` against `--engine ts` on the sample
 * workbook (as CSV, and as Parquet with text and with typed columns), on the
 * workbooks of the backtest and evidence goldens, and on seeded random
 * workbooks full of hostile cells. The readable reports are byte for byte
 * the same; the JSON documents equal value for value, except a verdict's r
 * and p_value (summed in another order by the engine), within 1e-12 relative.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { toCsv } from '../../src/local/save-csv';
import { cli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');

// Each test runs the command line on both engines, several times, on a machine shared with others.
jest.setTimeout(60_000);
const LOOSE = new Set(['r', 'p_value']);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-engines-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every difference between two JSON values, as paths; r and p_value within 1e-12 relative. */
function differences(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length > 20) return out;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (typeof a === 'number' && typeof b === 'number' && LOOSE.has(key)) {
    if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) out.push(`${path}: ${a} ≠ ${b}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out));
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) out.push(`${path}: keys ${ka.join()} ≠ ${kb.join()}`);
    else for (const k of ka) differences((a as never)[k], (b as never)[k], `${path}.${k}`, out);
    return out;
  }
  if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return out;
}

/** The command on both engines (DuckDB on `duckBook`, the TypeScript path on `tsBook`), compared. */
async function same(command: string[], tsBook: string, duckBook = tsBook): Promise<unknown> {
  const [name, ...rest] = command;
  const ts = await cli([name, tsBook, ...rest, '--engine', 'ts']);
  const duck = await cli([name, duckBook, ...rest, '--engine', 'duckdb']);
  // An input the TypeScript path refuses (a sheet the tree binds is missing) is refused the same way.
  expect({ code: duck.code, stderr: duck.stderr }).toEqual({ code: ts.code, stderr: ts.stderr });
  if (ts.code !== 0) return null;
  if (rest.includes('--json')) {
    const a = JSON.parse(ts.stdout);
    const b = JSON.parse(duck.stdout);
    expect(differences(a, b)).toEqual([]);
    return a;
  }
  // The readable report, byte for byte (r and p-values are printed to 3 digits).
  expect(duck.stdout).toBe(ts.stdout);
  return ts.stdout;
}

/** A folder whose Accounts and Snapshots are Parquet files written by DuckDB from the CSV (as text, or typed by DuckDB's reader). */
async function parquetCopy(from: string, to: string, typed: boolean): Promise<void> {
  mkdirSync(to, { recursive: true });
  // The typed copy has History as Parquet too (read whole, as the loader reads a CSV).
  const sheets = typed ? ['Accounts', 'Snapshots', 'History'] : ['Accounts', 'Snapshots'];
  for (const f of ['History.csv', 'KPI Lamp Settings.csv', 'KPI Lamp Tree.csv'])
    if (!sheets.includes(f.replace('.csv', ''))) copyFileSync(join(from, f), join(to, f));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const sheet of sheets) {
      const src = join(from, `${sheet}.csv`).replace(/'/g, "''");
      const dst = join(to, `${sheet}.parquet`).replace(/'/g, "''");
      const read = typed
        ? `read_csv('${src}', header = true)`
        : `read_csv('${src}', header = true, all_varchar = true)`;
      await c.run(`COPY (SELECT * FROM ${read}) TO '${dst}' (FORMAT parquet)`);
    }
    if (typed) {
      // The typed copy holds real numbers, booleans and dates, not text.
      const types = await c.runAndReadAll(
        `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${join(to, 'Accounts.parquet').replace(/'/g, "''")}'))`,
      );
      const byName = Object.fromEntries(types.getRows().map(([n, t]) => [String(n), String(t)]));
      expect(byName.login_rate_30d).toBe('DOUBLE');
      expect(byName.onboarding_completed).toBe('BOOLEAN');
      expect(byName.renewal_date).toBe('DATE');
    }
  } finally {
    c.closeSync();
  }
}

describe('the sample workbook', () => {
  it('lamps: the JSON of every account, at the tree horizon and another', async () => {
    const doc = (await same(['lamps', '--json', '--all'], SAMPLE)) as LampsDoc;
    expect(doc.accounts.length).toBeGreaterThan(200);
    await same(['lamps', '--json', '--unknown', '--horizon', '6'], SAMPLE);
  });

  it('lamps and check: the readable reports, byte for byte, in Japanese and English', async () => {
    for (const lang of ['ja', 'en']) {
      await same(['lamps', '--lang', lang], SAMPLE);
      await same(['check', '--lang', lang], SAMPLE);
    }
  });

  it('check: the JSON', async () => {
    await same(['check', '--json'], SAMPLE);
  });

  it.each([
    ['as text', false],
    ['typed', true],
  ])('as Parquet files, columns %s', async (what, typed) => {
    const book = join(dir, `parquet-${what.replace(' ', '-')}`);
    await parquetCopy(SAMPLE, book, typed);
    await same(['lamps', '--json', '--all'], SAMPLE, book);
    await same(['lamps', '--lang', 'ja'], SAMPLE, book);
    await same(['check', '--json'], SAMPLE, book);
  });
});

interface LampsDoc {
  accounts: { severity: string; lamps: { state: string }[] }[];
  backtest: { churned: number }[];
}

type Sheet = { header: string[]; rows: (string | number | boolean | null)[][] };

function writeBook(name: string, sheets: Record<string, Sheet>, tree: unknown): { book: string; tree: string } {
  const book = join(dir, name);
  mkdirSync(book, { recursive: true });
  for (const [sheet, t] of Object.entries(sheets)) writeFileSync(join(book, `${sheet}.csv`), toCsv(t.header, t.rows));
  const treeFile = join(dir, `${name}.tree.json`);
  writeFileSync(treeFile, JSON.stringify(tree));
  return { book, tree: treeFile };
}

describe('the workbooks of the goldens', () => {
  const backtest = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'backtest.json'), 'utf8')) as {
    cases: { name: string; workbook: Record<string, Sheet>; tree: unknown; horizon: number }[];
  };
  const evidence = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'evidence.json'), 'utf8')) as {
    workbooks: Record<string, Record<string, Sheet>>;
    cases: { name: string; workbook: string; tree: unknown; horizon: number }[];
  };
  const cases = [
    ...backtest.cases.map((c, n) => ({ ...c, name: `backtest: ${c.name}`, key: `bt${n}`, sheets: c.workbook })),
    ...evidence.cases.map((c, n) => ({
      ...c,
      name: `evidence: ${c.name}`,
      key: `ev${n}`,
      sheets: evidence.workbooks[c.workbook],
    })),
  ];
  it.each(cases.map((c) => [c.name, c]))('%s', async (_, c) => {
    const { book, tree } = writeBook(c.key, c.sheets, c.tree);
    expect(
      await same(['lamps', '--tree', tree, '--json', '--all', '--horizon', String(c.horizon)], book),
    ).not.toBeNull();
    await same(['lamps', '--tree', tree, '--lang', 'en'], book);
    // Without History, check is refused by both engines alike.
    await same(['check', '--tree', tree, '--json'], book);
  });
});

// ---- seeded random workbooks with hostile cells ------------------------------------------------

/** mulberry32: the same workbooks every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const PLANS = [
  'Starter',
  'Growth',
  'Enterprise',
  ' Enterprise ',
  'エンタープライズ',
  "x'; DROP TABLE Accounts; --",
  '',
];
const NAMES = ['株式会社アオバ', 'Trident LLC', '  spaced  ', '"quoted", name', 'ｶﾅ商事', ''];

/** A KPI cell: a number mostly, else something a person leaves in a sheet. */
function kpiCell(r: Rng, v: number): string | number | null {
  const x = r.next();
  if (x < 0.06) return null;
  if (x < 0.09) return '  ';
  if (x < 0.11) return r.pick(['n/a', '—', 'abc', '#N/A', '1.2.3', 'TRUE', 'false', '-']);
  if (x < 0.14) return `${(v * 100).toFixed(1)}%`;
  if (x < 0.16) return ` ${v} `;
  if (x < 0.17) return `${String(v).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
  if (x < 0.19) return v >= 1000 ? v.toLocaleString('en-US') : String(v);
  // Ties: values on a coarse grid.
  return Math.round(v * 20) / 20;
}

/**
 * A KPI cell of a clean column: always a plain number, spelt in every way a
 * plain number is (trailing and leading zeros, tiny, 15 digits; a
 * leading minus is written guarded by save-csv.ts, so negatives are text):
 * the DuckDB engine types such a column as a number (duckdb-warehouse.ts
 * plainCells), which must read as the CSV reader reads it.
 */
function cleanCell(r: Rng, v: number): string | number | null {
  const x = r.next();
  if (x < 0.05) return null;
  if (x < 0.1) return v.toFixed(4);
  if (x < 0.13) return `00${Math.round(v * 10)}`;
  if (x < 0.15) return r.pick(['0.0', '0.0000001', '123456789012345', '0.100000000000000']);
  return Math.round(v * 1000) / 1000;
}

function randomCase(seed: number, clean = false) {
  const r = rng(seed);
  const kpis = ['k1', 'k2', 'k3', 'k4'];
  const withPlan = r.chance(0.8);
  const direction = (k: string) => (k === 'k3' ? 'lower_is_better' : 'higher_is_better');
  const months = 14 + r.int(10);
  const nAccounts = 25 + r.int(40);
  const base = 2023 * 12 + r.int(12);
  const monthText = (m: number, i: number) => {
    const y = Math.floor((base + m) / 12);
    const mo = ((base + m) % 12) + 1;
    // A month as yyyy-mm, or (but in a clean workbook, whose month column DuckDB types) as a date of that month.
    return !clean && i % 7 === 3
      ? `${y}-${String(mo).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`
      : `${y}-${String(mo).padStart(2, '0')}`;
  };
  const header = ['month', 'account_id', ...(withPlan ? ['plan'] : []), 'arr', ...kpis, 'churned'];
  const snapRows: (string | number | null)[][] = [];
  const accRows: (string | number | null)[][] = [];
  for (let i = 0; i < nAccounts; i++) {
    const id = r.chance(0.05) ? ` A${i} ` : `A${String(i).padStart(3, '0')}`;
    const plan = r.pick(PLANS);
    const health = r.next();
    const churnAt = r.chance(0.35) ? 2 + r.int(months - 2) : null;
    const level = (m: number, k: string) =>
      Math.max(
        0,
        Math.min(
          1,
          health + (k === 'k3' ? -1 : 1) * (churnAt !== null ? (m - churnAt) * 0.02 : 0) + (r.next() - 0.5) * 0.3,
        ),
      );
    const arr = r.pick([100000, 250000, 250000, 1200000, 3000000]);
    let last: (string | number | null)[] = [];
    for (let m = 0; m < months; m++) {
      if (churnAt !== null && m > churnAt) break;
      const vals = kpis.map((k) =>
        (clean ? cleanCell : kpiCell)(r, k === 'k4' ? Math.round(level(m, k) * 10) : level(m, k)),
      );
      // A clean churned column is TRUE/FALSE in any case (a boolean to DuckDB), else mixed with 1, 0 and blanks.
      const churned = clean
        ? m === churnAt
          ? r.pick(['TRUE', 'true'])
          : r.pick(['FALSE', 'False'])
        : m === churnAt
          ? r.pick(['TRUE', 'true', 1, 'TRUE'])
          : r.pick(['FALSE', 'FALSE', '', 0]);
      snapRows.push([
        r.chance(0.01) ? null : monthText(m, i + m),
        id,
        ...(withPlan ? [r.chance(0.1) ? null : plan] : []),
        !clean && r.chance(0.05) ? 'abc' : arr,
        ...vals,
        churned,
      ]);
      last = vals;
    }
    if (churnAt === null || r.chance(0.2))
      accRows.push([
        id,
        r.pick(NAMES),
        r.chance(0.1) ? null : plan,
        r.chance(0.05) ? null : r.chance(0.05) ? '1,250,000' : arr,
        r.pick(['Emily', '鈴木 翔', '']),
        r.chance(0.1) ? null : `2027-0${1 + r.int(9)}-1${r.int(9)}`,
        ...last,
      ]);
  }
  // A row without an id, and an id twice.
  if (accRows.length > 2) {
    accRows.push([null, 'no id', 'Growth', 1000, '', null, 0.1, 0.1, 0.9, 1]);
    accRows.push([...accRows[0]]);
  }
  const history: (string | number | null)[][] = [];
  for (let m = 0; m < months; m++) {
    const t = m / months;
    history.push([
      monthText(m, 0).slice(0, 7),
      0.02 + 0.01 * Math.sin(m + seed) - 0.005 * t,
      r.chance(0.1) ? null : 0.6 + 0.1 * Math.sin(m - 2 + seed),
    ]);
  }
  const thresholds = (k: string) =>
    direction(k) === 'lower_is_better'
      ? { warn: 0.6, alert: 0.8 }
      : k === 'k4'
        ? { warn: 4, alert: 2 }
        : { warn: 0.45, alert: 0.25 };
  const byPlan = r.chance(0.6)
    ? { by_plan: { Enterprise: { warn: 0.55 }, "x'; DROP TABLE Accounts; --": { warn: 0.7, alert: 0.5 }, Starter: {} } }
    : {};
  const tree = {
    format: 'kpi-lamp/tree@1',
    settings: {
      evidence: r.pick(['gate', 'show']),
      alert_budget: r.pick([0, 0.1, 0.2, 0.5, 1]),
      horizon_months: 1 + r.int(4),
      ...(r.chance(0.3) ? { columns: { name: 'account_name', owner: 'csm', renewal: 'renewal_date' } } : {}),
    },
    nodes: [
      {
        id: 'kgi',
        parent: null,
        type: 'kgi',
        name: '解約率',
        history_column: 'churn_rate',
        direction: 'lower_is_better',
      },
      {
        id: 'k1',
        parent: 'kgi',
        type: 'kpi',
        name: 'ログイン率',
        kind: 'leading',
        accounts_column: 'k1',
        history_column: 'k1_team',
        ...thresholds('k1'),
        action: 'Call',
        ...byPlan,
      },
      {
        id: 'k3',
        parent: 'kgi',
        type: 'kpi',
        name: 'Tickets',
        accounts_column: 'k3',
        direction: 'lower_is_better',
        ...thresholds('k3'),
      },
      {
        id: 'c',
        parent: 'kgi',
        type: 'composite',
        name: 'Composite',
        method: r.pick(['product', 'weighted_mean']),
        warn: 0.2,
        alert: 0.1,
        ...(r.chance(0.5) ? { by_plan: { Growth: { alert: 0.15 } } } : {}),
      },
      { id: 'c1', parent: 'c', type: 'kpi', name: 'c1', accounts_column: 'k2', floor: 0.1, weight: 2 },
      { id: 'c2', parent: 'c', type: 'kpi', name: 'c2', accounts_column: 'k1', floor: 0.05 },
      {
        id: 'k4',
        parent: 'kgi',
        type: 'kpi',
        name: 'NPS',
        accounts_column: r.chance(0.2) ? 'k4_missing' : 'k4',
        ...thresholds('k4'),
      },
    ],
  };
  return {
    tree,
    sheets: {
      Accounts: {
        header: ['account_id', 'account_name', 'plan', 'arr', 'csm', 'renewal_date', ...kpis],
        rows: withPlan || r.chance(0.5) ? accRows : accRows.map((row) => row.map((c, i) => (i === 2 ? null : c))),
      },
      Snapshots: { header, rows: snapRows },
      History: { header: ['month', 'churn_rate', 'k1_team'], rows: history },
    } as Record<string, Sheet>,
  };
}

describe('seeded random workbooks with hostile cells', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);
  // Every other workbook has clean number and TRUE/FALSE columns, which DuckDB types.
  it.each(seeds)('seed %i', async (seed) => {
    const c = randomCase(seed, seed % 2 === 0);
    const { book, tree } = writeBook(`random-${seed}`, c.sheets, c.tree);
    // A tree that binds a column the workbook lacks (k4_missing) is refused by both engines with the same message.
    const doc = (await same(['lamps', '--tree', tree, '--json', '--all'], book)) as LampsDoc | null;
    if (doc === null) {
      expect(c.tree.nodes.some((n) => n.accounts_column === 'k4_missing')).toBe(true);
      return;
    }
    // The hostile workbook is judged: accounts listed, some lit, some unknown, a backtest with churn.
    expect(doc.accounts.length).toBeGreaterThan(10);
    expect(doc.accounts.some((a) => a.severity === 'alert' || a.severity === 'warn')).toBe(true);
    expect(doc.accounts.some((a) => a.lamps.some((l) => l.state === 'unknown'))).toBe(true);
    expect(doc.backtest.some((b) => b.churned > 0)).toBe(true);
    await same(['lamps', '--tree', tree, '--json', '--horizon', '2'], book);
    await same(['lamps', '--tree', tree, '--lang', 'ja', '--unknown'], book);
    await same(['check', '--tree', tree, '--json'], book);
  });
});
