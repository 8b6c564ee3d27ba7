/** A tree validation problem in a person's language, naming the node and its row. */
import type { TreeIssue } from '../core/tree/validate';
import { t, type Lang } from './messages';

export function treeIssueText(lang: Lang, issue: TreeIssue): string {
  const where = [
    issue.node !== undefined ? t(lang, 'tree.where.node', { node: issue.node }) : '',
    issue.row !== undefined ? t(lang, 'tree.where.row', { row: issue.row }) : '',
  ].filter(Boolean);
  const text = t(lang, `tree.issue.${issue.code}`, {
    field: issue.field,
    found: issue.found,
    expected: issue.expected,
  });
  return where.length ? `${where.join(lang === 'ja' ? '、' : ', ')}: ${text}` : text;
}
