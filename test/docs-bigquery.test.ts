/**
 * docs/bigquery.md and docs/bigquery.ja.md count, on paper, the bytes a
 * BigQuery run scans from the columns each compiled query reads. Here the
 * lamps report is run for real on the sample workbook's tree (its queries
 * recorded, not executed): the columns each query reads from Accounts and
 * Snapshots must be the docs' table, row for row, in both languages, and
 * the docs' sums must be the table's. A compiler that starts reading
 * another column, or a doc figure mistyped, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { treeFromTables } from '../src/core/tree/sheet-rows';
import { loadCsvFolder } from '../src/local/load-workbook';
import type { CompiledQuery, ResultRow, SourceTable } from '../src/ports/warehouse';
import { EVIDENCE_MAX_AGE_DAYS } from '../src/server/evidence-store';
import { runQueries, warehouseLamps } from '../src/server/warehouse-lamps';
import { dialect } from '../src/sql/dialects';

const ROOT = join(__dirname, '..');
const docs = {
  en: readFileSync(join(ROOT, 'docs', 'bigquery.md'), 'utf8'),
  ja: readFileSync(join(ROOT, 'docs', 'bigquery.ja.md'), 'utf8'),
};
const ACCOUNTS = 1_000_000;
const SNAPSHOT_ROWS = 36_000_000;
const shown = (n: number) => n.toLocaleString('en-US');

interface DocRow {
  table: 'Accounts' | 'Snapshots';
  columns: Map<string, number>;
  bytes: number;
}

/** The rows of the table "which queries read what": table, columns with their bytes, bytes per row. */
function docRows(text: string): DocRow[] {
  const lines = text.split('\n').filter((l) => /^\| .+ \| (Accounts|Snapshots) \| .+ \| \d+ \|$/.test(l));
  const rows: DocRow[] = [];
  for (const line of lines) {
    const cells = line.split('|').map((c) => c.trim());
    const [table, cols, bytes] = [cells[2], cells[3], Number(cells[4])];
    const same = /^(the same|同じ) \d+/.test(cols); // "the same 11 columns" as the row above
    const columns = same
      ? new Map((rows[rows.length - 1] as DocRow).columns)
      : new Map([...cols.matchAll(/([a-z_0-9]+) (\d+)/g)].map((m) => [m[1], Number(m[2])] as [string, number]));
    rows.push({ table: table as DocRow['table'], columns, bytes });
  }
  return rows;
}

/** The sample workbook's tree, and its two sheets as BigQuery tables typed as the docs advise. */
function sample() {
  const wb = loadCsvFolder(join(ROOT, 'sample', 'workbook'));
  const loaded = treeFromTables(wb.readSheet('KPI Lamp Tree')!, wb.readSheet('KPI Lamp Settings'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const type = (c: string) =>
    c === 'month' || c.endsWith('_date')
      ? 'date'
      : ['account_id', 'account_name', 'plan', 'csm'].includes(c)
        ? 'text'
        : ['onboarding_completed', 'churned'].includes(c)
          ? 'boolean'
          : 'number';
  const table = (name: string): SourceTable => ({
    label: `my-project.cs.${name.toLowerCase()}`,
    path: ['my-project', 'cs', name.toLowerCase()],
    columns: wb.readSheet(name)!.header.map((h) => ({ name: String(h), type: type(String(h)) as never })),
  });
  return {
    tree: loaded.tree,
    accounts: table('Accounts'),
    snapshots: table('Snapshots'),
    history: wb.readSheet('History'),
  };
}

/** What each query of a lamps run reads: per table scanned, the columns named in the SELECT over it. */
function recordedRun(): { table: DocRow['table']; columns: Set<string> }[] {
  const { tree, accounts, snapshots, history } = sample();
  const d = dialect('bigquery');
  const seen: CompiledQuery[] = [];
  const warehouse = {
    run(q: CompiledQuery): ResultRow[] {
      seen.push(q);
      if (q.step === 'accounts') return [];
      // Every account lit at the first lamp node: over the budget, so the cut-off query is sent too.
      if (q.step === 'budget' && seen.filter((x) => x.step === 'budget').length === 1)
        return [{ accounts: 100, lit: 100, n0_lit: 100 }];
      return q.step === 'budget' ? [] : [{}];
    },
  };
  runQueries(
    warehouseLamps(tree, { accounts, snapshots }, history, { dialect: 'bigquery', timeZone: 'Asia/Tokyo' }),
    warehouse,
  );
  const out: { table: DocRow['table']; columns: Set<string> }[] = [];
  for (const q of seen) {
    for (const [name, t] of [
      ['Accounts', accounts],
      ['Snapshots', snapshots],
    ] as const) {
      const from = `FROM ${d.table(t.path)}`;
      for (let i = q.sql.indexOf(from); i >= 0; i = q.sql.indexOf(from, i + 1)) {
        const select = q.sql.slice(q.sql.lastIndexOf('SELECT', i), i);
        out.push({
          table: name,
          columns: new Set(t.columns.map((c) => c.name).filter((c) => select.includes(d.ident(c)))),
        });
      }
    }
  }
  return out;
}

const key = (r: { table: string; columns: Set<string> | Map<string, number> }) =>
  `${r.table}: ${[...r.columns.keys()].sort().join(' ')}`;

describe('docs/bigquery.md: what a run scans, on paper', () => {
  const run = recordedRun();

  it.each(['en', 'ja'] as const)('(%s) the columns each query reads are those the compiled queries read', (lang) => {
    const rows = docRows(docs[lang]);
    expect(rows.map(key).sort()).toEqual(run.map(key).sort());
    expect(run.every((r) => r.columns.size > 0)).toBe(true);
  });

  it.each(['en', 'ja'] as const)('(%s) each row’s bytes are the sum of its columns, and the totals follow', (lang) => {
    const rows = docRows(docs[lang]);
    expect(rows).toHaveLength(7);
    for (const r of rows) expect([...r.columns.values()].reduce((a, b) => a + b, 0)).toBe(r.bytes);
    // One size per column wherever it appears.
    const size = new Map<string, number>();
    for (const r of rows)
      for (const [c, b] of r.columns) {
        expect({ c, b }).toEqual({ c, b: size.get(c) ?? b });
        size.set(c, b);
      }
    const snapshots = rows.filter((r) => r.table === 'Snapshots').reduce((a, r) => a + r.bytes * SNAPSHOT_ROWS, 0);
    const accounts = rows.filter((r) => r.table === 'Accounts').reduce((a, r) => a + r.bytes * ACCOUNTS, 0);
    for (const n of [snapshots, accounts, snapshots + accounts]) expect(docs[lang]).toContain(shown(n));
    // The products they are summed from: queries of the same width together (2 × 36,000,000 × 64 = …).
    const groups = new Map<string, number>();
    for (const r of rows) groups.set(`${r.table} ${r.bytes}`, (groups.get(`${r.table} ${r.bytes}`) ?? 0) + 1);
    for (const [g, k] of groups) {
      const [table, bytes] = g.split(' ');
      const n = k * Number(bytes) * (table === 'Snapshots' ? SNAPSHOT_ROWS : ACCOUNTS);
      expect({ g, text: docs[lang].replace(/\s+/g, ' ').includes(`= ${shown(n)}`) }).toEqual({ g, text: true });
    }
    const tib = (snapshots + accounts) / 2 ** 40;
    expect(docs[lang]).toContain(tib.toFixed(6).slice(0, 7)); // 0.00587…
    expect(docs[lang]).toContain((tib * 6.25).toFixed(3)); // $0.037 a run
    expect(docs[lang]).toContain((tib * 30 * 6.25).toFixed(2)); // a month of daily runs, every one full
    // A month of daily runs over Snapshots loaded monthly: evidence kept at most EVIDENCE_MAX_AGE_DAYS, so one full
    // run a week, and one more when the month's Snapshots arrive between two of them (6), the other 24 Accounts only.
    const full = Math.ceil(30 / EVIDENCE_MAX_AGE_DAYS) + 1;
    const kept = full * (snapshots + accounts) + (30 - full) * accounts;
    expect(docs[lang].replace(/\s+/g, ' ')).toContain(
      `${full} × ${shown(snapshots + accounts)} + ${30 - full} × ${shown(accounts)} = ${shown(kept)}`,
    );
    expect(docs[lang]).toContain((kept / 2 ** 40).toFixed(5));
    expect(docs[lang]).toContain(((kept / 2 ** 40) * 6.25).toFixed(2));
  });
});
