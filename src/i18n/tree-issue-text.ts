/** A tree validation problem in a person's language, naming the node and its row. */
import type { TreeIssue } from '../core/tree/validate';
import { t, type Lang } from './messages';

export function treeIssueText(lang: Lang, issue: TreeIssue): string {
  const where = [
    issue.node !== undefined ? t(lang, 'tree.where.node', { node: issue.node }) : '',
    issue.row !== undefined ? t(lang, 'tree.where.row', { row: issue.row }) : '',
  ].filter(Boolean);
  const key =
    issue.code === 'bad_table_name' && issue.part
      ? (`tree.issue.bad_table_name.${issue.part}` as const)
      : (`tree.issue.${issue.code}` as const);
  const text = t(lang, key, {
    field: issue.field,
    found: issue.found,
    expected: issue.expected,
  });
  return where.length ? `${where.join(lang === 'ja' ? '、' : ', ')}: ${text}` : text;
}
