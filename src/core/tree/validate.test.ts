import { issueText, parseTreeJson, treeToJson, validateTree } from './validate';
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
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: 'missing_parent', node: 'login', found: '"nope"' })]);
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
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: 'direction_mismatch', node: 'sub', expected: 'higher_is_better' })]);
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
    expect(issuesOf({ ...base(), settings: { max_lag: -1, significance: 2 } }).map((i) => i.field)).toEqual(['settings.max_lag', 'settings.significance']);
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
    for (const v of [-0.1, '20%', null, true]) expect(issuesOf({ ...base(), settings: { alert_budget: v } })[0].field).toBe('settings.alert_budget');
    expect(issuesOf({ ...base(), settings: { evidence: true } })[0].field).toBe('settings.evidence');
    expect(issueText(issues[1])).toBe('settings.alert_budget is 1.5, expected a number from 0 to 1');
  });
  it('messages name the node, its row and the problem', () => {
    expect(issueText({ code: 'missing_parent', node: 'login', row: 4, field: 'parent', found: '"nope"' })).toBe(
      'node "login", row 4: parent is "nope", which does not exist',
    );
  });
  it('export and import round-trip', () => {
    const r = validateTree(base());
    if (!r.ok) throw new Error();
    const again = parseTreeJson(treeToJson(r.tree));
    expect(again).toEqual(r);
  });
});
