/** A tree validation problem in a person's language, naming the node and its row. */
import type { TreeIssue } from '../core/tree/validate';
import type { TablePart } from '../core/tree/bigquery-names';
import { t, type Lang } from './messages';

/** The text of a `project.dataset.table` path whose `part` is wrong (the tree's settings', and the sql command's flags). */
export const tableIssueKey = (part: TablePart) => `tree.issue.bad_table_name.${part}` as const;

export function treeIssueText(lang: Lang, issue: TreeIssue): string {
  const where = [
    issue.node !== undefined ? t(lang, 'tree.where.node', { node: issue.node }) : '',
    issue.row !== undefined ? t(lang, 'tree.where.row', { row: issue.row }) : '',
  ].filter(Boolean);
  const key =
    issue.code === 'bad_table_name' && issue.part ? tableIssueKey(issue.part) : (`tree.issue.${issue.code}` as const);
  const text = t(lang, key, {
    field: issue.field,
    found: issue.found,
    expected: issue.expected,
  });
  return where.length ? `${where.join(lang === 'ja' ? '、' : ', ')}: ${text}` : text;
}
