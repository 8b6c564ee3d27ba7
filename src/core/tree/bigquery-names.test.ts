import { billingProject, isProjectId, parseTablePath } from './bigquery-names';

describe('isProjectId (6–30 lowercase letters, digits, hyphens; a letter first; no hyphen last)', () => {
  it.each([
    'my-project',
    'abcdef',
    'a12345',
    `a${'b'.repeat(29)}`,
    'kpi-lamp-2026',
    'example.com:my-project',
    'google.co.jp:cs-data',
  ])('%s is a project id', (id) => expect(isProjectId(id)).toBe(true));
  it.each([
    ['too short', 'abcde'],
    ['too long', `a${'b'.repeat(30)}`],
    ['uppercase', 'My-project'],
    ['starts with a digit', '1project'],
    ['ends with a hyphen', 'my-project-'],
    ['underscore', 'my_project'],
    ['space', 'my project'],
    ['empty', ''],
    ['a domain without a dot', 'example:my-project'],
    ['an empty domain', ':my-project'],
    ['a bad project after the domain', 'example.com:My-project'],
    ['two colons', 'example.com:a:my-project'],
  ])('%s: %s is not', (_why, id) => expect(isProjectId(id)).toBe(false));
});

describe('parseTablePath (project.dataset.table)', () => {
  it('splits a plain and a domain-scoped path', () => {
    expect(parseTablePath('my-project.cs.accounts')).toEqual({
      ok: true,
      project: 'my-project',
      dataset: 'cs',
      table: 'accounts',
    });
    expect(parseTablePath('example.com:my-project.cs_data.Snapshots_2026')).toEqual({
      ok: true,
      project: 'example.com:my-project',
      dataset: 'cs_data',
      table: 'Snapshots_2026',
    });
  });
  it.each(['table 01', 'ग्राहक', '00_お客様', 'étudiant-01'])('the documented table name %s is accepted', (t) => {
    expect(parseTablePath(`my-project.cs.${t}`)).toMatchObject({ ok: true, table: t });
  });
  it.each([
    ['path', 'accounts'],
    ['path', 'cs.accounts'],
    ['path', 'my-project.cs.accounts.extra'],
    ['path', 'my-project..accounts'],
    ['path', 'my-project.cs.'],
    ['path', '`my-project.cs.accounts`'],
    ['project', 'My-Project.cs.accounts'],
    ['project', 'proj.cs.accounts'],
    ['dataset', 'my-project.cs-data.accounts'],
    ['dataset', 'my-project.顧客.accounts'],
    ['table', 'my-project.cs.accounts$20260101'],
    ['table', 'my-project.cs.acc/ounts'],
    ['table', `my-project.cs.${'é'.repeat(513)}`],
  ])('the %s of %s is wrong', (part, path) => {
    expect(parseTablePath(path)).toEqual({ ok: false, part });
  });
  it('a table name of exactly 1,024 UTF-8 bytes is accepted, one byte more is not', () => {
    expect(parseTablePath(`my-project.cs.${'é'.repeat(512)}`).ok).toBe(true);
    expect(parseTablePath(`my-project.cs.${'é'.repeat(512)}a`).ok).toBe(false);
    expect(parseTablePath(`my-project.cs.${'a'.repeat(1024)}`).ok).toBe(true);
  });
});

describe('billingProject', () => {
  it('bigquery_project when set, else the Accounts table’s project, else none', () => {
    expect(billingProject({ bigquery_project: 'billing-1', accounts_table: 'data-1.cs.accounts' })).toBe('billing-1');
    expect(billingProject({ accounts_table: 'data-1.cs.accounts' })).toBe('data-1');
    expect(billingProject({ accounts_table: 'example.com:data-1.cs.accounts' })).toBe('example.com:data-1');
    expect(billingProject({ bigquery_project: 'billing-1' })).toBeNull();
    expect(billingProject({})).toBeNull();
  });
});
