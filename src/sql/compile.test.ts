/**
 * The compiled SQL as text: the BigQuery rendering parses by a BigQuery
 * grammar (node-sql-parser's) and calls only documented GoogleSQL functions;
 * the DuckDB rendering binds (DuckDB prepares it against tables of every
 * column type); nothing from a tree reaches the SQL text but quoted
 * identifiers (values are parameters); a tree the compiler cannot compile is
 * refused with a message that names the node. That the DuckDB rendering
 * gives the TypeScript path's answers, value for value, is
 * test/cli/engine-equal.test.ts; that the two renderings differ only where
 * DIFFERENCES says, the BigQuery double's tests.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { Parser } from 'node-sql-parser';
import type { Tree, TreeNode } from '../core/tree/types';
import { parseTreeJson } from '../core/tree/validate';
import type { CompiledQuery, SourceColumnType, SourceTable } from '../ports/warehouse';
import {
  accountNumbersQuery,
  accountsQuery,
  backtestQuery,
  budgetCutoffQuery,
  budgetQuery,
  curveQuery,
  MAX_CHILDREN,
  MAX_DEPTH,
  seriesQuery,
  UncompilableTree,
} from './compile';
import { BIGQUERY, type Dialect, DUCKDB } from './dialects';

const ZONE = 'Asia/Tokyo';

function sampleTree(): Tree {
  const r = parseTreeJson(readFileSync('sample/starter-tree.json', 'utf8'));
  if (!r.ok) throw new Error('the sample tree is invalid');
  return r.tree;
}

function valid(doc: unknown): Tree {
  const r = parseTreeJson(JSON.stringify(doc));
  if (!r.ok) throw new Error(`invalid tree: ${JSON.stringify(r.issues[0])}`);
  return r.tree;
}

const header = (file: string) => readFileSync(file, 'utf8').split('\n')[0].trim().split(',');

/** How a column may be typed in an engine: all text (a CSV), or typed as a warehouse types it. */
const TYPINGS: Record<string, (column: string) => SourceColumnType> = {
  text: () => 'text',
  typed: (c) =>
    /date$/.test(c)
      ? 'date'
      : c === 'month'
        ? 'timestamp'
        : /^(onboarding_completed|churned)$/.test(c)
          ? 'boolean'
          : /^(arr|mrr|login_rate_30d|key_feature_usage|exec_meetings_90d|open_tickets|last_nps)$/.test(c)
            ? 'number'
            : 'text',
};

function sources(typing: (c: string) => SourceColumnType, d: Dialect) {
  const t = (name: string): SourceTable => ({
    label: name,
    path: d.name === 'bigquery' ? ['my-project', 'cs_data', name] : [name],
    columns: header(`sample/workbook/${name}.csv`).map((c) => ({ name: c, type: typing(c) })),
  });
  return { accounts: t('Accounts'), snapshots: t('Snapshots') };
}

/** Every query of the report for a tree, in a dialect. */
function everyQuery(tree: Tree, s: ReturnType<typeof sources>, d: Dialect): CompiledQuery[] {
  const lamps = tree.nodes.filter((n) => n.type === 'kpi' || n.type === 'composite').length;
  const gated = Array.from({ length: lamps }, (_, k) => k === 1);
  return [
    accountsQuery(tree, s, d, { gated, listed: [2, 3], zone: ZONE }),
    budgetQuery(tree, s, d, { gated, zone: ZONE }),
    budgetCutoffQuery(tree, s, d, { gated, zone: ZONE, nodes: [0, 2], maxLit: 10 }),
    backtestQuery(tree, s, d, { horizon: 3, zone: ZONE }),
    curveQuery(tree, s, d, { horizon: 6, zone: ZONE }),
    seriesQuery(tree, s.snapshots, d, { columns: ['login_rate_30d', 'arr', 'churned'], zone: ZONE }),
    accountNumbersQuery(s.accounts, d, { columns: ['login_rate_30d', 'plan'], zone: ZONE }),
  ];
}

/**
 * GoogleSQL functions the BigQuery rendering may call, each documented in
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-and-operators
 * (mathematical, string, conversion, date/datetime, aggregate, numbering and
 * conditional expressions). A function outside it fails the test: look it up
 * before adding it.
 */
const GOOGLESQL_FUNCTIONS = new Set(
  'ABS CAST COALESCE COUNT DATE DATETIME DIV EXTRACT FORMAT FORMAT_DATE FORMAT_DATETIME GREATEST IF IFNULL LEAST LENGTH MAX MIN MOD NULLIF REGEXP_CONTAINS REGEXP_EXTRACT REGEXP_REPLACE REPLACE ROUND ROW_NUMBER SAFE_CAST SIGN SUBSTR SUM TRANSLATE TRUNC UPPER'.split(
    ' ',
  ),
);
/** Words followed by "(" that are SQL syntax, not functions. */
const KEYWORDS = new Set('AND AS ELSE EXISTS FROM IN NOT OR OVER SELECT THEN UNNEST WHEN WHERE'.split(' '));

/** The SQL with its string literals and quoted identifiers blanked (what remains is our own syntax). */
function outsideQuotes(sql: string): string {
  return sql.replace(/r?'(?:\\.|''|[^'\\])*'|`(?:\\.|[^`\\])*`|"(?:""|[^"])*"/g, (m) => ' '.repeat(m.length));
}

describe.each(Object.keys(TYPINGS))('every query, columns as %s', (typing) => {
  const tree = sampleTree();

  it('BigQuery: parses by a BigQuery grammar, calls documented GoogleSQL functions only, selects no *', () => {
    const parser = new Parser();
    for (const q of everyQuery(tree, sources(TYPINGS[typing], BIGQUERY), BIGQUERY)) {
      expect(() => parser.astify(q.sql, { database: 'bigquery' })).not.toThrow();
      const own = outsideQuotes(q.sql);
      const called = new Set(Array.from(own.matchAll(/\b([A-Za-z_][A-Za-z_0-9]*)\s*\(/g), (m) => m[1].toUpperCase()));
      expect([...called].filter((f) => !GOOGLESQL_FUNCTIONS.has(f) && !KEYWORDS.has(f))).toEqual([]);
      // No SELECT * over a user's table: a BigQuery query is billed by the columns it names.
      expect(q.sql).toContain('`my-project.cs_data.');
      expect(own).not.toMatch(/SELECT\s+(?:DISTINCT\s+)?\*\s+FROM\s+`/i);
      expect(own).not.toMatch(/\$p\d/);
      for (const p of q.params) expect(q.sql).toContain(`@${p.name}`);
    }
  });

  it('the grammar is a judge: it refuses the DuckDB rendering of the same queries', () => {
    const parser = new Parser();
    const refused = everyQuery(tree, sources(TYPINGS[typing], DUCKDB), DUCKDB).filter((q) => {
      try {
        parser.astify(q.sql, { database: 'bigquery' });
        return false;
      } catch {
        return true;
      }
    });
    expect(refused.length).toBeGreaterThan(0);
  });

  it('DuckDB: every query binds against tables of those types, with each parameter bound by its type', async () => {
    const s = sources(TYPINGS[typing], DUCKDB);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const t of [s.accounts, s.snapshots]) {
        const cols = t.columns.map((col) => {
          const type = { text: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP' }[
            col.type
          ];
          return `${DUCKDB.ident(col.name)} ${type}`;
        });
        await c.run(`CREATE TABLE ${DUCKDB.table(t.path)} (${cols.join(', ')})`);
      }
      for (const q of everyQuery(tree, s, DUCKDB)) {
        const values = Object.fromEntries(q.params.map((p) => [p.name, p.value]));
        const r = await c.runAndReadAll(q.sql, values as never);
        // Empty tables list no account.
        if (q.step === 'accounts') expect(r.currentRowCount).toBe(0);
        expect(outsideQuotes(q.sql)).not.toMatch(/@p\d/);
      }
    } finally {
      c.closeSync();
    }
  });
});

describe('nothing from a tree becomes SQL text', () => {
  const HOSTILE = "x'; DROP TABLE Accounts; --";
  const hostileTree = () => {
    const doc = JSON.parse(readFileSync('sample/starter-tree.json', 'utf8'));
    doc.settings.columns = { ...(doc.settings.columns ?? {}), plan: 'pl`an"\\' };
    for (const n of doc.nodes as TreeNode[]) {
      if (n.id === 'login') {
        n.accounts_column = 'login`rate"30d\\';
        n.by_plan = { [HOSTILE]: { warn: 0.7, alert: 0.5 }, '`; DELETE FROM t --': { warn: 0.2 } };
        n.action = HOSTILE;
        n.name = HOSTILE;
      }
    }
    return valid(doc);
  };
  const hostileSources = (d: Dialect) => {
    const s = sources(TYPINGS.text, d);
    const rename = (t: SourceTable): SourceTable => ({
      ...t,
      columns: t.columns.map((c) => ({
        ...c,
        name: c.name === 'login_rate_30d' ? 'login`rate"30d\\' : c.name === 'plan' ? 'pl`an"\\' : c.name,
      })),
    });
    return { accounts: rename(s.accounts), snapshots: rename(s.snapshots) };
  };

  it.each([
    ['bigquery', BIGQUERY],
    ['duckdb', DUCKDB],
  ] as const)('%s: plan names are parameters and column names quoted identifiers', (_, d) => {
    const tree = hostileTree();
    for (const q of everyQuery(tree, hostileSources(d), d)) {
      expect(q.sql).not.toContain('DROP');
      expect(q.sql).not.toContain('DELETE');
      if (q.step === 'accounts' || q.step === 'budget' || q.step === 'backtest' || q.step === 'curve')
        expect(q.params.map((p) => p.value)).toContain(HOSTILE);
      // The hostile column names appear only quoted, as the dialect quotes them.
      const own = outsideQuotes(q.sql);
      expect(own).not.toMatch(/[`"\\]/);
    }
  });

  it('the hostile tree runs on DuckDB, and the plan named like SQL picks its own thresholds', async () => {
    const tree = hostileTree();
    const s = hostileSources(DUCKDB);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      const cols = (t: SourceTable) => t.columns.map((col) => `${DUCKDB.ident(col.name)} VARCHAR`).join(', ');
      await c.run(`CREATE TABLE ${DUCKDB.table(s.accounts.path)} (${cols(s.accounts)})`);
      await c.run(`CREATE TABLE ${DUCKDB.table(s.snapshots.path)} (${cols(s.snapshots)})`);
      const names = s.accounts.columns.map((col) => col.name);
      const row = (id: string, plan: string, login: string) =>
        names.map((n) => (n === 'account_id' ? id : n === 'pl`an"\\' ? plan : n === 'login`rate"30d\\' ? login : null));
      const insert = `INSERT INTO ${DUCKDB.table(s.accounts.path)} VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`;
      for (const r of [row('A1', HOSTILE, '0.6'), row('A2', 'Growth', '0.6')]) await c.run(insert, r as never);
      const lamps = tree.nodes.filter((n) => n.type === 'kpi' || n.type === 'composite');
      const q = accountsQuery(tree, s, DUCKDB, {
        gated: lamps.map(() => false),
        listed: [0, 1, 2, 3],
        zone: ZONE,
      });
      const r = await c.runAndReadAll(q.sql, Object.fromEntries(q.params.map((p) => [p.name, p.value])) as never);
      const k = lamps.findIndex((n) => n.id === 'login');
      const byId = Object.fromEntries(r.getRowObjectsJS().map((o) => [o.id, o]));
      // 0.6 is under the hostile plan's warn 0.7 (lit), over the node's own warn 0.5 (ok).
      expect(Number(byId.A1[`n${k}_s`])).toBe(2);
      expect(Number(byId.A1[`n${k}_w`])).toBe(0.7);
      expect(Number(byId.A2[`n${k}_s`])).toBe(0);
      expect(Number(byId.A2[`n${k}_w`])).toBe(0.5);
      expect((await c.runAndReadAll(`SELECT count(*) AS n FROM ${DUCKDB.table(s.accounts.path)}`)).getRows()).toEqual([
        [2n],
      ]);
    } finally {
      c.closeSync();
    }
  });
});

describe('a tree the compiler cannot compile', () => {
  const base = () => JSON.parse(readFileSync('sample/starter-tree.json', 'utf8'));
  const s = sources(TYPINGS.text, BIGQUERY);

  it('is refused when composites nest too deep, naming the node in English and Japanese', () => {
    const doc = base();
    let parent = 'adoption';
    for (let i = 0; i <= MAX_DEPTH + 1; i++) {
      doc.nodes.push({
        id: `deep${i}`,
        parent,
        type: 'composite',
        name: `Deep ${i}`,
        method: 'product',
        warn: 5,
        alert: 1,
      });
      parent = `deep${i}`;
    }
    doc.nodes.push({ id: 'leaf', parent, type: 'kpi', name: 'Leaf', accounts_column: 'arr' });
    const tree = valid(doc);
    let error: unknown;
    try {
      accountsQuery(tree, s, BIGQUERY, { gated: [], listed: [2, 3], zone: ZONE });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UncompilableTree);
    const e = error as UncompilableTree;
    expect(e.node).toMatch(/^deep\d+$/);
    expect(e.message).toContain(`"${e.node}"`);
    expect(e.message).toContain(String(MAX_DEPTH));
    expect(e.messageIn('ja')).toContain(`"${e.node}"`);
    expect(e.messageIn('ja')).toMatch(/SQL にできません/);
  });

  it('is refused when a composite has too many children, naming it', () => {
    const doc = base();
    doc.nodes.push({
      id: 'wide',
      parent: 'adoption',
      type: 'composite',
      name: 'Wide',
      method: 'weighted_mean',
      warn: 5,
      alert: 1,
    });
    for (let i = 0; i <= MAX_CHILDREN; i++)
      doc.nodes.push({ id: `w${i}`, parent: 'wide', type: 'kpi', name: `W ${i}`, accounts_column: 'arr' });
    const tree = valid(doc);
    expect(() => budgetQuery(tree, s, BIGQUERY, { gated: [], zone: ZONE })).toThrow(/"wide"/);
  });

  it('is compiled at the limits themselves', () => {
    const doc = base();
    doc.nodes.push({
      id: 'wide',
      parent: 'adoption',
      type: 'composite',
      name: 'Wide',
      method: 'weighted_mean',
      warn: 5,
      alert: 1,
    });
    for (let i = 0; i < MAX_CHILDREN; i++)
      doc.nodes.push({ id: `w${i}`, parent: 'wide', type: 'kpi', name: `W ${i}`, accounts_column: 'arr' });
    expect(() => budgetQuery(valid(doc), s, BIGQUERY, { gated: [], zone: ZONE })).not.toThrow();
  });
});
