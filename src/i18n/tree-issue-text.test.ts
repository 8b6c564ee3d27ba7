import { validateTree } from '../core/tree/validate';
import { treeIssueText } from './tree-issue-text';

describe('treeIssueText', () => {
  it('names the node, its row and the problem, in either language', () => {
    const issue = { code: 'missing_parent', node: 'login', row: 4, field: 'parent', found: '"nope"' } as const;
    expect(treeIssueText('en', issue)).toBe('node "login", row 4: its parent "nope" does not exist');
    expect(treeIssueText('ja', issue)).toBe('ノード "login"、4 行目: 親 "nope" が存在しません');
  });

  it('says what was found and what is expected', () => {
    const r = validateTree({
      format: 'kpi-lamp/tree@1',
      settings: { alert_budget: 1.5 },
      nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }],
    });
    if (r.ok) throw new Error('expected the tree to be invalid');
    expect(treeIssueText('en', r.issues[0])).toBe('settings.alert_budget is 1.5, expected a number from 0 to 1');
  });
});
