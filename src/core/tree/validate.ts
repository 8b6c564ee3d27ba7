/**
 * Validation of a `kpi-lamp/tree@1` document: every invalid case of the
 * contract (a missing or second root, a parent that does not exist, a cycle,
 * a repeated id, a value of the wrong type or outside its list, an unknown
 * key) is reported with the node's id (and row, when read from a sheet).
 * Nothing is changed by validation: callers save only a valid tree.
 */
import {
  type CompositeMethod,
  DEFAULT_COLUMNS,
  DEFAULT_SETTINGS,
  type Direction,
  DIRECTIONS,
  EVIDENCE_MODES,
  type EvidenceMode,
  type Kind,
  KINDS,
  METHODS,
  NODE_KEYS,
  NODE_TYPES,
  type NodeType,
  type Settings,
  type Thresholds,
  type Tree,
  TREE_FORMAT,
  type TreeNode,
} from './types';
import { clipText, jsonNesting, TREE_LIMITS } from './limits';
import { isProjectId, parseTablePath, type TablePart } from './bigquery-names';

export type IssueCode =
  | 'not_object'
  | 'format'
  | 'unknown_key'
  | 'wrong_type'
  | 'bad_value'
  | 'missing'
  | 'no_root'
  | 'second_root'
  | 'kgi_not_root'
  | 'missing_parent'
  | 'cycle'
  | 'duplicate_id'
  | 'direction_mismatch'
  /** Past a ceiling of TREE_LIMITS: `found` is the size, `expected` the ceiling. */
  | 'too_large'
  | 'too_deep'
  | 'too_many_nodes'
  | 'too_long'
  | 'too_many_plans'
  | 'too_many_levels'
  /** settings.bigquery_project is not a Google Cloud project id (bigquery-names.ts). */
  | 'bad_project_id'
  /** A settings.*_table is not `project.dataset.table`: `part` says which part. */
  | 'bad_table_name'
  /** settings.snapshots_table without settings.accounts_table. */
  | 'table_without_accounts';

export interface TreeIssue {
  code: IssueCode;
  /** The node's id, when the issue is about a node ("" when the node has no usable id). */
  node?: string;
  /** 1-based row of the tree sheet, when read from a sheet. */
  row?: number;
  /** The key concerned, e.g. "warn" or "settings.max_lag". */
  field?: string;
  /** What was found, shown to the person. */
  found?: string;
  /** What is expected, e.g. "one of leading, lagging, coincident". */
  expected?: string;
  /** For bad_table_name: the part of the path that is wrong. */
  part?: TablePart;
}

export type TreeResult = { ok: true; tree: Tree } | { ok: false; issues: TreeIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A found value for a message: JSON, clipped (a 5 MB text is named, not repeated). */
const show = (v: unknown): string => {
  let text: string;
  try {
    text = typeof v === 'string' ? JSON.stringify(clipText(v)) : (JSON.stringify(v) ?? String(v));
  } catch {
    text = Array.isArray(v) ? '[…]' : '{…}'; // nested too deep to print
  }
  return clipText(text, 120);
};
/** Own keys only: a key such as "constructor" or "__proto__" never reads a prototype. */
const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const count = (n: number): string => n.toLocaleString('en-US');

/** An issue when a text is longer than TREE_LIMITS.textChars. */
function tooLong(text: string, field: string, at: Pick<TreeIssue, 'node' | 'row'>, issues: TreeIssue[]): boolean {
  if (text.length <= TREE_LIMITS.textChars) return false;
  issues.push({ ...at, code: 'too_long', field, found: count(text.length), expected: count(TREE_LIMITS.textChars) });
  return true;
}

const STRING_KEYS = ['name', 'definition', 'accounts_column', 'history_column', 'action', 'owner'] as const;
const NUMBER_KEYS = ['target', 'warn', 'alert', 'floor', 'weight'] as const;
const DATE_KEYS = ['review_date', 'deadline'] as const;

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Row numbers by node index, when the nodes were read from a sheet. */
export type RowOf = (index: number) => number | undefined;

function validateSettings(raw: unknown, issues: TreeIssue[]): Settings {
  if (raw === undefined) return { ...DEFAULT_SETTINGS, columns: { ...DEFAULT_COLUMNS } };
  const s: Settings = { ...DEFAULT_SETTINGS, columns: { ...DEFAULT_COLUMNS } };
  if (!isObject(raw)) {
    issues.push({ code: 'wrong_type', field: 'settings', found: show(raw), expected: 'an object' });
    return s;
  }
  for (const [k, v] of Object.entries(raw)) {
    const field = `settings.${k}`;
    switch (k) {
      case 'accounts_sheet':
      case 'snapshots_sheet':
      case 'history_sheet':
        if (typeof v === 'string' && v.trim()) {
          if (!tooLong(v, field, {}, issues)) s[k] = v.trim();
        } else issues.push({ code: 'wrong_type', field, found: show(v), expected: 'a sheet name' });
        break;
      case 'columns':
        if (!isObject(v)) {
          issues.push({ code: 'wrong_type', field, found: show(v), expected: 'an object' });
          break;
        }
        for (const [ck, cv] of Object.entries(v)) {
          const cf = `settings.columns.${clipText(ck)}`;
          if (!has(DEFAULT_COLUMNS, ck)) issues.push({ code: 'unknown_key', field: cf });
          else if (typeof cv === 'string' && cv.trim()) {
            if (!tooLong(cv, cf, {}, issues)) s.columns[ck as keyof typeof DEFAULT_COLUMNS] = cv.trim();
          } else issues.push({ code: 'wrong_type', field: cf, found: show(cv), expected: 'a column header' });
        }
        break;
      case 'significance':
        if (typeof v === 'number' && v > 0 && v < 1) s.significance = v;
        else issues.push({ code: 'bad_value', field, found: show(v), expected: 'a number between 0 and 1' });
        break;
      case 'max_lag':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 24) s.max_lag = v;
        else issues.push({ code: 'bad_value', field, found: show(v), expected: 'a whole number from 0 to 24' });
        break;
      case 'horizon_months':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 24) s.horizon_months = v;
        else issues.push({ code: 'bad_value', field, found: show(v), expected: 'a whole number from 1 to 24' });
        break;
      case 'evidence':
        if (typeof v === 'string' && (EVIDENCE_MODES as readonly string[]).includes(v)) s.evidence = v as EvidenceMode;
        else issues.push({ code: 'bad_value', field, found: show(v), expected: `one of ${EVIDENCE_MODES.join(', ')}` });
        break;
      case 'alert_budget':
        if (typeof v === 'number' && v >= 0 && v <= 1) s.alert_budget = v;
        else issues.push({ code: 'bad_value', field, found: show(v), expected: 'a number from 0 to 1' });
        break;
      case 'bigquery_project':
        if (v === undefined) break; // an empty cell of the settings sheet: absent
        if (typeof v !== 'string') issues.push({ code: 'wrong_type', field, found: show(v), expected: 'a text' });
        else if (!v.trim())
          break; // empty: absent
        else if (tooLong(v, field, {}, issues)) break;
        else if (isProjectId(v.trim())) s.bigquery_project = v.trim();
        else issues.push({ code: 'bad_project_id', field, found: show(v.trim()) });
        break;
      case 'accounts_table':
      case 'snapshots_table': {
        if (v === undefined) break;
        if (typeof v !== 'string') {
          issues.push({ code: 'wrong_type', field, found: show(v), expected: 'a text' });
          break;
        }
        if (!v.trim() || tooLong(v, field, {}, issues)) break;
        const path = parseTablePath(v.trim());
        if (path.ok) s[k] = v.trim();
        else issues.push({ code: 'bad_table_name', field, found: show(v.trim()), part: path.part });
        break;
      }
      default:
        issues.push({ code: 'unknown_key', field: `settings.${clipText(k)}` });
    }
  }
  // Snapshots from BigQuery with Accounts from a sheet is not a mode: both tables, or the Accounts table alone.
  if (typeof raw.snapshots_table === 'string' && raw.snapshots_table.trim()) {
    const accounts = raw.accounts_table;
    if (typeof accounts !== 'string' || !accounts.trim())
      issues.push({
        code: 'table_without_accounts',
        field: 'settings.snapshots_table',
        found: show(raw.snapshots_table.trim()),
      });
  }
  return s;
}

function validateThresholds(
  v: unknown,
  at: Pick<TreeIssue, 'node' | 'row'>,
  field: string,
  issues: TreeIssue[],
): Thresholds | null {
  if (!isObject(v)) {
    issues.push({ ...at, code: 'wrong_type', field, found: show(v), expected: 'an object with warn and/or alert' });
    return null;
  }
  const t: Thresholds = {};
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'warn' && k !== 'alert') issues.push({ ...at, code: 'unknown_key', field: `${field}.${clipText(k)}` });
    else if (typeof x === 'number' && Number.isFinite(x)) t[k] = x;
    else issues.push({ ...at, code: 'wrong_type', field: `${field}.${k}`, found: show(x), expected: 'a number' });
  }
  return t;
}

function validateNode(raw: unknown, index: number, rowOf: RowOf, issues: TreeIssue[]): TreeNode | null {
  const row = rowOf(index);
  if (!isObject(raw)) {
    issues.push({ code: 'not_object', row, found: show(raw), field: `nodes[${index}]` });
    return null;
  }
  const id = typeof raw.id === 'string' && raw.id.trim() ? raw.id.trim() : '';
  const at = { node: id ? clipText(id) : `#${index + 1}`, ...(row !== undefined ? { row } : {}) };
  const before = issues.length;
  if (!id)
    issues.push({
      ...at,
      code: raw.id === undefined ? 'missing' : 'wrong_type',
      field: 'id',
      found: show(raw.id),
      expected: 'a non-empty text',
    });
  for (const k of Object.keys(raw))
    if (!(NODE_KEYS as readonly string[]).includes(k)) issues.push({ ...at, code: 'unknown_key', field: clipText(k) });
  for (const k of ['id', 'parent', ...STRING_KEYS] as const) {
    const v = raw[k];
    if (typeof v === 'string') tooLong(v, k, at, issues);
  }

  const node: TreeNode = { id, parent: null, type: 'kpi', name: '' };
  if (raw.parent === null) node.parent = null;
  else if (typeof raw.parent === 'string' && raw.parent.trim()) node.parent = raw.parent.trim();
  else
    issues.push({
      ...at,
      code: raw.parent === undefined ? 'missing' : 'wrong_type',
      field: 'parent',
      found: show(raw.parent),
      expected: 'a node id, or null for the KGI',
    });

  if (typeof raw.type === 'string' && (NODE_TYPES as readonly string[]).includes(raw.type))
    node.type = raw.type as NodeType;
  else
    issues.push({
      ...at,
      code: raw.type === undefined ? 'missing' : 'bad_value',
      field: 'type',
      found: show(raw.type),
      expected: `one of ${NODE_TYPES.join(', ')}`,
    });

  if (typeof raw.name === 'string' && raw.name.trim()) node.name = raw.name.trim();
  else
    issues.push({
      ...at,
      code: raw.name === undefined ? 'missing' : 'wrong_type',
      field: 'name',
      found: show(raw.name),
      expected: 'a non-empty text',
    });

  for (const k of STRING_KEYS) {
    if (k === 'name' || raw[k] === undefined) continue;
    if (typeof raw[k] === 'string') {
      const s = (raw[k] as string).trim();
      if (s) node[k] = s;
    } else issues.push({ ...at, code: 'wrong_type', field: k, found: show(raw[k]), expected: 'a text' });
  }
  for (const k of NUMBER_KEYS) {
    const v = raw[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      issues.push({ ...at, code: 'wrong_type', field: k, found: show(v), expected: 'a number' });
    else if (k === 'weight' && !(v > 0))
      issues.push({ ...at, code: 'bad_value', field: k, found: show(v), expected: 'a number greater than 0' });
    else node[k] = v;
  }
  for (const k of DATE_KEYS) {
    const v = raw[k];
    if (v === undefined) continue;
    if (typeof v === 'string' && isIsoDate(v.trim())) node[k] = v.trim();
    else issues.push({ ...at, code: 'bad_value', field: k, found: show(v), expected: 'a date written yyyy-mm-dd' });
  }
  const enumKey = <T extends string>(k: 'kind' | 'direction' | 'method', list: readonly T[]) => {
    const v = raw[k];
    if (v === undefined) return;
    if (typeof v === 'string' && (list as readonly string[]).includes(v))
      (node as unknown as Record<string, unknown>)[k] = v;
    else issues.push({ ...at, code: 'bad_value', field: k, found: show(v), expected: `one of ${list.join(', ')}` });
  };
  enumKey<Kind>('kind', KINDS);
  enumKey<Direction>('direction', DIRECTIONS);
  enumKey<CompositeMethod>('method', METHODS);
  if (raw.by_plan !== undefined) {
    if (!isObject(raw.by_plan)) {
      issues.push({
        ...at,
        code: 'wrong_type',
        field: 'by_plan',
        found: show(raw.by_plan),
        expected: 'an object: plan → {warn, alert}',
      });
    } else {
      // No prototype: a plan named "__proto__" or "constructor" is a plan like any other.
      const byPlan: Record<string, Thresholds> = Object.create(null);
      const entries = Object.entries(raw.by_plan);
      if (entries.length > TREE_LIMITS.plans) {
        issues.push({
          ...at,
          code: 'too_many_plans',
          field: 'by_plan',
          found: count(entries.length),
          expected: count(TREE_LIMITS.plans),
        });
      } else {
        for (const [plan, t] of entries) {
          const field = `by_plan.${clipText(plan)}`;
          if (tooLong(plan, field, at, issues)) continue;
          const th = validateThresholds(t, at, field, issues);
          if (th) byPlan[plan.trim()] = th;
        }
      }
      node.by_plan = byPlan;
    }
  }
  return issues.length === before ? node : node.id ? node : null;
}

/** Validates a parsed JSON document (or the same shape read from the tree sheet). */
export function validateTree(doc: unknown, rowOf: RowOf = () => undefined): TreeResult {
  const issues: TreeIssue[] = [];
  if (!isObject(doc))
    return { ok: false, issues: [{ code: 'not_object', found: show(doc), expected: 'a JSON object' }] };
  for (const k of Object.keys(doc))
    if (!['format', 'settings', 'nodes'].includes(k)) issues.push({ code: 'unknown_key', field: k });
  if (doc.format !== TREE_FORMAT)
    issues.push({ code: 'format', field: 'format', found: show(doc.format), expected: TREE_FORMAT });
  const settings = validateSettings(doc.settings, issues);
  if (!Array.isArray(doc.nodes)) {
    issues.push({
      code: doc.nodes === undefined ? 'missing' : 'wrong_type',
      field: 'nodes',
      expected: 'a list of nodes',
    });
    return { ok: false, issues };
  }
  if (doc.nodes.length > TREE_LIMITS.nodes) {
    issues.push({
      code: 'too_many_nodes',
      field: 'nodes',
      found: count(doc.nodes.length),
      expected: count(TREE_LIMITS.nodes),
    });
    return { ok: false, issues };
  }
  const nodes: TreeNode[] = [];
  const indexOf = new Map<TreeNode, number>();
  doc.nodes.forEach((raw, i) => {
    const n = validateNode(raw, i, rowOf, issues);
    if (n) {
      nodes.push(n);
      indexOf.set(n, i);
    }
  });
  const at = (n: TreeNode) => {
    const row = rowOf(indexOf.get(n) as number);
    return { node: n.id, ...(row !== undefined ? { row } : {}) };
  };

  // Ids, roots, parents, cycles.
  const byId = new Map<string, TreeNode>();
  for (const n of nodes) {
    if (!n.id) continue;
    if (byId.has(n.id)) issues.push({ ...at(n), code: 'duplicate_id', field: 'id', found: show(n.id) });
    else byId.set(n.id, n);
  }
  const roots = nodes.filter((n) => n.parent === null);
  const kgis = nodes.filter((n) => n.type === 'kgi');
  for (const k of kgis)
    if (k.parent !== null) issues.push({ ...at(k), code: 'kgi_not_root', field: 'parent', found: show(k.parent) });
  if (roots.length === 0 && kgis.length === 0 && nodes.length > 0)
    issues.push({ code: 'no_root', expected: 'one node of type kgi with parent null' });
  else if (nodes.length === 0)
    issues.push({ code: 'no_root', field: 'nodes', expected: 'one node of type kgi with parent null' });
  for (const r of roots)
    if (r.type !== 'kgi') issues.push({ ...at(r), code: 'second_root', field: 'parent', found: 'null' });
  if (kgis.length > 1)
    for (const k of kgis.slice(1)) issues.push({ ...at(k), code: 'second_root', field: 'type', found: '"kgi"' });
  if (roots.length > 0 && kgis.length === 0)
    issues.push({ code: 'no_root', expected: 'one node of type kgi with parent null' });
  for (const n of nodes) {
    if (n.parent !== null && !byId.has(n.parent))
      issues.push({ ...at(n), code: 'missing_parent', field: 'parent', found: show(n.parent) });
  }
  // Cycles and levels in one pass: every chain of parents is walked once.
  // A node on a loop of parents is in a cycle (each is reported, naming the
  // loop); a node reaching the KGI has a level (the KGI is 1).
  const level = new Map<TreeNode, number>();
  const done = new Set<TreeNode>();
  let tooDeep: TreeNode | null = null;
  for (const n of nodes) {
    if (done.has(n)) continue;
    const path: TreeNode[] = [];
    const onPath = new Map<TreeNode, number>();
    let cur: TreeNode | undefined = n;
    while (cur && !done.has(cur) && !onPath.has(cur)) {
      onPath.set(cur, path.length);
      path.push(cur);
      cur = cur.parent === null ? undefined : byId.get(cur.parent);
    }
    if (cur && onPath.has(cur)) {
      const ring = path.slice(onPath.get(cur));
      for (const [i, m] of ring.entries())
        issues.push({
          ...at(m),
          code: 'cycle',
          field: 'parent',
          found: loopText([...ring.slice(i), ...ring.slice(0, i)]),
        });
    }
    // Levels down the path, from what its top reached: a root, a node with a level, or neither.
    const top = path[path.length - 1];
    let l = top.parent === null ? 0 : cur && level.has(cur) ? (level.get(cur) as number) : -1;
    if (l >= 0) {
      for (let i = path.length - 1; i >= 0; i--) {
        level.set(path[i], ++l);
        if (l > TREE_LIMITS.levels && !tooDeep) tooDeep = path[i];
      }
    }
    for (const m of path) done.add(m);
  }
  if (tooDeep)
    issues.push({
      ...at(tooDeep),
      code: 'too_many_levels',
      found: count(level.get(tooDeep) as number),
      expected: count(TREE_LIMITS.levels),
    });
  // The children of a composite share its direction.
  const directionOf = (n: TreeNode, depth = 0): Direction => {
    if (n.direction) return n.direction;
    const p = n.parent === null ? undefined : byId.get(n.parent);
    return p && p.type === 'composite' && depth < nodes.length ? directionOf(p, depth + 1) : 'higher_is_better';
  };
  for (const n of nodes) {
    const p = n.parent === null ? undefined : byId.get(n.parent);
    if (p && p.type === 'composite' && n.direction && n.direction !== directionOf(p)) {
      issues.push({
        ...at(n),
        code: 'direction_mismatch',
        field: 'direction',
        found: show(n.direction),
        expected: directionOf(p),
      });
    }
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, tree: { format: TREE_FORMAT, settings, nodes } };
}

/** The ids around a loop of parents, the first repeated at the end; a long loop clipped. */
function loopText(ring: TreeNode[]): string {
  const ids = ring.map((n) => clipText(n.id, 40));
  const shown = ids.length > 8 ? [...ids.slice(0, 4), '…', ...ids.slice(-2)] : ids;
  const text = [...shown, ids[0]].join(' → ');
  return ids.length > 8 ? `${text} (${count(ids.length)} nodes)` : text;
}

/** An issue when a JSON text is past the size or nesting ceilings, checked before it is parsed; else null. */
export function jsonCeiling(text: string, field?: string): TreeIssue | null {
  if (text.length > TREE_LIMITS.jsonChars) {
    return {
      code: 'too_large',
      ...(field ? { field } : {}),
      found: count(text.length),
      expected: count(TREE_LIMITS.jsonChars),
    };
  }
  const depth = jsonNesting(text, TREE_LIMITS.jsonDepth);
  if (depth > TREE_LIMITS.jsonDepth)
    return {
      code: 'too_deep',
      ...(field ? { field } : {}),
      found: `> ${TREE_LIMITS.jsonDepth}`,
      expected: count(TREE_LIMITS.jsonDepth),
    };
  return null;
}

/** Parses JSON text and validates it; a syntax error is an issue too. */
export function parseTreeJson(text: string): TreeResult {
  const tooBig = jsonCeiling(text);
  if (tooBig) return { ok: false, issues: [tooBig] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ code: 'not_object', found: (e as Error).message, expected: 'valid JSON' }] };
  }
  return validateTree(doc);
}

/** The tree as a `kpi-lamp/tree@1` JSON document (keys in the format's order). */
export function treeToJson(tree: Tree): string {
  const nodes = tree.nodes.map((n) => {
    const o: Record<string, unknown> = {};
    for (const k of NODE_KEYS) if (n[k] !== undefined) o[k] = n[k];
    if (!('parent' in o)) o.parent = null;
    return o;
  });
  return JSON.stringify({ format: TREE_FORMAT, settings: tree.settings, nodes }, null, 2);
}
