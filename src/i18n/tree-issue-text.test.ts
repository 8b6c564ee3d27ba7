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

describe('treeIssueText for the BigQuery settings', () => {
  const issuesOf = (settings: Record<string, unknown>) => {
    const r = validateTree({
      format: 'kpi-lamp/tree@1',
      settings,
      nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }],
    });
    if (r.ok) throw new Error('expected the tree to be invalid');
    return r.issues;
  };

  it('names the wrong part of a table path, in either language', () => {
    const [dataset] = issuesOf({ accounts_table: 'my-project.cs-data.accounts' });
    expect(treeIssueText('en', dataset)).toBe(
      'settings.accounts_table is "my-project.cs-data.accounts": the dataset (between the dots) may hold only letters, digits and underscores',
    );
    expect(treeIssueText('ja', dataset)).toBe(
      'settings.accounts_table が "my-project.cs-data.accounts" です。データセット名(ドットとドットの間)に使えるのは英字・数字・アンダースコアだけです',
    );
    const texts = (['path', 'project', 'table'] as const).map((part) =>
      treeIssueText('en', { code: 'bad_table_name', field: 'f', found: 'x', part }),
    );
    expect(new Set(texts).size).toBe(3);
    expect(texts[0]).toContain('project.dataset.table');
  });

  it('a bad project id and a Snapshots table alone', () => {
    const issues = issuesOf({ bigquery_project: 'My_Project', snapshots_table: 'my-project.cs.snapshots' });
    expect(issues.map((i) => treeIssueText('en', i))).toEqual([
      'settings.bigquery_project is "My_Project", which is not a Google Cloud project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. my-project, or example.com:my-project)',
      'settings.snapshots_table is "my-project.cs.snapshots", but settings.accounts_table is empty: name the Accounts table too, or empty both to read the sheets',
    ]);
    for (const i of issues) expect(treeIssueText('ja', i)).not.toMatch(/[{}]|which is|but settings/);
  });
});
