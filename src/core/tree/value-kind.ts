/**
 * How a lamp node's values read to a person: a rate (a fraction, 0.112 read
 * as 11%) or a plain number (a count, a score). The tree format has no unit,
 * so the node's own cut-offs say it: a node whose thresholds (warn, alert,
 * each plan's, its floor) all lie from 0 to 1, one of them strictly between,
 * is a rate (a login rate with 0.5 and 0.3); any other is a number (meetings
 * with 1 and 0, an NPS answer with 3, a done/not-done flag with 0).
 */
import type { TreeNode } from './types';

export type ValueKind = 'rate' | 'number';

export function valueKind(node: Pick<TreeNode, 'warn' | 'alert' | 'floor' | 'by_plan'>): ValueKind {
  const cuts: number[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) cuts.push(v);
  };
  add(node.warn);
  add(node.alert);
  add(node.floor);
  for (const t of Object.values(node.by_plan ?? {})) {
    add(t.warn);
    add(t.alert);
  }
  return cuts.length > 0 && cuts.every((v) => v >= 0 && v <= 1) && cuts.some((v) => v > 0 && v < 1) ? 'rate' : 'number';
}
