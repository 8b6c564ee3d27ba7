/**
 * The tree compiled to SQL: the per-row work of the lamps, the backtest, its
 * curve, the alert budget and the Snapshots-derived monthly series, over an
 * accounts table and a snapshots table, in BigQuery or DuckDB SQL. The rules
 * are the contract's (../../shared/spec/kpi-tree.md) as the TypeScript core
 * applies them (src/core/lamps/evaluate.ts, backtest.ts, budget.ts,
 * src/core/tree/series.ts); the figures that are small (ratios, the lift's
 * interval, verdicts, evidence) are left to that core, fed by these results
 * (src/server/warehouse-lamps.ts).
 *
 * Every value from the tree (thresholds, floors, weights, plan names, the
 * horizon, the budget, the time zone) is a query parameter; identifiers are
 * quoted; only the columns the tree binds are read (no SELECT *). A tree
 * that cannot be compiled is refused with a message naming the node.
 */
import { columnIndex } from '../core/table';
import { childrenOf, directionOf, isLampNode, treeOrder } from '../core/tree/structure';
import type { Direction, Thresholds, Tree, TreeNode } from '../core/tree/types';
import type { CompiledQuery, SourceColumn, SourceTable, SqlParam, SqlParamType } from '../ports/warehouse';
import { jsTrim, monthCell, numberCell, numberFromTextSteps, textCell } from './cells';
import type { Dialect } from './dialects';
import { KeyedError } from '../i18n/keyed-error';

/** A tree this compiler cannot turn into SQL; names the node (sql.error.depth or sql.error.children). */
export class UncompilableTree extends KeyedError {
  constructor(
    readonly node: string,
    readonly why: 'depth' | 'children',
  ) {
    super(why === 'depth' ? 'sql.error.depth' : 'sql.error.children', {
      node,
      max: why === 'depth' ? MAX_DEPTH : MAX_CHILDREN,
    });
    this.name = 'UncompilableTree';
  }
}

/** Composites nest at most this deep (the SQL inlines each child's expression in its parent's). */
export const MAX_DEPTH = 8;
/** A composite has at most this many children. */
export const MAX_CHILDREN = 50;

/** The query's parameters, named p0, p1, … in order of first use (the same value of a type is one parameter). */
export class Params {
  readonly list: SqlParam[] = [];
  private readonly seen = new Map<string, string>();
  constructor(private readonly d: Dialect) {}

  add(type: SqlParamType, value: string | number | boolean | null): string {
    const key = `${type}:${typeof value}:${String(value)}`;
    let name = this.seen.get(key);
    if (!name) {
      name = `p${this.list.length}`;
      this.list.push({ name, type, value });
      this.seen.set(key, name);
    }
    return `CAST(${this.d.param(name)} AS ${this.d.type(type)})`;
  }

  num(v: number | null | undefined): string {
    return v === null || v === undefined ? `CAST(NULL AS ${this.d.type('FLOAT64')})` : this.add('FLOAT64', v);
  }
}

/** The state codes the queries return: the order of severity (core/lamps/evaluate.ts RANK). */
export const STATE_CODE = { ok: 0, unknown: 1, warn: 2, alert: 3 } as const;

function reached(v: string, t: string, dir: Direction): string {
  return dir === 'higher_is_better' ? `${v} <= ${t}` : `${v} >= ${t}`;
}

/**
 * How one table's rows are read: the bound columns, converted (the `src`
 * step of each query). A text column read as a number takes four steps
 * (cells.ts numberFromTextSteps); every other conversion is one item of the
 * first step, carried through the others.
 */
class RowSource {
  /** Select items of the conversion's steps. */
  private readonly steps: string[][] = [[], [], [], []];
  private readonly kpi = new Map<string, string>();

  constructor(
    readonly d: Dialect,
    readonly p: Params,
    readonly table: SourceTable,
    readonly zone: string,
  ) {}

  column(header: string | undefined): SourceColumn | null {
    const i = columnIndex({ name: '', header: this.table.columns.map((c) => c.name), rows: [] }, header);
    return i < 0 ? null : this.table.columns[i];
  }

  has(header: string | undefined): boolean {
    return this.column(header) !== null;
  }

  private add(alias: string, expr: string): string {
    this.steps[0].push(`${expr} AS ${alias}`);
    return alias;
  }

  private addNumber(alias: string, c: SourceColumn): string {
    if (c.type !== 'text') return this.add(alias, numberCell(this.d, this.d.ident(c.name), c.type));
    numberFromTextSteps(this.d, alias, this.d.ident(c.name)).forEach((items, i) => this.steps[i].push(...items));
    return alias;
  }

  text(alias: string, header: string | undefined): string {
    const c = this.column(header);
    return this.add(
      alias,
      c ? textCell(this.d, this.d.ident(c.name), c.type, this.zone) : `CAST(NULL AS ${this.d.type('STRING')})`,
    );
  }

  number(alias: string, header: string | undefined): string {
    const c = this.column(header);
    return c ? this.addNumber(alias, c) : this.add(alias, this.p.num(null));
  }

  month(alias: string, header: string | undefined): string {
    const c = this.column(header);
    return this.add(
      alias,
      c ? monthCell(this.d, this.d.ident(c.name), c.type, this.zone) : `CAST(NULL AS ${this.d.type('INT64')})`,
    );
  }

  /** A KPI column's number, converted once however many nodes read it (NULL when the column is missing). */
  kpiColumn(header: string | undefined): string | null {
    const c = this.column(header);
    if (!c) return null;
    let alias = this.kpi.get(c.name);
    if (!alias) {
      alias = this.addNumber(`k${this.kpi.size}`, c);
      this.kpi.set(c.name, alias);
    }
    return alias;
  }

  /** The conversion as one query: the first step over the table, each next step over the one before. */
  select(): string {
    let sql = `SELECT ${this.steps[0].length ? this.steps[0].join(',\n    ') : '1 AS one'}\n  FROM ${this.d.table(this.table.path)}`;
    for (let i = 1; i < this.steps.length; i++) {
      if (this.steps[i].length === 0) continue;
      sql = `SELECT c${i}.*, ${this.steps[i].join(',\n    ')}\n  FROM (\n  ${sql}\n  ) c${i}`;
    }
    return sql;
  }
}

/** One lamp node's expressions over a row of the conversion step (see lampStep). */
interface LampSql {
  node: TreeNode;
  direction: Direction;
  /** The node's value (a composite's computed value), NULL when unknown. */
  value: string;
  /** Composite children's values, in order (empty for a kpi). */
  children: { node: TreeNode; value: string }[];
  /** The kpi's column is not in the table (its unknown reason is no_column). */
  noColumn: boolean;
}

/** The value of a node, as compileTree's nodeValue: a kpi's cell; a composite's product or weighted mean, NULL when a child is unknown. */
function valueSql(tree: Tree, node: TreeNode, src: RowSource, depth: number): string {
  const F = src.d.type('FLOAT64');
  if (node.type !== 'composite') return src.kpiColumn(node.accounts_column) ?? `CAST(NULL AS ${F})`;
  if (depth > MAX_DEPTH) throw new UncompilableTree(node.id, 'depth');
  const kids = childrenOf(tree, node.id);
  if (kids.length > MAX_CHILDREN) throw new UncompilableTree(node.id, 'children');
  if (kids.length === 0) return `CAST(NULL AS ${F})`;
  const vals = kids.map((k) => `(${valueSql(tree, k, src, depth + 1)})`);
  let combined: string;
  if (node.method === 'weighted_mean') {
    // As core/tree/series.ts combine: num += w × v and den += w, child by child.
    const ws = kids.map((k) => src.p.num(k.weight ?? 1));
    combined = `(${vals.map((v, i) => `${ws[i]} * ${v}`).reduce((a, b) => `(${a} + ${b})`)}) / (${ws.reduce((a, b) => `(${a} + ${b})`)})`;
  } else combined = vals.reduce((a, b) => `(${a} * ${b})`);
  return `CASE WHEN ${vals.map((v) => `${v} IS NULL`).join(' OR ')} THEN CAST(NULL AS ${F}) ELSE ${combined} END`;
}

function lampSql(tree: Tree, node: TreeNode, src: RowSource): LampSql {
  const children =
    node.type === 'composite'
      ? childrenOf(tree, node.id).map((k) => ({ node: k, value: valueSql(tree, k, src, 1) }))
      : [];
  return {
    node,
    direction: directionOf(tree, node),
    value: valueSql(tree, node, src, 0),
    children,
    noColumn: node.type !== 'composite' && !src.has(node.accounts_column),
  };
}

/**
 * The thresholds that apply on a row: the plan's `by_plan` entry (plan
 * compared after trimming; an entry replaces both) or the node's own, as
 * compileTree's judge picks them.
 */
function thresholdSql(l: LampSql, planKey: string, p: Params, which: keyof Thresholds): string {
  const own = p.num(l.node[which]);
  if (!l.node.by_plan) return own;
  // A Map of the trimmed names, as compileTree makes it: the last entry of a name wins, in first-seen order.
  const plans = new Map<string, Thresholds>();
  for (const [name, t] of Object.entries(l.node.by_plan)) plans.set(name.trim(), t);
  const arms = [...plans].map(([name, t]) => `WHEN ${planKey} = ${p.add('STRING', name)} THEN ${p.num(t[which])}`);
  return arms.length ? `CASE ${arms.join(' ')} ELSE ${own} END` : own;
}

/**
 * The lamp columns of a row, for lamp node number k: n{k}_v (value),
 * n{k}_w / n{k}_a (thresholds), n{k}_c{i} (a composite's children's
 * values), then n{k}_f (index of the first child at or past its floor) and
 * n{k}_u (of the first unknown child), then n{k}_fv (that floor child's
 * value) and n{k}_s (the state code). Three select lists, each over the
 * step before.
 */
function lampColumns(d: Dialect, lamps: LampSql[], planKey: string, p: Params): string[][] {
  const I = `CAST(NULL AS ${d.type('INT64')})`;
  const F = `CAST(NULL AS ${d.type('FLOAT64')})`;
  const layers: string[][] = [[], [], []];
  lamps.forEach((l, k) => {
    const n = `n${k}`;
    layers[0].push(`${l.value} AS ${n}_v`);
    layers[0].push(`${thresholdSql(l, planKey, p, 'warn')} AS ${n}_w`);
    layers[0].push(`${thresholdSql(l, planKey, p, 'alert')} AS ${n}_a`);
    l.children.forEach((c, i) => layers[0].push(`${c.value} AS ${n}_c${i}`));
    const floors = l.children
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.node.floor !== undefined)
      .map(
        ({ c, i }) =>
          `WHEN ${n}_c${i} IS NOT NULL AND ${reached(`${n}_c${i}`, p.num(c.node.floor), l.direction)} THEN ${i}`,
      );
    layers[1].push(`${floors.length ? `CASE ${floors.join(' ')} END` : I} AS ${n}_f`);
    layers[1].push(
      `${l.children.length ? `CASE ${l.children.map((_, i) => `WHEN ${n}_c${i} IS NULL THEN ${i}`).join(' ')} END` : I} AS ${n}_u`,
    );
    layers[2].push(
      `${l.children.length ? `CASE ${n}_f ${l.children.map((_, i) => `WHEN ${i} THEN ${n}_c${i}`).join(' ')} END` : F} AS ${n}_fv`,
    );
    layers[2].push(
      `CASE WHEN ${n}_f IS NOT NULL THEN ${STATE_CODE.alert}` +
        ` WHEN ${n}_v IS NULL THEN ${STATE_CODE.unknown}` +
        ` WHEN ${n}_a IS NOT NULL AND ${reached(`${n}_v`, `${n}_a`, l.direction)} THEN ${STATE_CODE.alert}` +
        ` WHEN ${n}_w IS NOT NULL AND ${reached(`${n}_v`, `${n}_w`, l.direction)} THEN ${STATE_CODE.warn}` +
        ` ELSE ${STATE_CODE.ok} END AS ${n}_s`,
    );
  });
  return layers;
}

/** The judging steps j1, j2, j3 over a step named `from` (filtered by `where`). */
function judgeCtes(layers: string[][], from: string, where = ''): string[] {
  const step = (name: string, over: string, cols: string[], w = '') =>
    `${name} AS (\n  SELECT ${over}.*${cols.length ? `,\n    ${cols.join(',\n    ')}` : ''}\n  FROM ${over}${w ? ` WHERE ${w}` : ''}\n)`;
  return [step('j1', from, layers[0], where), step('j2', 'j1', layers[1]), step('j3', 'j2', layers[2])];
}

export interface Sources {
  accounts: SourceTable;
  snapshots: SourceTable | null;
}

function lampNodesOf(tree: Tree): TreeNode[] {
  return treeOrder(tree).filter(isLampNode);
}

/** A query from its lines, with the parameters it uses (engines refuse a parameter the text does not name). */
function query(step: CompiledQuery['step'], p: Params, lines: string[]): CompiledQuery {
  const sql = lines.join('\n');
  const used = new Set(Array.from(sql.matchAll(/[@$](p\d+)\b/g), (m) => m[1]));
  return { step, sql, params: p.list.filter((x) => used.has(x.name)) };
}

// ---- Accounts: the listing, the budget's counts, its cut-offs --------------

/** The accounts step shared by the accounts and budget queries: rows with an id, each lamp judged. */
function accountsCtes(
  tree: Tree,
  accounts: SourceTable,
  d: Dialect,
  p: Params,
  zone: string,
  gated: readonly boolean[],
) {
  const c = tree.settings.columns;
  const src = new RowSource(d, p, accounts, zone);
  src.text('id_raw', c.id);
  src.text('name', c.name);
  src.text('owner', c.owner);
  src.text('plan', c.plan);
  src.number('arr', c.arr);
  src.text('renewal', c.renewal);
  const lamps = lampNodesOf(tree).map((n) => lampSql(tree, n, src));
  const layers = lampColumns(d, lamps, `NULLIF(${jsTrim(d, 'plan')}, '')`, p);
  const counted = lamps.map((_, k) => `n${k}_s`).filter((_, k) => !gated[k]);
  const severity =
    counted.length === 0 ? `${STATE_CODE.ok}` : counted.length === 1 ? counted[0] : `GREATEST(${counted.join(', ')})`;
  const ctes = [
    `WITH src AS (\n  ${src.select()}\n)`,
    ...judgeCtes(layers, 'src', 'id_raw IS NOT NULL'),
    `judged AS (\n  SELECT j3.*, ${jsTrim(d, 'id_raw')} AS id, ${severity} AS severity\n  FROM j3\n)`,
  ];
  return { ctes, lamps };
}

export interface AccountsQueryOptions {
  /** Lamp nodes (tree order) the gate holds back: their lamps count toward no severity. */
  gated: readonly boolean[];
  /** Severity codes listed. */
  listed: readonly number[];
  zone: string;
}

/**
 * The listed accounts with every lamp's columns, most severe first, then ARR
 * (largest first, none last), then id.
 */
export function accountsQuery(tree: Tree, s: Sources, d: Dialect, o: AccountsQueryOptions): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const { ctes, lamps } = accountsCtes(tree, s.accounts, d, p, zone, o.gated);
  const lampCols = lamps.flatMap((_, k) => ['v', 'w', 'a', 's', 'f', 'fv', 'u'].map((x) => `n${k}_${x}`));
  const listed = o.listed.length ? o.listed.join(', ') : '-1';
  return query('accounts', p, [
    ctes.join(',\n'),
    `SELECT id, name, owner, plan, arr, renewal, severity${lampCols.length ? `,\n  ${lampCols.join(', ')}` : ''}`,
    'FROM judged',
    `WHERE severity IN (${listed})`,
    // ARR largest first, none last (spelt without NULLS LAST, which not every GoogleSQL grammar reads).
    'ORDER BY severity DESC, arr IS NULL, arr DESC, id ASC',
  ]);
}

/**
 * The alert budget's counts: accounts, accounts at warn or alert (gated lamps
 * not counted), and per lamp node the accounts lit there and their ARR.
 */
export function budgetQuery(
  tree: Tree,
  s: Sources,
  d: Dialect,
  o: Pick<AccountsQueryOptions, 'gated' | 'zone'>,
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const { ctes, lamps } = accountsCtes(tree, s.accounts, d, p, zone, o.gated);
  const lit = (e: string) => `${e} IN (${STATE_CODE.warn}, ${STATE_CODE.alert})`;
  const per = lamps.flatMap((_, k) => [
    `SUM(CASE WHEN ${lit(`n${k}_s`)} THEN 1 ELSE 0 END) AS n${k}_lit`,
    `SUM(CASE WHEN ${lit(`n${k}_s`)} AND arr IS NOT NULL THEN arr END) AS n${k}_arr`,
  ]);
  return query('budget', p, [
    ctes.join(',\n'),
    `SELECT COUNT(*) AS accounts, SUM(CASE WHEN ${lit('severity')} THEN 1 ELSE 0 END) AS lit${per.length ? `,\n  ${per.join(',\n  ')}` : ''}`,
    'FROM judged',
  ]);
}

/**
 * For lamp nodes lit beyond the budget on their own: the cut-off lighting at
 * most `maxLit` of today's accounts, as core/lamps/budget.ts cutoffWithin:
 * the value maxLit from the lit end; when ties there light more, the next
 * value before it (NULL when none).
 */
export function budgetCutoffQuery(
  tree: Tree,
  s: Sources,
  d: Dialect,
  o: Pick<AccountsQueryOptions, 'gated' | 'zone'> & { nodes: readonly number[]; maxLit: number },
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const { ctes, lamps } = accountsCtes(tree, s.accounts, d, p, zone, o.gated);
  const max = p.add('INT64', o.maxLit);
  const parts = o.nodes.map((k) => {
    const higher = lamps[k].direction === 'higher_is_better';
    const v = `n${k}_v`;
    const ranked = `SELECT ${v} AS v, ROW_NUMBER() OVER (ORDER BY ${v}) AS rn, COUNT(*) OVER () AS m FROM judged WHERE ${v} IS NOT NULL`;
    const x = higher
      ? `SELECT CASE WHEN MAX(m) <= ${max} THEN MAX(v) ELSE MAX(CASE WHEN rn = ${max} THEN v END) END AS x FROM (${ranked}) r`
      : `SELECT CASE WHEN MAX(m) <= ${max} THEN MIN(v) ELSE MAX(CASE WHEN rn = m - ${max} + 1 THEN v END) END AS x FROM (${ranked}) r`;
    const atOrPast = higher ? 'j.v <= c.x' : 'j.v >= c.x';
    const before = higher ? 'MAX(CASE WHEN j.v < c.x THEN j.v END)' : 'MIN(CASE WHEN j.v > c.x THEN j.v END)';
    return (
      `SELECT ${k} AS node, CASE WHEN SUM(CASE WHEN ${atOrPast} THEN 1 ELSE 0 END) <= ${max} THEN MAX(c.x) ELSE ${before} END AS cutoff\n` +
      `  FROM (SELECT ${v} AS v FROM judged WHERE ${v} IS NOT NULL) j, (${x}) c`
    );
  });
  return query('budget', p, [ctes.join(',\n'), parts.join('\nUNION ALL\n'), 'ORDER BY node']);
}

// ---- Snapshots: the backtest, its curve, the monthly series ---------------

/** The account-months the backtest considers, with their outcome and every lamp judged (core/lamps/backtest.ts windows). */
function windowCtes(
  tree: Tree,
  s: Sources & { snapshots: SourceTable },
  d: Dialect,
  p: Params,
  zone: string,
  horizon: string,
) {
  const c = tree.settings.columns;
  const src = new RowSource(d, p, s.snapshots, zone);
  src.month('m', c.month);
  src.text('id_raw', c.id);
  src.number('churn_cell', c.churned);
  const snapshotPlan = src.has(c.plan);
  if (snapshotPlan) src.text('plan', c.plan);
  const lamps = lampNodesOf(tree).map((n) => lampSql(tree, n, src));
  const layers = lampColumns(d, lamps, `NULLIF(${jsTrim(d, 'plan')}, '')`, p);
  // Plans from Accounts when Snapshots has none (one per account id; see DIFFERENCES for repeated ids).
  const acc = new RowSource(d, p, s.accounts, zone);
  const accPlan = !snapshotPlan && acc.has(c.id) && acc.has(c.plan);
  if (accPlan) {
    acc.text('a_id', c.id);
    acc.text('a_plan', c.plan);
  }
  const ctes = [
    `WITH src AS (\n  ${src.select()}\n)`,
    `rows_used AS (\n  SELECT src.*, ${jsTrim(d, 'id_raw')} AS acct FROM src WHERE m IS NOT NULL AND id_raw IS NOT NULL\n)`,
    'bounds AS (\n  SELECT MAX(m) AS hi FROM rows_used\n)',
    `churns AS (\n  SELECT acct, MIN(CASE WHEN churn_cell = 1 THEN m END) AS churn FROM rows_used GROUP BY acct\n)`,
  ];
  if (accPlan)
    ctes.push(
      `acc AS (\n  SELECT ${jsTrim(d, 'a_id')} AS acct, MAX(a_plan) AS plan FROM (${acc.select()}) a WHERE a_id IS NOT NULL GROUP BY 1\n)`,
    );
  const plan = snapshotPlan ? '' : accPlan ? ', acc.plan AS plan' : `, CAST(NULL AS ${d.type('STRING')}) AS plan`;
  ctes.push(
    `win AS (\n  SELECT r.*${plan}, CASE WHEN ch.churn > r.m AND ch.churn <= r.m + ${horizon} THEN 1 ELSE 0 END AS outcome\n` +
      `  FROM rows_used r JOIN churns ch ON ch.acct = r.acct CROSS JOIN bounds b${accPlan ? ' LEFT JOIN acc ON acc.acct = r.acct' : ''}\n` +
      `  WHERE (ch.churn IS NULL OR r.m < ch.churn) AND r.m + ${horizon} <= b.hi\n)`,
    ...judgeCtes(layers, 'win'),
    'judged AS (\n  SELECT * FROM j3\n)',
  );
  return { ctes, lamps };
}

/** Whether Snapshots can be backtested at all (core/lamps/backtest.ts windows needs the month, id and churned columns). */
export function backtestable(tree: Tree, s: Sources): s is Sources & { snapshots: SourceTable } {
  if (!s.snapshots) return false;
  const names = { name: '', header: s.snapshots.columns.map((c) => c.name), rows: [] };
  const c = tree.settings.columns;
  return [c.month, c.id, c.churned].every((h) => columnIndex(names, h) >= 0);
}

/**
 * The backtest's counts at a horizon: considered, churned, different
 * accounts that churned; per lamp node: lit, lit_churned and the different
 * accounts lit that churned.
 */
export function backtestQuery(
  tree: Tree,
  s: Sources & { snapshots: SourceTable },
  d: Dialect,
  o: { horizon: number; zone: string },
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const h = p.add('INT64', o.horizon);
  const { ctes, lamps } = windowCtes(tree, s, d, p, zone, h);
  const lit = (k: number) => `n${k}_s IN (${STATE_CODE.warn}, ${STATE_CODE.alert})`;
  const per = lamps.flatMap((_, k) => [
    `SUM(CASE WHEN ${lit(k)} THEN 1 ELSE 0 END) AS n${k}_lit`,
    `SUM(CASE WHEN ${lit(k)} AND outcome = 1 THEN 1 ELSE 0 END) AS n${k}_lc`,
    `COUNT(DISTINCT CASE WHEN ${lit(k)} AND outcome = 1 THEN acct END) AS n${k}_lca`,
  ]);
  return query('backtest', p, [
    ctes.join(',\n'),
    `SELECT COUNT(*) AS considered, SUM(outcome) AS churned, COUNT(DISTINCT CASE WHEN outcome = 1 THEN acct END) AS churned_accounts${per.length ? `,\n  ${per.join(',\n  ')}` : ''}`,
    'FROM judged',
  ]);
}

/**
 * The curve of every lamp node: the cut-offs v[ceil(k·m/10)], k = 1…9, of the
 * node's numeric values over the considered account-months, and at each the
 * account-months lit (at or past it in the node's direction, or under a
 * composite's floor) and lit that churned. Rows: node, cutoff (increasing).
 */
export function curveQuery(
  tree: Tree,
  s: Sources & { snapshots: SourceTable },
  d: Dialect,
  o: { horizon: number; zone: string },
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const h = p.add('INT64', o.horizon);
  const { ctes, lamps } = windowCtes(tree, s, d, p, zone, h);
  if (lamps.length === 0)
    return query('curve', p, [
      'SELECT 0 AS node, 0.0 AS cutoff, 0 AS lit, 0 AS lit_churned',
      'FROM (SELECT 1) x WHERE FALSE',
    ]);
  const vals = lamps.map(
    (l, k) =>
      `SELECT ${k} AS node, ${l.direction === 'higher_is_better' ? 1 : 0} AS higher, n${k}_v AS v, CASE WHEN n${k}_f IS NULL THEN 0 ELSE 1 END AS fl, outcome FROM judged`,
  );
  const ranks = Array.from({ length: 9 }, (_, i) => d.intDiv(`${i + 1} * m + 9`, '10'));
  ctes.push(
    `vals AS (\n  ${vals.join('\n  UNION ALL\n  ')}\n)`,
    `grouped AS (\n  SELECT node, higher, v, fl, COUNT(*) AS n, SUM(outcome) AS oc FROM vals GROUP BY node, higher, v, fl\n)`,
    `ranked AS (\n  SELECT node, v, ROW_NUMBER() OVER (PARTITION BY node ORDER BY v) AS rn, COUNT(*) OVER (PARTITION BY node) AS m FROM vals WHERE v IS NOT NULL\n)`,
    `cuts AS (\n  SELECT DISTINCT node, v AS cutoff FROM ranked WHERE rn IN (${ranks.join(', ')})\n)`,
  );
  return query('curve', p, [
    ctes.join(',\n'),
    'SELECT c.node AS node, c.cutoff AS cutoff,',
    '  SUM(CASE WHEN g.fl = 1 OR (g.v IS NOT NULL AND ((g.higher = 1 AND g.v <= c.cutoff) OR (g.higher = 0 AND g.v >= c.cutoff))) THEN g.n ELSE 0 END) AS lit,',
    '  SUM(CASE WHEN g.fl = 1 OR (g.v IS NOT NULL AND ((g.higher = 1 AND g.v <= c.cutoff) OR (g.higher = 0 AND g.v >= c.cutoff))) THEN g.oc ELSE 0 END) AS lit_churned',
    'FROM cuts c JOIN grouped g ON g.node = c.node',
    'GROUP BY c.node, c.cutoff',
    'ORDER BY node, cutoff',
  ]);
}

/**
 * Monthly sums and counts of Snapshots columns (core/tree/series.ts
 * monthlyMean: rows whose month reads as one; numbers only), one row per
 * month index, columns s{i} and c{i} in the order given; and one row with a
 * NULL month whose c{i} counts the column's numbers in every row (what SMART
 * `measurable` asks).
 */
export function seriesQuery(
  tree: Tree,
  snapshots: SourceTable,
  d: Dialect,
  o: { columns: readonly string[]; zone: string },
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const src = new RowSource(d, p, snapshots, zone);
  src.month('m', tree.settings.columns.month);
  const cols = o.columns.map((h, i) => src.number(`x${i}`, h));
  const sums = cols.flatMap((x, i) => [`SUM(${x}) AS s${i}`, `COUNT(${x}) AS c${i}`]);
  const all = cols.flatMap((x, i) => [`CAST(NULL AS ${d.type('FLOAT64')}) AS s${i}`, `COUNT(${x}) AS c${i}`]);
  return query('series', p, [
    `WITH src AS (\n  ${src.select()}\n)`,
    `SELECT m${sums.length ? `, ${sums.join(', ')}` : ''} FROM src WHERE m IS NOT NULL GROUP BY m`,
    'UNION ALL',
    `SELECT CAST(NULL AS ${d.type('INT64')}) AS m${all.length ? `, ${all.join(', ')}` : ''} FROM src`,
    'ORDER BY m',
  ]);
}

/** Whether Accounts columns hold a number (SMART `measurable`): c{i} counts the numbers of each column given. */
export function accountNumbersQuery(
  accounts: SourceTable,
  d: Dialect,
  o: { columns: readonly string[]; zone: string },
): CompiledQuery {
  const p = new Params(d);
  const zone = p.add('STRING', o.zone);
  const src = new RowSource(d, p, accounts, zone);
  const cols = o.columns.map((h, i) => src.number(`x${i}`, h));
  return query('series', p, [
    `WITH src AS (\n  ${src.select()}\n)`,
    `SELECT ${cols.length ? cols.map((x, i) => `COUNT(${x}) AS c${i}`).join(', ') : '0 AS none'} FROM src`,
  ]);
}
