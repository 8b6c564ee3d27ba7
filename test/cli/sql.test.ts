/**
 * `kpi-lamp sql`: the tree compiled to SQL for people who run it themselves.
 * Both dialects print; the tables come from the flags, else the tree's
 * settings, else placeholders said so; nothing from the tree is pasted into
 * the SQL text (a plan named like SQL appears only in the parameters'
 * comments); the printed DuckDB script runs on DuckDB with the parameters
 * its comments list; a bad dialect or table name exits 2.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { cli } from '../helpers/cli';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'sample', 'workbook');
const HOSTILE = "x'; DROP TABLE Accounts; --";

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-sql-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sample tree with a by_plan entry for a plan named like SQL, and optional settings. */
function hostileTree(settings: Record<string, unknown> = {}): string {
  const doc = JSON.parse(readFileSync(join(ROOT, 'sample', 'starter-tree.json'), 'utf8'));
  Object.assign(doc.settings, settings);
  for (const n of doc.nodes) if (n.id === 'login') n.by_plan = { [HOSTILE]: { warn: 0.7, alert: 0.5 } };
  const file = join(dir, `tree-${Object.keys(settings).length}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

interface Statement {
  params: { name: string; type: string; value: string | number | boolean | null }[];
  sql: string;
}

/** The script's statements, each with the parameters its comments list. */
function statements(script: string): Statement[] {
  const out: Statement[] = [];
  let params: Statement['params'] = [];
  let sql: string[] = [];
  for (const line of script.split('\n')) {
    const p = /^-- {3}(p\d+) (STRING|FLOAT64|INT64|BOOL) = (.*)$/.exec(line);
    if (p) params.push({ name: p[1], type: p[2], value: JSON.parse(p[3]) });
    else if (line.startsWith('--') || (line === '' && sql.length === 0)) continue;
    else {
      sql.push(line);
      if (line.endsWith(';')) {
        out.push({ params, sql: sql.join('\n').slice(0, -1) });
        params = [];
        sql = [];
      }
    }
  }
  return out;
}

describe('kpi-lamp sql', () => {
  it.each(['bigquery', 'duckdb'])(
    '%s: prints every step with its parameters, the hostile plan only among them',
    async (dialect) => {
      const tree = hostileTree();
      const out = await cli(['sql', tree, '--dialect', dialect]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const steps = [...out.stdout.matchAll(/^-- (backtest|curve|budget|accounts): /gm)].map((m) => m[1]);
      expect(steps).toEqual(['backtest', 'curve', 'budget', 'accounts']);
      const list = statements(out.stdout);
      expect(list).toHaveLength(4);
      for (const s of list) {
        // No value in the SQL text: the plan named like SQL is nowhere in it, only in the comments.
        expect(s.sql).not.toContain('DROP TABLE');
        for (const p of s.params) {
          expect(s.sql).toContain(dialect === 'bigquery' ? `@${p.name}` : `$${p.name}`);
          // A text value (a plan, the time zone) is nowhere in the SQL text, only bound.
          if (p.type === 'STRING' && typeof p.value === 'string') expect(s.sql).not.toContain(p.value);
        }
      }
      const comments = out.stdout.split('\n').filter((l) => l.includes('DROP TABLE'));
      expect(comments.length).toBeGreaterThan(0);
      for (const l of comments) expect(l).toMatch(/^-- {3}p\d+ STRING = "x'; DROP TABLE Accounts; --"$/);
      // Without tables named, placeholders, said so.
      expect(out.stdout).toContain('<accounts table>');
      expect(out.stdout.split('\n')[0]).toMatch(/^-- Table names in angle brackets are placeholders/);
    },
  );

  it("tables from the flags, else the tree's settings (full project.dataset.table paths)", async () => {
    const flags = await cli([
      'sql',
      hostileTree(),
      '--dialect',
      'bigquery',
      '--accounts-table',
      'my-proj.cs.accounts',
      '--snapshots-table',
      'my-proj.cs.snapshots',
    ]);
    expect(flags.code).toBe(0);
    expect(flags.stdout).toContain('`my-proj.cs.accounts`');
    expect(flags.stdout).toContain('`my-proj.cs.snapshots`');
    expect(flags.stdout).not.toContain('placeholders');
    const settings = await cli([
      'sql',
      hostileTree({
        bigquery_project: 'billing-1',
        accounts_table: 'data-1.cs.acc',
        snapshots_table: 'other-proj.cs.snap',
      }),
      '--dialect',
      'bigquery',
    ]);
    expect(settings.stderr).toBe('');
    expect(settings.stdout).toContain('`data-1.cs.acc`');
    expect(settings.stdout).toContain('`other-proj.cs.snap`');
  });

  it('the printed DuckDB script runs on DuckDB with the parameters its comments list', async () => {
    const out = await cli([
      'sql',
      SAMPLE,
      '--dialect',
      'duckdb',
      '--accounts-table',
      'accounts',
      '--snapshots-table',
      'snapshots',
    ]);
    expect(out.code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const t of ['Accounts', 'Snapshots']) {
        const file = join(SAMPLE, `${t}.csv`).replace(/'/g, "''");
        await c.run(
          `CREATE TABLE ${t.toLowerCase()} AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`,
        );
      }
      const counts: number[] = [];
      for (const s of statements(out.stdout)) {
        const values = Object.fromEntries(s.params.map((p) => [p.name, p.value])) as Record<string, DuckDBValue>;
        const r = await c.runAndReadAll(s.sql, values);
        counts.push(r.currentRowCount);
      }
      expect(counts).toHaveLength(4);
      // The accounts step lists the sample's accounts at warn or alert (every lamp counted: no gate in a script).
      expect(counts[3]).toBeGreaterThan(50);
    } finally {
      c.closeSync();
    }
  });

  it('the workbook form reads the tree and the headers from a CSV folder', async () => {
    const book = join(dir, 'book');
    cpSync(SAMPLE, book, { recursive: true });
    const out = await cli(['sql', book, '--dialect', 'bigquery', '--lang', 'ja']);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toContain('プレースホルダー');
    expect(out.stdout).toContain('`<project>.<dataset>.<accounts table>`');
  });

  it('an .xlsx workbook gives the same script as the same workbook as CSV files', async () => {
    const xlsx = await cli(['sql', join(ROOT, 'sample', 'kpi-lamp-sample.xlsx'), '--dialect', 'bigquery']);
    const csv = await cli(['sql', SAMPLE, '--dialect', 'bigquery']);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stdout).toBe(csv.stdout);
  });

  it('a bad or missing dialect, or a table that is no table name, exits 2 saying what to write', async () => {
    const tree = hostileTree();
    expect(await cli(['sql', tree, '--dialect', 'oracle'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kpi-lamp: --dialect must be bigquery or duckdb, not "oracle"\n',
    });
    const ja = await cli(['sql', tree, '--dialect', 'mysql', '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('--dialect には bigquery か duckdb を指定してください');
    const none = await cli(['sql', tree]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--dialect bigquery or --dialect duckdb');
    const table = await cli(['sql', tree, '--dialect', 'bigquery', '--accounts-table', 'a`b.c']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('project.dataset.table');
    expect(table.stdout).toBe('');
  });

  it("a bad BigQuery table flag is refused with the tree settings' text for the part that is wrong, naming the option; DuckDB takes a view name, bare or qualified", async () => {
    const tree = hostileTree();
    const refused = async (args: string[]) => {
      const r = await cli(['sql', tree, ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      return r.stderr;
    };
    // dataset.table is no BigQuery path: the flag needs the project too.
    expect(await refused(['--dialect', 'bigquery', '--accounts-table', 'cs.accounts'])).toBe(
      'kpi-lamp: --accounts-table is "cs.accounts", which is not a BigQuery table: write project.dataset.table, three names joined by dots, without backquotes (e.g. my-project.cs.accounts)\n',
    );
    expect(await refused(['--dialect', 'bigquery', '--snapshots-table', 'My_Project.cs.snapshots'])).toContain(
      '--snapshots-table is "My_Project.cs.snapshots": the part before the first dot is not a Google Cloud project id',
    );
    expect(await refused(['--dialect', 'bigquery', '--accounts-table', 'my-project.cs-data.accounts'])).toContain(
      '--accounts-table is "my-project.cs-data.accounts": the dataset (between the dots) may hold only letters',
    );
    expect(await refused(['--dialect', 'bigquery', '--accounts-table', 'my-project.cs.a/b'])).toContain(
      '--accounts-table is "my-project.cs.a/b": the table name (after the last dot)',
    );
    expect(await refused(['--dialect', 'bigquery', '--accounts-table', 'cs.accounts', '--lang', 'ja'])).toContain(
      '--accounts-table が "cs.accounts" ですが、BigQuery のテーブルではありません。project.dataset.table の形で',
    );
    expect(
      await refused(['--dialect', 'bigquery', '--accounts-table', 'my-project.cs-data.accounts', '--lang', 'ja']),
    ).toContain('--accounts-table が "my-project.cs-data.accounts" です。データセット名(ドットとドットの間)');
    // DuckDB: one message, matching the docs ("a view name, bare or qualified").
    expect(await refused(['--dialect', 'duckdb', '--accounts-table', 'a"b'])).toBe(
      'kpi-lamp: --accounts-table: "a"b" is not a DuckDB view name; write a view name, bare or qualified (view, schema.view or catalog.schema.view), without quotes, backquotes or control characters\n',
    );
    expect(await refused(['--dialect', 'duckdb', '--snapshots-table', 'a.b.c.d', '--lang', 'ja'])).toContain(
      '--snapshots-table: "a.b.c.d" は DuckDB のビュー名ではありません。ビュー名を、そのまま、または修飾して',
    );
    for (const name of ['accounts', 'main.accounts', 'lake.main.accounts']) {
      const ok = await cli(['sql', tree, '--dialect', 'duckdb', '--accounts-table', name]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(
        name
          .split('.')
          .map((p) => `"${p}"`)
          .join('.'),
      );
    }
  });

  it('is in the help, in English and Japanese', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}sql +print the KPI tree compiled to SQL/m);
    expect((await cli(['--help', '--lang', 'ja'])).stdout).toMatch(/^ {2}sql +KPI ツリーを SQL/m);
    expect((await cli(['sql', '--help'])).stdout).toContain('--dialect bigquery|duckdb');
  });
});
