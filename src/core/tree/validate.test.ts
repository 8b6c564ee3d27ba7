import { parseTreeJson, treeToJson, validateTree } from './validate';
import { TREE_LIMITS } from './limits';
import { evaluateAccounts } from '../lamps/evaluate';
import { treeOrder, directionOf } from './structure';

const base = () => ({
  format: 'kpi-lamp/tree@1',
  nodes: [
    { id: 'kgi', parent: null, type: 'kgi', name: 'Churn', direction: 'lower_is_better', history_column: 'churn_rate' },
    { id: 'a', parent: 'kgi', type: 'csf', name: 'Adoption' },
    { id: 'login', parent: 'a', type: 'kpi', name: 'Login', kind: 'leading', warn: 0.5, alert: 0.3, action: 'Call' },
    { id: 'keep', parent: 'kgi', type: 'composite', name: 'Sub × ret', method: 'product', warn: 0.45 },
    { id: 'sub', parent: 'keep', type: 'kpi', name: 'Sub', floor: 0.5 },
    { id: 'ret', parent: 'keep', type: 'kpi', name: 'Ret', floor: 0.6 },
  ],
});

const issuesOf = (doc: unknown) => {
  const r = validateTree(doc);
  if (r.ok) throw new Error('expected the tree to be invalid');
  return r.issues;
};

describe('validateTree', () => {
  it('accepts a valid tree and fills the default settings', () => {
    const r = validateTree(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tree.settings.max_lag).toBe(6);
    expect(r.tree.settings.columns.id).toBe('account_id');
    expect(treeOrder(r.tree).map((n) => n.id)).toEqual(['kgi', 'a', 'login', 'keep', 'sub', 'ret']);
  });
  it('orders depth-first, children in the order they appear', () => {
    const doc = base();
    doc.nodes.push({ id: 'z', parent: 'a', type: 'kpi', name: 'Z' } as never);
    const r = validateTree({ ...doc, nodes: [doc.nodes[6], ...doc.nodes.slice(0, 6)] });
    expect(r.ok && treeOrder(r.tree).map((n) => n.id)).toEqual(['kgi', 'a', 'z', 'login', 'keep', 'sub', 'ret']);
  });
  it('children of a composite take its direction', () => {
    const doc = base();
    doc.nodes[3] = { ...doc.nodes[3], direction: 'lower_is_better' } as never;
    const r = validateTree(doc);
    expect(r.ok && directionOf(r.tree, r.tree.nodes[4])).toBe('lower_is_better');
  });
  it('a missing root', () => {
    const doc = base();
    doc.nodes = doc.nodes.slice(1).map((n) => (n.id === 'a' ? { ...n, parent: null } : n)) as never;
    const codes = issuesOf(doc).map((i) => i.code);
    expect(codes).toContain('no_root');
  });
  it('a second root, or a second KGI', () => {
    const doc = base();
    doc.nodes.push({ id: 'orphan', parent: null, type: 'csf', name: 'O' } as never);
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: 'second_root', node: 'orphan' })]);
    const two = base();
    two.nodes.push({ id: 'kgi2', parent: 'kgi', type: 'kgi', name: 'K2' } as never);
    expect(issuesOf(two).map((i) => i.code)).toEqual(['kgi_not_root', 'second_root']);
  });
  it('a parent that does not exist', () => {
    const doc = base();
    doc.nodes[2] = { ...doc.nodes[2], parent: 'nope' } as never;
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: 'missing_parent', node: 'login', found: '"nope"' }),
    ]);
  });
  it('a cycle', () => {
    const doc = base();
    doc.nodes[1] = { ...doc.nodes[1], parent: 'login' } as never;
    const issues = issuesOf(doc);
    expect(issues.every((i) => i.code === 'cycle')).toBe(true);
    expect(issues.map((i) => i.node).sort()).toEqual(['a', 'login']);
  });
  it('a repeated id', () => {
    const doc = base();
    doc.nodes.push({ id: 'login', parent: 'a', type: 'kpi', name: 'Again' } as never);
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: 'duplicate_id', node: 'login' })]);
  });
  it('values of the wrong type or outside their lists', () => {
    const doc = base();
    doc.nodes[2] = { ...doc.nodes[2], kind: 'early', warn: '50%', review_date: '2027-02-30' } as never;
    expect(issuesOf(doc).map((i) => [i.node, i.code, i.field])).toEqual([
      ['login', 'wrong_type', 'warn'],
      ['login', 'bad_value', 'review_date'],
      ['login', 'bad_value', 'kind'],
    ]);
  });
  it('an unknown key, in a node, in settings or at the top', () => {
    const doc = { ...base(), extra: 1, settings: { max_lag: 6, colour: 'red', columns: { idd: 'x' } } };
    doc.nodes[2] = { ...doc.nodes[2], threshold: 1 } as never;
    expect(issuesOf(doc).map((i) => [i.code, i.field])).toEqual([
      ['unknown_key', 'extra'],
      ['unknown_key', 'settings.colour'],
      ['unknown_key', 'settings.columns.idd'],
      ['unknown_key', 'threshold'],
    ]);
  });
  it('a composite child with the other direction', () => {
    const doc = base();
    doc.nodes[4] = { ...doc.nodes[4], direction: 'lower_is_better' } as never;
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: 'direction_mismatch', node: 'sub', expected: 'higher_is_better' }),
    ]);
  });
  it('by_plan entries hold only numeric warn and alert', () => {
    const doc = base();
    doc.nodes[2] = { ...doc.nodes[2], by_plan: { Enterprise: { warn: 0.6, alert: 'low', floor: 1 } } } as never;
    expect(issuesOf(doc).map((i) => i.field)).toEqual(['by_plan.Enterprise.alert', 'by_plan.Enterprise.floor']);
  });
  it('a wrong format, bad JSON and bad settings are reported too', () => {
    expect(issuesOf({ ...base(), format: 'kpi-lamp/tree@2' })[0].code).toBe('format');
    const bad = parseTreeJson('{ not json');
    expect(bad.ok).toBe(false);
    expect(issuesOf({ ...base(), settings: { max_lag: -1, significance: 2 } }).map((i) => i.field)).toEqual([
      'settings.max_lag',
      'settings.significance',
    ]);
  });
  it('evidence and alert_budget: defaults when absent ("show", 0.2), their values when given', () => {
    const r = validateTree(base());
    expect(r.ok && [r.tree.settings.evidence, r.tree.settings.alert_budget]).toEqual(['show', 0.2]);
    const g = validateTree({ ...base(), settings: { evidence: 'gate', alert_budget: 0 } });
    expect(g.ok && [g.tree.settings.evidence, g.tree.settings.alert_budget]).toEqual(['gate', 0]);
    const one = validateTree({ ...base(), settings: { alert_budget: 1 } });
    expect(one.ok && one.tree.settings.alert_budget).toBe(1);
  });
  it('a bad evidence mode or alert budget is named, with what is expected', () => {
    const issues = issuesOf({ ...base(), settings: { evidence: 'hide', alert_budget: 1.5 } });
    expect(issues.map((i) => [i.code, i.field, i.found, i.expected])).toEqual([
      ['bad_value', 'settings.evidence', '"hide"', 'one of show, gate'],
      ['bad_value', 'settings.alert_budget', '1.5', 'a number from 0 to 1'],
    ]);
    for (const v of [-0.1, '20%', null, true])
      expect(issuesOf({ ...base(), settings: { alert_budget: v } })[0].field).toBe('settings.alert_budget');
    expect(issuesOf({ ...base(), settings: { evidence: true } })[0].field).toBe('settings.evidence');
  });
  it('export and import round-trip', () => {
    const r = validateTree(base());
    if (!r.ok) throw new Error();
    const again = parseTreeJson(treeToJson(r.tree));
    expect(again).toEqual(r);
  });
});

describe('keys from a file never reach a prototype', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'settings.columns.%s is an unknown key',
    (key) => {
      const doc = JSON.parse(
        `{"format":"kpi-lamp/tree@1","settings":{"columns":{"${key}":"x"}},"nodes":[{"id":"kgi","parent":null,"type":"kgi","name":"K"}]}`,
      );
      expect(issuesOf(doc)).toEqual([{ code: 'unknown_key', field: `settings.columns.${key}` }]);
    },
  );

  it('a by_plan entry for the plans "__proto__" and "constructor" is kept, exported and used', () => {
    const text = JSON.stringify(base()).replace(
      '"action":"Call"',
      '"action":"Call","by_plan":{"__proto__":{"warn":0.9},"constructor":{"alert":0.8}}',
    );
    const r = parseTreeJson(text);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const login = r.tree.nodes[2];
    expect(Object.keys(login.by_plan!)).toEqual(['__proto__', 'constructor']);
    // Used by the lamps: the plan's own thresholds, a plan named like a prototype's member included.
    const accounts = {
      name: 'Accounts',
      header: ['account_id', 'plan'],
      rows: [
        ['A', '__proto__'],
        ['B', ' constructor '],
        ['C', 'toString'],
      ],
    };
    const used = evaluateAccounts(r.tree, accounts).map((a) => a.lamps.find((l) => l.node === login.id)!);
    expect(used.map((l) => ({ warn: l.warn, alert: l.alert }))).toEqual([
      { warn: 0.9, alert: null },
      { warn: null, alert: 0.8 },
      { warn: 0.5, alert: 0.3 },
    ]);
    expect(treeToJson(r.tree)).toContain('"__proto__": {');
    expect(parseTreeJson(treeToJson(r.tree))).toEqual(r);
  });

  it('keys such as __proto__ at the top, in settings or in a node are unknown keys', () => {
    const doc = JSON.parse(
      JSON.stringify(base())
        .replace('{"format"', '{"__proto__":{"x":1},"format"')
        .replace('"name":"Adoption"', '"name":"Adoption","__proto__":{"warn":1}'),
    );
    expect(issuesOf(doc).map((i) => [i.code, i.field])).toEqual([
      ['unknown_key', '__proto__'],
      ['unknown_key', '__proto__'],
    ]);
  });
});

describe('ceilings', () => {
  const chain = (n: number, cycle = false) => ({
    format: 'kpi-lamp/tree@1',
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      parent: i === 0 ? (cycle ? `n${n - 1}` : null) : `n${i - 1}`,
      type: i === 0 && !cycle ? 'kgi' : 'csf',
      name: `N${i}`,
    })),
  });

  it('a 10,000-level parent chain and a 10,000-node cycle: one message, no walk', () => {
    for (const doc of [chain(10_000), chain(10_000, true)]) {
      expect(parseTreeJson(JSON.stringify(doc))).toEqual({
        ok: false,
        issues: [{ code: 'too_many_nodes', field: 'nodes', found: '10,000', expected: '500' }],
      });
    }
  });

  it('a cycle as long as the ceiling allows is found in one pass, each node naming the loop, clipped', () => {
    const issues = issuesOf(chain(TREE_LIMITS.nodes, true));
    const cycles = issues.filter((i) => i.code === 'cycle');
    expect(cycles).toHaveLength(TREE_LIMITS.nodes);
    expect(cycles[0]).toMatchObject({ node: 'n0', found: 'n0 → n499 → n498 → n497 → … → n2 → n1 → n0 (500 nodes)' });
    expect(Math.max(...cycles.map((i) => i.found!.length))).toBeLessThan(100);
  });

  it('levels: a chain deeper than the ceiling is named once, at the first node past it', () => {
    expect(validateTree(chain(TREE_LIMITS.levels)).ok).toBe(true);
    expect(issuesOf(chain(TREE_LIMITS.levels + 5))).toEqual([
      {
        code: 'too_many_levels',
        node: `n${TREE_LIMITS.levels}`,
        found: String(TREE_LIMITS.levels + 1),
        expected: String(TREE_LIMITS.levels),
      },
    ]);
  });

  it('texts: a 5 MB name, id or column is named with its length, never repeated', () => {
    const huge = 'x'.repeat(5_000_000);
    const doc = base();
    doc.nodes[2] = { ...doc.nodes[2], name: huge, action: huge } as never;
    (doc as Record<string, unknown>).settings = { accounts_sheet: huge, columns: { id: huge } };
    const issues = issuesOf(doc);
    expect(issues.map((i) => [i.code, i.field, i.found])).toEqual([
      ['too_long', 'settings.accounts_sheet', '5,000,000'],
      ['too_long', 'settings.columns.id', '5,000,000'],
      ['too_long', 'name', '5,000,000'],
      ['too_long', 'action', '5,000,000'],
    ]);
    const id = base();
    id.nodes[2] = { ...id.nodes[2], id: huge } as never;
    const idIssues = issuesOf(id);
    expect(idIssues[0]).toMatchObject({ code: 'too_long', field: 'id' });
    expect(JSON.stringify(idIssues).length).toBeLessThan(2000);
    expect(
      validateTree({
        ...base(),
        nodes: base().nodes.map((n, i) => (i === 2 ? { ...n, name: 'x'.repeat(TREE_LIMITS.textChars) } : n)),
      }).ok,
    ).toBe(true);
  });

  it('by_plan: at most TREE_LIMITS.plans plans', () => {
    const doc = base();
    const plans = Object.fromEntries(Array.from({ length: TREE_LIMITS.plans + 1 }, (_, i) => [`p${i}`, { warn: 0.5 }]));
    doc.nodes[2] = { ...doc.nodes[2], by_plan: plans } as never;
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: 'too_many_plans', node: 'login', found: '201', expected: '200' }),
    ]);
  });

  it('JSON text: too large or nested too deep is refused before it is parsed', () => {
    const deep = `{"format":"kpi-lamp/tree@1","nodes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(parseTreeJson(deep)).toEqual({ ok: false, issues: [{ code: 'too_deep', found: '> 16', expected: '16' }] });
    // Brackets inside strings do not count.
    const doc = base();
    doc.nodes[1] = { ...doc.nodes[1], name: '[[[[[[[[[[[[[[[[[[[[[[[[["\\' } as never;
    expect(parseTreeJson(JSON.stringify(doc)).ok).toBe(true);
    const big = parseTreeJson(' '.repeat(TREE_LIMITS.jsonChars + 1));
    expect(big).toEqual({ ok: false, issues: [{ code: 'too_large', found: '10,000,001', expected: '10,000,000' }] });
  });

  it('deeply nested values given as objects (the sidebar) are reported without overflowing the stack', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    const r = validateTree({ ...base(), settings: v });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toEqual({ code: 'wrong_type', field: 'settings', found: '[…]', expected: 'an object' });
  });
});

describe('BigQuery settings (issue 15)', () => {
  const tables = {
    bigquery_project: 'billing-project',
    accounts_table: 'data-project.cs.accounts',
    snapshots_table: 'example.com:data-project.cs.snapshots',
  };

  it('are kept when valid (trimmed), and absent when not given or empty', () => {
    const r = validateTree({ ...base(), settings: { ...tables, accounts_table: ' data-project.cs.accounts ' } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect([r.tree.settings.bigquery_project, r.tree.settings.accounts_table, r.tree.settings.snapshots_table]).toEqual(
      ['billing-project', 'data-project.cs.accounts', 'example.com:data-project.cs.snapshots'],
    );
    const none = validateTree(base());
    expect(none.ok && Object.keys(none.tree.settings)).not.toContain('bigquery_project');
    const empty = validateTree({ ...base(), settings: { bigquery_project: '', accounts_table: '  ' } });
    if (!empty.ok) throw new Error(JSON.stringify(empty.issues));
    expect(['bigquery_project', 'accounts_table', 'snapshots_table'].filter((k) => k in empty.tree.settings)).toEqual(
      [],
    );
  });

  it('an Accounts table alone is valid (lamps without a backtest); its project is billed when bigquery_project is absent', () => {
    const r = validateTree({ ...base(), settings: { accounts_table: 'data-project.cs.accounts' } });
    expect(r.ok && r.tree.settings.accounts_table).toBe('data-project.cs.accounts');
  });

  it('a bad project id, a bad path (naming the part) and a Snapshots table without Accounts are issues', () => {
    const issues = issuesOf({
      ...base(),
      settings: { bigquery_project: 'My Project', snapshots_table: 'data-project.cs-data.snapshots' },
    });
    expect(issues.map((i) => [i.code, i.field, i.found, i.part])).toEqual([
      ['bad_project_id', 'settings.bigquery_project', '"My Project"', undefined],
      ['bad_table_name', 'settings.snapshots_table', '"data-project.cs-data.snapshots"', 'dataset'],
      ['table_without_accounts', 'settings.snapshots_table', '"data-project.cs-data.snapshots"', undefined],
    ]);
    expect(issuesOf({ ...base(), settings: { accounts_table: 'accounts' } })).toEqual([
      { code: 'bad_table_name', field: 'settings.accounts_table', found: '"accounts"', part: 'path' },
    ]);
    expect(
      issuesOf({ ...base(), settings: { accounts_table: 42, bigquery_project: true } }).map((i) => i.code),
    ).toEqual(['wrong_type', 'wrong_type']);
  });

  it('a path past the text ceiling is named by its length', () => {
    const long = `p-project.cs.${'a'.repeat(TREE_LIMITS.textChars)}`;
    expect(issuesOf({ ...base(), settings: { accounts_table: long } })).toEqual([
      expect.objectContaining({ code: 'too_long', field: 'settings.accounts_table' }),
    ]);
  });

  it('round-trip through the JSON format', () => {
    const r = validateTree({ ...base(), settings: tables });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(parseTreeJson(treeToJson(r.tree))).toEqual(r);
    expect(JSON.parse(treeToJson(r.tree)).settings).toMatchObject(tables);
  });
});
